"""The `lineage` command (Click). Each module here defines the commands of one subject.

Exit status (docs/cli.md; scripts rely on them):
  0   done
  1   the input was refused (invalid file, unknown indicator, a load already under way)
  2   bad usage (unknown command or option, missing argument, value out of range)
  3   Neo4j could not be reached or started (or Graphviz, for `render`, is missing)
  70  internal error: a bug in Lineage, never the input's fault (set LINEAGE_DEBUG=1 for the traceback)
  130 interrupted (Ctrl-C)
  141 the reader of the output went away (`lineage search x | head -1`), as for any tool

To add a command: write it with `@click.command()` in the module of its subject (import what it
calls inside the function, see `options`), and add its name and place to `COMMANDS` below.
`lineage --help` imports every command module, and must stay quick: tests/test_cli_shell.py
checks that it imports no driver, web framework, spreadsheet or graph library, nor pydantic.
See docs/cli.md.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from lineage.cli.common import safe_lines
from lineage.cli.errors import BROKEN_PIPE, DONE, INTERNAL_ERROR, INTERRUPTED, OutputClosed, classify

#: Each command: its name and where it is defined, in the order `lineage --help` lists them (the
#: database, cascades in and out, questions, the rest). A command's module is imported only when
#: that command runs (or `--help` lists them all), so `lineage validate` loads one module of these.
COMMANDS: dict[str, str] = {
    "db": "lineage.cli.db:db",
    "serve": "lineage.cli.serve:serve",
    "validate": "lineage.cli.load:validate",
    "load": "lineage.cli.load:load",
    "import": "lineage.cli.imports:import_",
    "convert": "lineage.cli.imports:convert",
    "delete": "lineage.cli.load:delete",
    "changes": "lineage.cli.access:changes",
    "token": "lineage.cli.access:token",
    "cascades": "lineage.cli.cascades:cascades",
    "versions": "lineage.cli.versions:versions",
    "diff": "lineage.cli.versions:diff",
    "search": "lineage.cli.indicators:search",
    "show": "lineage.cli.indicators:show",
    "contributors": "lineage.cli.indicators:contributors",
    "contributes-to": "lineage.cli.indicators:contributes_to",
    "series": "lineage.cli.figures:series",
    "realisation": "lineage.cli.figures:realisation",
    "audit": "lineage.cli.audit:audit",
    "render": "lineage.cli.render:render",
    "export": "lineage.cli.exports:export",
    "completion": "lineage.cli.shell:completion",
}


class Commands(click.Group):
    """The root group: finds its commands in `COMMANDS`, importing a command's module only when
    it is wanted; lists them in that order, not alphabetically; reports a closed output pipe as such."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, name = COMMANDS[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command) and command.name == cmd_name, COMMANDS[cmd_name]
        return command

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:  # `lineage --help` and `--version` print while the arguments are parsed
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError as exc:
            raise OutputClosed() from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise OutputClosed() from exc


@click.group(
    cls=Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.version_option(package_name="sakip-lineage", prog_name="lineage", message="%(prog)s %(version)s")
def cli() -> None:
    """Trace how performance indicators roll up through a SAKIP performance cascade.

    Exit status: 0 done, 1 input refused, 2 bad usage, 3 Neo4j unavailable, 70 internal error,
    130 interrupted, 141 output pipe closed. Shell completion: `lineage completion --help`.
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status, as listed above."""
    _configure_logging()
    try:
        status = cli.main(args=argv, prog_name="lineage", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe must show up here, not at interpreter exit
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):  # Abort: Click's word for Ctrl-C (or end of input at a prompt)
        return INTERRUPTED
    except (BrokenPipeError, OutputClosed):
        _quiet_stdout()
        return BROKEN_PIPE
    except Exception as exc:
        if _interrupted(exc):
            return INTERRUPTED
        known = classify(exc)
        if known is not None:
            click.echo(f"lineage: {safe_lines(known[1])}", err=True)
            return known[0]
        return _internal_error(exc)
    return status if isinstance(status, int) else DONE


def _interrupted(exc: BaseException) -> bool:
    """Whether `exc` came of Ctrl-C (or a `kill`, read as one): the interrupt can land inside the
    driver, whose clean-up then fails with an error of its own that carries the interrupt as its
    context. That is still an interruption (130), not a bug (70)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _configure_logging() -> None:
    """Library warnings and notes on standard error, one line each; the driver's own retry chatter
    only with LINEAGE_DEBUG. Left alone when the embedding program (or pytest) configured logging."""
    if logging.getLogger().handlers:
        return
    debug = bool(os.environ.get("LINEAGE_DEBUG"))
    logging.basicConfig(format="lineage: %(message)s" if not debug else "lineage: %(name)s: %(message)s")
    logging.getLogger("lineage").setLevel(logging.DEBUG if debug else logging.INFO)
    logging.getLogger("neo4j").setLevel(logging.WARNING if debug else logging.ERROR)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so flushing it at exit cannot fail again (Python docs,
    "Note on SIGPIPE")."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (captured, replaced): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)


def _internal_error(exc: Exception) -> int:
    """A bug: said in one line, distinct from a refusal (exit 1); the traceback on request."""
    if os.environ.get("LINEAGE_DEBUG"):
        traceback.print_exc()
    click.echo(
        f"lineage: internal error ({type(exc).__name__}: {exc}). This is a bug in Lineage, not a problem "
        "with your input; please report it (LINEAGE_DEBUG=1 prints the traceback).",
        err=True,
    )
    return INTERNAL_ERROR
