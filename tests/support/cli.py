"""Running the `lineage` command in the test's own process: what it printed, and its exit status."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from lineage.cli import main


@dataclass(frozen=True)
class Ran:
    status: int
    out: str
    err: str


def run_cli(argv: list[str]) -> Ran:
    """`lineage ARGV`, as a shell would see it: the status a SystemExit carries counts too."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return Ran(status, out.getvalue(), err.getvalue())
