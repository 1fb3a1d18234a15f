"""The `lineage` command as a planner or a script runs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from lineage.cli import main as lineage
from lineage.settings import get_settings
from tests.support.graph_state import counts
from tests.support.makassar import KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF
from tests.support.paths import MAKASSAR, WORKBOOK


def test_validate_says_what_a_valid_file_holds(capsys):
    assert lineage(["validate", str(MAKASSAR)]) == 0
    assert "valid cascade 'makassar-diskopukm'" in capsys.readouterr().out


def test_validate_refuses_a_bad_file_naming_the_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MAKASSAR.read_text(encoding="utf-8").replace(
            "owner: kepala-dinas, name: Meningkatnya Lembaga Koperasi Sehat",
            "owner: kepala-dinass, name: Meningkatnya Lembaga Koperasi Sehat",
        )
    )
    assert lineage(["validate", str(bad)]) == 1
    assert f"{bad}:" in capsys.readouterr().err


def test_load_then_ask_which_staff_indicators_roll_up(graph, database, capsys):
    assert lineage(["load", str(MAKASSAR)]) == 0
    assert "Loaded cascade 'makassar-diskopukm': 20 positions, 29 elements, 33 indicators" in capsys.readouterr().out
    assert counts(graph, database)["Indicator"] == 33

    assert lineage(["contributors", "Persentase Koperasi Sehat", "--tier", "staff", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert {n["local_id"] for n in answer["nodes"]} == set(KOPERASI_SEHAT_STAFF)

    assert lineage(["contributors", "Persentase Koperasi Sehat", "--tier", "staff"]) == 0
    text = capsys.readouterr().out
    assert "5 indicators roll up into it owned at JAFUNG/STAF" in text
    assert all(name in text for name in KOPERASI_SEHAT_STAFF.values())


def test_contributes_to_prints_each_path(graph, capsys):
    lineage(["load", str(MAKASSAR)])
    capsys.readouterr()
    assert lineage(["contributes-to", "ik-subkegiatan-4.1.1"]) == 0
    out = capsys.readouterr().out
    assert "1 path to the top" in out and "Pendapatan Perkapita  [Walikota]" in out


def test_an_ambiguous_name_lists_the_candidates(graph, capsys):
    lineage(["load", str(MAKASSAR)])
    capsys.readouterr()
    assert lineage(["show", "UMKM"]) == 1
    assert "matches" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_loads_makassar_into_an_empty_database_and_answers(graph):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "lineage", "serve", "--port", str(port)],
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.5)
        assert health["status"] == "ok" and health["cascades"] == 1
        answer = httpx.get(
            f"http://127.0.0.1:{port}/indicators/makassar-diskopukm:ik-sasaran-2/contributors", params={"tier": "staff"}
        ).json()
        assert {n["local_id"] for n in answer["nodes"]} == set(KOPERASI_SEHAT_STAFF)
        (load,) = httpx.get(f"http://127.0.0.1:{port}/changes").json()["items"]
        assert (load["action"], load["via"]) == ("load", "cli")  # the command line loaded it, not "a script"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_names_from_the_database_reach_the_terminal_written_out_not_executed(makassar, database, capsys):
    evil = "Persentase \x1b[31mKoperasi\x1b[0m Sehat\x07\u202e"
    makassar.execute_query(
        "MATCH (i:Indicator {uid: $uid}) SET i.name = $name", uid=KOPERASI_SEHAT, name=evil, database_=database
    )
    written_out = "Persentase \\x1b[31mKoperasi\\x1b[0m Sehat\\x07\\u202e"
    for args in (["show", KOPERASI_SEHAT], ["search", "persentase koperasi"], ["contributes-to", "ik-program-3"]):
        assert lineage(args) == 0, args
        out = capsys.readouterr().out
        assert written_out in out and "\x1b" not in out and "\x07" not in out, args


def test_messages_name_the_commands_to_run_not_api_routes(makassar, capsys):
    assert lineage(["versions", "no-such-cascade"]) == 1
    said = capsys.readouterr().err
    assert "`lineage cascades`" in said and "GET " not in said


@pytest.mark.parametrize(
    ("option", "value"), [("--agency", "A" * 201), ("--region", "R" * 201), ("--period", "2025" * 6)]
)
def test_an_import_option_beyond_its_limit_is_bad_usage_naming_it(option, value, capsys):
    """It was an internal error (exit 70): the import options' model refused it unhandled."""
    assert lineage(["validate", str(WORKBOOK), option, value]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"lineage: {option}: ") and "at most" in said and "internal error" not in said


@pytest.mark.parametrize(
    "command",
    [
        ["convert", str(MAKASSAR)],
        ["audit", str(MAKASSAR)],
        ["export", str(MAKASSAR), "--kind", "matrix"],
    ],
    ids=lambda command: command[0],
)
def test_an_output_that_cannot_be_written_is_bad_usage_naming_it(command, tmp_path, capsys):
    """It was an internal error (exit 70) with Python's FileNotFoundError."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    output = blocker / "out.xlsx"
    assert lineage([*command, "-o", str(output)]) == 2
    said = capsys.readouterr().err
    assert f"lineage: cannot write {output}: " in said and "internal error" not in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.parametrize(
    ("variable", "value", "why"),
    [
        ("LINEAGE_MAX_ROWS", "abc", "Input should be a valid integer"),
        ("LINEAGE_MAX_FILE_BYTES", "-5", "could not parse value and unit from byte string"),
        ("LINEAGE_RETIRED_GRACE_SECONDS", "-1", "Input should be greater than or equal to 0"),
    ],
)
def test_a_setting_lineage_cannot_take_is_bad_usage_naming_the_variable(variable, value, why, monkeypatch, capsys):
    """It was an internal error (exit 70) printing pydantic's report."""
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    try:
        assert lineage(["validate", str(MAKASSAR)]) == 2
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    said = capsys.readouterr().err
    assert said.startswith(f"lineage: the setting {variable}={value!r}: {why}") and "internal error" not in said


def test_a_neo4j_uri_the_driver_cannot_take_says_so_and_exits_3(monkeypatch, capsys):
    """NEO4J_URI=localhost:7687 (no scheme) was an internal error (exit 70, ConfigurationError)."""
    monkeypatch.setenv("NEO4J_URI", "localhost:7687")
    get_settings.cache_clear()
    try:
        assert lineage(["cascades"]) == 3
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    said = capsys.readouterr().err
    assert said.startswith("lineage: NEO4J_URI ('localhost:7687') is not a URI the Neo4j driver takes:")
