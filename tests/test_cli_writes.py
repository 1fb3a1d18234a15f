"""The command line's writes: a dry run and the confirmation a shrinking load needs, `lineage
delete` asking first, a plain `kill` of a load cleaning up after itself, write tokens made and
listed without secrets on command lines, and the change log."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import signal
import subprocess
from pathlib import Path

import pytest

from lineage.cli import main as lineage
from lineage.settings import get_settings
from lineage.tokens import digest, read_tokens
from tests.support.faults import BIN, cascade_node, load_counts, loads_with_nodes, start_until, write_cascade
from tests.support.makassar import CASCADE
from tests.support.paths import MAKASSAR, WORKBOOK
from tests.support.synthetic import generate_cascade


@pytest.fixture
def shrinking(graph, database, tmp_path: Path) -> Path:
    """A 200-indicator cascade loaded, and a 20-indicator file of the same cascade."""
    assert lineage(["load", str(write_cascade(generate_cascade(200, seed=1), tmp_path / "big.json"))]) == 0
    return write_cascade(generate_cascade(20, seed=2), tmp_path / "small.json")


def test_a_dry_run_says_what_the_load_would_change_and_loads_nothing(graph, database, shrinking, capsys):
    capsys.readouterr()
    assert lineage(["load", str(shrinking), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: cascade 'synthetic'" in out and "removed" in out and "refused unless --yes" in out
    assert lineage(["load", str(shrinking), "--dry-run", "--json"]) == 0
    [plan] = json.loads(capsys.readouterr().out)
    assert plan["needs_force"] and plan["indicators"]["removed"] > 160
    assert cascade_node(graph, "synthetic", database)["agency"].startswith("Generated agency (200")


def test_a_shrinking_load_is_refused_without_yes_and_done_with_it(graph, database, shrinking, capsys):
    capsys.readouterr()
    assert lineage(["load", str(shrinking)]) == 1
    err = capsys.readouterr().err
    assert "would remove" in err and "nothing was loaded" in err and "--yes" in err
    assert lineage(["load", str(shrinking), "--yes"]) == 0


def test_a_load_records_the_files_sha256_as_sha256sum_prints_it_and_the_list_shows_it(
    graph, database, tmp_path, capsys
):
    path = write_cascade(generate_cascade(50, seed=5), tmp_path / "windows.json")
    lines = json.dumps(json.loads(path.read_text(encoding="utf-8")), indent=1).splitlines()
    path.write_bytes("\r\n".join(lines).encode())  # Windows line ends, which reading as text would change

    assert lineage(["load", str(path)]) == 0

    loaded = cascade_node(graph, "synthetic", database)
    assert loaded["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and loaded["file"] == str(path)
    capsys.readouterr()
    assert lineage(["cascades", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["items"]
    assert (listed["file"], listed["sha256"]) == (loaded["file"], loaded["sha256"])


def test_lineage_delete_without_a_terminal_needs_yes(graph, database, makassar):
    assert lineage(["delete", CASCADE]) == 1
    assert cascade_node(graph, CASCADE, database)
    assert lineage(["delete", CASCADE, "--yes"]) == 0
    assert not cascade_node(graph, CASCADE, database)


def test_lineage_delete_asks_on_the_terminal_and_a_no_deletes_nothing(graph, database, makassar):
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(BIN / "lineage"), "delete", CASCADE],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=dict(os.environ),
    )
    os.close(follower)
    asked = b""
    while b"Delete cascade" not in asked:
        asked += os.read(leader, 1024)
    os.write(leader, b"n\n")
    assert process.wait(60) == 1
    os.close(leader)
    assert cascade_node(graph, CASCADE, database)


def test_a_load_killed_with_sigterm_removes_what_it_wrote_and_its_claim(graph, database, tmp_path):
    old = generate_cascade(200, seed=1)
    assert lineage(["load", str(write_cascade(old, tmp_path / "old.json"))]) == 0
    active = str(cascade_node(graph, "synthetic", database)["active_load"])
    before = load_counts(graph, "synthetic", active, database)
    new = write_cascade(generate_cascade(1000, seed=2), tmp_path / "new.json")
    client = start_until([str(BIN / "lineage"), "load", str(new), "--batch-size", "25"], "indicators", dict(os.environ))

    client.send_signal(signal.SIGTERM)

    assert client.wait(60) == 130
    assert loads_with_nodes(graph, "synthetic", database) == {active}
    assert load_counts(graph, "synthetic", active, database) == before
    assert "loading" not in cascade_node(graph, "synthetic", database)


def test_a_token_is_made_and_listed_without_its_secret(monkeypatch, tmp_path, capsys):
    path = tmp_path / "tokens.json"
    monkeypatch.setenv("LINEAGE_TOKENS_FILE", str(path))
    get_settings.cache_clear()
    try:
        assert lineage(["token", "add", "koperasi", "--scope", "agency:Dinas Koperasi & UKM"]) == 0
        captured = capsys.readouterr()
        secret = captured.out.strip()
        assert secret.startswith("lin_") and "shown this once" in captured.err
        assert [e.sha256 for e in read_tokens(path)] == [digest(secret)] and secret not in path.read_text()

        assert lineage(["token", "list", "--json"]) == 0
        listed = capsys.readouterr().out
        assert json.loads(listed) == [
            {
                "name": "koperasi",
                "scope": ["agency:Dinas Koperasi & UKM"],
                "created_at": read_tokens(path)[0].created_at,
            }
        ]
        assert lineage(["token", "add", "bad", "--scope", "agencies:x"]) == 1
        assert lineage(["token", "remove", "koperasi"]) == 0 and read_tokens(path) == []
        assert lineage(["token", "remove", "koperasi"]) == 1
    finally:
        get_settings.cache_clear()


def test_lineage_changes_lists_the_command_lines_writes(graph, database, capsys):
    assert lineage(["load", str(MAKASSAR)]) == 0
    assert lineage(["delete", CASCADE, "--yes"]) == 0
    capsys.readouterr()

    assert lineage(["changes", "--cascade", CASCADE, "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert [(c["action"], c["who_kind"], c["via"]) for c in items] == [
        ("load", "user", "cli"),
        ("delete", "user", "cli"),
    ]
    assert lineage(["changes"]) == 0
    assert "delete" in capsys.readouterr().out


def test_an_import_dry_run_is_one_json_document_with_the_plans(graph, database, capsys):
    assert lineage(["import", str(WORKBOOK)]) == 0
    capsys.readouterr()
    assert lineage(["import", str(WORKBOOK), "--dry-run", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["report"]["source"] == str(WORKBOOK)
    assert {p["cascade"] for p in answer["plans"]} == {c["id"] for c in answer["report"]["cascades"]}
    assert all(p["indicators"]["added"] == p["indicators"]["removed"] == 0 for p in answer["plans"])


def test_an_import_of_a_cascade_file_says_it_was_read_whole_not_zero_rows(graph, database, capsys):
    assert lineage(["import", str(MAKASSAR), "--dry-run"]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.endswith("(cascade): read whole")
