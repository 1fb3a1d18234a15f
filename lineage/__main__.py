"""`python -m lineage` is the `lineage` command."""

import sys

from lineage.cli import main

sys.exit(main())
