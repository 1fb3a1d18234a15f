"""`--json`, one spelling on every command that answers: what scripts read from `lineage`."""

from __future__ import annotations

import json

import click

from lineage.cli import cli
from lineage.cli import main as lineage
from tests.support.cli import run_lineage
from tests.support.makassar import KOPERASI_SEHAT_STAFF
from tests.support.paths import MAKASSAR

#: Commands that print no answer: they run a server, or print a shell script.
NO_ANSWER = {"serve", "completion", "db start", "db stop", "db fetch"}


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command under `group`, by its full name ("db status")."""
    context = click.Context(group)
    found: dict[str, click.Command] = {}
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found |= _commands(command, f"{prefix}{name} ")
        else:
            found[f"{prefix}{name}"] = command
    return found


def test_every_command_that_answers_takes_json_and_no_other_spelling():
    for name, command in _commands(cli).items():
        options = {opt for param in command.params for opt in param.opts}
        assert ("--json" in options) == (name not in NO_ANSWER), name
        assert not options & {"--as-json", "--format-json", "-j"}, name


def test_validate_json_says_what_a_valid_file_holds():
    done = run_lineage(["validate", str(MAKASSAR), "--json"])
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "file": str(MAKASSAR),
        "valid": True,
        "cascade": "makassar-diskopukm",
        "agency": "Dinas Koperasi & UKM",
        "region": "Kota Makassar",
        "period": "2021-2026",
        "positions": 20,
        "elements": 29,
        "indicators": 33,
    }


def test_validate_json_lists_every_problem_with_its_line_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MAKASSAR.read_text(encoding="utf-8")
        .replace(
            "owner: kepala-dinas, name: Meningkatnya Lembaga Koperasi Sehat",
            "owner: nobody, name: Meningkatnya Lembaga Koperasi Sehat",
        )
        .replace("{id: ik-sasaran-2, measures: sasaran-2,", "{id: ik-sasaran-2, measures: sasaran-9,")
    )
    assert lineage(["validate", str(bad), "--json"]) == 1
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["valid"] is False and verdict["file"] == str(bad)
    assert len(verdict["problems"]) >= 1
    for problem in verdict["problems"]:
        assert problem["file"] == str(bad) and isinstance(problem["line"], int) and problem["message"]


def test_audit_json_is_the_same_as_format_json(capsys):
    assert lineage(["audit", str(MAKASSAR), "--json"]) == 0
    spelt_json = capsys.readouterr().out
    assert lineage(["audit", str(MAKASSAR), "--format", "json"]) == 0
    spelt_format = capsys.readouterr().out
    assert _without_time(json.loads(spelt_json)) == _without_time(json.loads(spelt_format))


def _without_time(report: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in report.items() if key != "generated_at"}


def test_answers_in_json_parse_and_hold_the_answer(makassar, capsys):
    answers = {}
    for args in (
        ["cascades"],
        ["search", "koperasi sehat"],
        ["show", "Persentase Koperasi Sehat"],
        ["contributors", "Persentase Koperasi Sehat", "--tier", "staff"],
        ["contributes-to", "ik-subkegiatan-4.1.1"],
        ["versions", "makassar-diskopukm"],
    ):
        assert lineage([*args, "--json"]) == 0, args
        answers[args[0]] = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in answers["cascades"]["items"]] == ["makassar-diskopukm"]
    assert "Persentase Koperasi Sehat" in {i["name"] for i in answers["search"]["items"]}
    assert answers["show"]["name"] == "Persentase Koperasi Sehat"
    assert {n["local_id"] for n in answers["contributors"]["nodes"]} == set(KOPERASI_SEHAT_STAFF)
    assert answers["contributes-to"]["paths"]
    assert len(answers["versions"]["items"]) == 1


def test_delete_json_says_what_was_deleted(makassar, capsys):
    assert lineage(["delete", "makassar-diskopukm", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"deleted": "makassar-diskopukm", "kept_realisations": False}
