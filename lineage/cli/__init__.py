"""The `lineage` command. Each module here registers one group of subcommands.

Exit status (documented in the README; scripts rely on them):
  0   done
  1   the input was refused (invalid file, unknown indicator, a load already under way)
  2   bad usage (unknown option, missing argument)
  3   Neo4j could not be reached or started
  70  internal error: a bug in Lineage, never the input's fault (set LINEAGE_DEBUG=1 for the traceback)
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from lineage.cascade.model import BadPeriod
from lineage.cli import audit, cascades, db, imports, indicators, load, render, serve, versions
from lineage.cli.common import Failure
from lineage.loader import LoadInProgress
from lineage.localdb import LocalNeo4jError

#: Exit status of a bug (BSD sysexits EX_SOFTWARE).
INTERNAL_ERROR = 70

COMMAND_GROUPS = [db, load, cascades, indicators, render, serve, imports, versions, audit]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lineage",
        description="Trace how performance indicators roll up through a SAKIP performance cascade.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except Failure as exc:
        print(f"lineage: {exc}", file=sys.stderr)
        return exc.status
    except (LoadInProgress, BadPeriod) as exc:
        print(f"lineage: {exc}", file=sys.stderr)
        return 1
    except LocalNeo4jError as exc:
        print(f"lineage: {exc}", file=sys.stderr)
        return 3
    except (ServiceUnavailable, SessionExpired) as exc:
        print(
            f"lineage: Neo4j cannot be reached ({exc}).\n"
            "Start the local server with `lineage db start`, or set NEO4J_URI.",
            file=sys.stderr,
        )
        return 3
    except AuthError:
        print("lineage: Neo4j refused the credentials; check NEO4J_USER and NEO4J_PASSWORD.", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line, distinct from a refusal (exit 1)
        if os.environ.get("LINEAGE_DEBUG"):
            traceback.print_exc()
        print(
            f"lineage: internal error ({type(exc).__name__}: {exc}). This is a bug in Lineage, not a problem "
            "with your input; please report it (LINEAGE_DEBUG=1 prints the traceback).",
            file=sys.stderr,
        )
        return INTERNAL_ERROR
