"""The `lineage` command among the tools a shell user knows: exit statuses, pipes, Ctrl-C,
completion, --version, and a quick start. None of these needs Neo4j."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from lineage.cli.common import safe
from lineage.cli.errors import INTERNAL_ERROR, KNOWN, REFUSED, UNAVAILABLE, classify
from tests.support.cli import LINEAGE, run_lineage, run_with_output_closed
from tests.support.paths import MAKASSAR

#: What a command that needs none of them must not pay for at start-up.
DRIVER_WEB_SHEETS_GRAPHS = {"neo4j", "fastapi", "starlette", "uvicorn", "openpyxl", "networkx", "rapidfuzz"}
MODELS_AND_YAML = {"pydantic", "yaml"}


def _imported_by(args: list[str]) -> set[str]:
    """Top-level modules imported by running `lineage ARGS` in a fresh interpreter."""
    probe = (
        "import sys; from lineage.cli import main; status = main(sys.argv[1:]); "
        "sys.stderr.write('\\nIMPORTED ' + ' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.rsplit("IMPORTED ", 1)[1].split())


def test_version_names_the_installed_release():
    done = run_lineage(["--version"])
    assert (done.returncode, done.stdout.strip()) == (0, f"lineage {version('sakip-lineage')}")


def test_help_lists_the_commands_and_the_exit_statuses():
    done = run_lineage(["--help"])
    assert done.returncode == 0
    for command in ("validate", "load", "search", "contributors", "contributes-to", "audit", "completion"):
        assert f"\n  {command} " in done.stdout
    assert "3 Neo4j unavailable" in " ".join(done.stdout.split())


def test_help_imports_no_driver_web_framework_spreadsheet_graph_library_or_models():
    assert _imported_by(["--help"]) & (DRIVER_WEB_SHEETS_GRAPHS | MODELS_AND_YAML) == set()


def test_validating_a_file_imports_no_driver_web_framework_spreadsheet_or_graph_library():
    assert _imported_by(["validate", str(MAKASSAR)]) & DRIVER_WEB_SHEETS_GRAPHS == set()


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["search", "--no-such-option"],
        ["show"],
        ["contributors", "Persentase Koperasi Sehat", "--depth", "25"],
        ["contributors", "Persentase Koperasi Sehat", "--depth", "0"],
        ["contributors", "Persentase Koperasi Sehat", "--tier", "mayor"],
        ["search", "koperasi", "--limit", "501"],
        ["validate", str(MAKASSAR), "--no-such-option"],
        ["audit", str(MAKASSAR), "--json", "--format", "csv"],
        ["audit", str(MAKASSAR), "--min-score", "7"],
        ["search", "koperasi", "--period", "2030-2020"],
        ["search", "koperasi", "--period", "tahun depan"],
        ["realisation", "set", "Persentase Koperasi Sehat", "2024", "--numerator", "3"],
        ["realisation", "set", "Persentase Koperasi Sehat", "1800", "5"],
        ["realisation", "set", "Persentase Koperasi Sehat", "2024", "--quarter", "5=3"],
        ["realisation", "set", "Persentase Koperasi Sehat", "2024", "--quarter", "1:3"],
    ],
    ids=lambda args: " ".join(args)[:40],
)
def test_bad_usage_exits_2_with_a_hint_and_no_traceback(args):
    done = run_lineage(args, env={"NEO4J_URI": "bolt://127.0.0.1:9"})  # never reached: refused before connecting
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(("Usage: lineage", "lineage: ")) and "Traceback" not in done.stderr


def test_depth_beyond_the_limit_names_the_limit():
    done = run_lineage(["contributors", "Persentase Koperasi Sehat", "--depth", "25"])
    assert "'--depth': 25 is not in the range 1<=x<=20" in done.stderr


def test_a_refused_file_exits_1_naming_the_file():
    done = run_lineage(["validate", "no-such-cascade.yaml"])
    assert (done.returncode, done.stderr) == (
        REFUSED,
        "lineage: 1 problem in no-such-cascade.yaml:\n  no-such-cascade.yaml: no such file\n",
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("args", [["cascades"], ["search", "koperasi"], ["contributors", "x"], ["audit"]])
def test_neo4j_unreachable_exits_3_at_once_saying_what_to_check(args):
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    done = run_lineage(args, env={"NEO4J_URI": uri})
    assert done.returncode == UNAVAILABLE, done.stderr
    assert "Neo4j cannot be reached" in done.stderr and f"NEO4J_URI ({uri})" in done.stderr
    assert "Traceback" not in done.stderr and "retried" not in done.stderr
    assert time.monotonic() - started < 30  # not the driver's retry loop


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["validate", str(MAKASSAR)], ["audit", str(MAKASSAR)], ["completion", "bash"]],
    ids=lambda args: args[0],
)
def test_a_closed_output_pipe_ends_the_command_quietly_with_141(args):
    done = run_with_output_closed(args)
    assert (done.returncode, done.stderr) == (141, "")


def test_head_of_a_pipe_reads_the_first_line_without_a_traceback():
    shell = f"{' '.join(LINEAGE)} audit {MAKASSAR} --format md | head -1"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("# ") and done.stderr == ""


def test_ctrl_c_exits_130_without_a_traceback(tmp_path):
    fifo = tmp_path / "cascade.yaml"
    os.mkfifo(fifo)
    # Ctrl-C as a terminal gives it, even when the tests run where SIGINT is ignored (a background
    # job, nohup): a process that inherits "ignore" never sees it, and Python keeps ignoring it.
    process = subprocess.Popen(
        [*LINEAGE, "validate", str(fifo)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while True:  # the FIFO takes a writer only once the command has opened it to read: it is waiting
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    try:
        for _ in range(12):  # as a user presses Ctrl-C again when nothing happens
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=5)
                break
            except subprocess.TimeoutExpired:
                continue
        assert process.wait(timeout=5) == 130
        assert "Traceback" not in process.stderr.read()
    finally:
        os.close(writer)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script_for_each_shell(shell):
    done = run_lineage(["completion", shell])
    assert done.returncode == 0 and "_LINEAGE_COMPLETE" in done.stdout


def _bash_completes(words: str) -> list[str]:
    """What bash offers after `lineage WORDS<TAB>`, from the script `lineage completion bash` prints."""
    bin_dir = Path(sys.executable).parent
    script = (
        'eval "$(lineage completion bash)"; '
        f"COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); "
        '_lineage_completion lineage; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "-c", script],
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_bash_completes_commands_and_choices():
    assert set(_bash_completes("lineage contr")) == {"contributors", "contributes-to"}
    assert "staff" in _bash_completes("lineage contributors X --tier ''")


def test_names_are_shown_with_control_characters_written_out_not_executed():
    assert safe("Koperasi \x1b[2J\x1b[31mSehat\x07") == "Koperasi \\x1b[2J\\x1b[31mSehat\\x07"
    assert safe("a\u202eb\x9bc\x00") == "a\\u202eb\\x9bc\\x00"
    assert safe("Persentase UMKM – naik 5%") == "Persentase UMKM – naik 5%"


def test_a_failure_the_library_does_not_declare_is_reported_as_a_bug():
    assert classify(RuntimeError("boom")) is None  # main() then says "internal error", exit 70
    assert INTERNAL_ERROR == 70


def test_every_declared_failure_names_a_class_its_module_defines():
    for known in KNOWN:
        assert isinstance(getattr(importlib.import_module(known.module), known.name), type), known


def test_an_interrupt_that_lands_inside_the_driver_is_still_an_interrupt(monkeypatch):
    """Ctrl-C (or a `kill` of a write) can land inside the driver, whose clean-up then fails with an
    error of its own carrying the interrupt as its context: that exits 130, not 70 (a bug)."""
    import lineage.cli

    def interrupted_with_context(*args, **kwargs):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise RuntimeError("the connection was left half-used")  # noqa: B904  (as the driver does)

    monkeypatch.setattr(lineage.cli.cli, "main", interrupted_with_context)
    assert lineage.cli.main(["cascades"]) == 130
