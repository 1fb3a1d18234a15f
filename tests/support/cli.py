"""Running the `lineage` command as a user's shell does (a fresh interpreter, real pipes and
signals), or in the test's own process where hundreds of runs must stay fast (`run_cli`)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from lineage.cli import main

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


@dataclass(frozen=True)
class Ran:
    status: int
    out: str
    err: str


def run_cli(argv: list[str]) -> Ran:
    """`lineage ARGV` in this process: its exit status and what it printed (a SystemExit's status
    counts too)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return Ran(status, out.getvalue(), err.getvalue())
