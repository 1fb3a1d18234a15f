"""A deeper Schemathesis run than the test suite's: more examples per operation, a random seed
(printed, to run the same again), and the tally: requests per operation, failures per check, time.

    .venv/bin/python scripts/fuzz_api.py --examples 200 [--seed N] [-k "GET /indicators"]

It runs tests/test_schemathesis.py (the app in-process, a real Neo4j holding the Makassar cascade,
found as the tests find it) and prints what that run wrote to artifacts/schemathesis.json.
Exit status: pytest's (0 when no check failed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TALLY = REPO / "artifacts" / "schemathesis.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=200, help="examples per operation (default 200)")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    parser.add_argument("-k", dest="only", default=None, help="only operations matching this pytest -k expression")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    env = {**os.environ, "LINEAGE_FUZZ_EXAMPLES": str(args.examples), "LINEAGE_FUZZ_SEED": str(seed)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_schemathesis.py"]
    if args.only:
        command += ["-k", args.only]
    print(f"seed {seed}, {args.examples} examples per operation", flush=True)
    TALLY.unlink(missing_ok=True)
    status = subprocess.run(command, cwd=REPO, env=env, check=False).returncode
    if not TALLY.exists():
        print("the run wrote no tally (it did not start)", file=sys.stderr)
        return status or 1
    tally = json.loads(TALLY.read_text())
    print(f"\n{tally['operations']} operations, {tally['requests']} requests in {tally['seconds']} s")
    for operation, count in tally["requests_by_operation"].items():
        print(f"  {count:6d}  {operation}")
    failures = tally["failures_by_check"]
    print("failures by check:", ", ".join(f"{name} {count}" for name, count in failures.items()) or "none")
    return status


if __name__ == "__main__":
    sys.exit(main())
