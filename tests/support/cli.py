"""Running the `lineage` command as a user's shell does: a fresh interpreter, real pipes and signals."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence

#: `python -m lineage`, with the interpreter of the test run (the installed `lineage` script's twin).
LINEAGE = [sys.executable, "-m", "lineage"]


def run_lineage(
    args: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `lineage ARGS` to its end; the environment is the test run's, with `env` on top."""
    return subprocess.run(
        [*LINEAGE, *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_with_output_closed(args: Sequence[str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `lineage ARGS` with its standard output's reader gone before it writes a byte, as when
    `| head -1` has read its line: the exit status and what it said on standard error."""
    process = subprocess.Popen([*LINEAGE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    return subprocess.CompletedProcess(process.args, process.wait(timeout=timeout), "", stderr)
