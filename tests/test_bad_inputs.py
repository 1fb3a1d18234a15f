"""The bad-input corpus (tests/bad_inputs/, listed in its manifest.yaml): every input is refused
by `lineage validate`, `lineage load`, `lineage import` and `POST /cascades`, never crashed on and
never loaded. Each refusal names the file and, where the problem has one, its place (line, row,
column, field); the CLI exits 1 (input refused), the API answers 422 (413 for an upload beyond
the limit) with `error` and `detail`; the graph's fingerprint is the same after every input.

Failures are collected over the whole corpus, so one run shows every input that misbehaves."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.bad_inputs.generate import MAKERS
from tests.support.api_client import client_with_token
from tests.support.bad_inputs import CASCADE_SUFFIXES, LOCATION, BadInput, bad_inputs, committed_files, manifest
from tests.support.cli import Ran, run_cli
from tests.support.graph_state import fingerprint
from tests.support.limits import input_limits
from tests.support.paths import EXAMPLES

TOKEN = "token-uji"
#: What an internal error looks like from the CLI (exit 70) or a crash (a traceback).
CRASHES = ("Traceback (most recent call last)", "internal error")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[BadInput]:
    return bad_inputs(tmp_path_factory.mktemp("bad-inputs"))


def _refusal_problems(bad: BadInput, ran: Ran, *, native: bool) -> list[str]:
    """What is wrong with how the CLI refused `bad` (nothing: it was refused as it should be).
    `native`: the command reads the input's own format, so the refusal must name the place."""
    problems = []
    if ran.status != 1:
        problems.append(f"exit {ran.status}, not 1")
    if any(crash in ran.err for crash in CRASHES):
        problems.append("crashed: " + ran.err[-300:])
    if bad.path.name not in ran.err:
        problems.append("the message does not name the file: " + ran.err[:300])
    if native and bad.where and bad.where not in ran.err:
        problems.append(f"the message does not say {bad.where!r}: " + ran.err[:300])
    if native and bad.limit and bad.limit not in ran.err:
        problems.append(f"the message does not name {bad.limit}: " + ran.err[:300])
    return problems


def test_the_corpus_lists_every_input_once_and_holds_more_than_80(corpus):
    listed = [str(entry["file"]) for entry in manifest()]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(committed_files() + list(MAKERS))
    assert len(corpus) >= 80
    kinds = {bad.path.suffix for bad in corpus}
    assert kinds >= {".yaml", ".json", ".csv", ".xlsx", ".zip", ".sql"}


def test_lineage_validate_refuses_every_input_naming_the_file_and_the_place(corpus):
    failures = {}
    for bad in corpus:
        with input_limits(bad.env):
            ran = run_cli(["validate", str(bad.path)])
        if problems := _refusal_problems(bad, ran, native=bad.is_cascade_file):
            failures[str(bad)] = problems
    assert failures == {}


def test_lineage_import_dry_run_refuses_every_input_naming_the_file_and_the_place(corpus):
    failures = {}
    for bad in corpus:
        with input_limits(bad.env):
            ran = run_cli(["import", str(bad.path), "--dry-run"])
        if problems := _refusal_problems(bad, ran, native=True):
            failures[str(bad)] = problems
    assert failures == {}


def test_most_refusals_name_a_place_in_the_file(corpus):
    """The corpus's own promise: a place is named wherever the manifest gives one, and that is
    most inputs (the others are wrong as a whole: not a zip, an ambiguous separator, too big)."""
    placed = [bad for bad in corpus if bad.where]
    assert all(LOCATION.search(bad.where) for bad in placed)
    assert len(placed) >= 0.7 * len(corpus)


def test_load_import_and_upload_refuse_every_input_and_leave_the_graph_unchanged(
    corpus, makassar, database, monkeypatch
):
    before = fingerprint(makassar, database)
    failures = {}
    with client_with_token(makassar, database, monkeypatch, TOKEN) as client:
        for bad in corpus:
            problems = []
            with input_limits(bad.env):
                for command in (["load", str(bad.path)], ["import", str(bad.path)]):
                    ran = run_cli(command)
                    problems += [
                        f"lineage {command[0]}: {p}"
                        for p in _refusal_problems(bad, ran, native=command[0] == "import" or bad.is_cascade_file)
                    ]
                answer = client.post(
                    "/cascades",
                    files={"file": (bad.path.name, bad.path.read_bytes())},
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
            problems += _answer_problems(bad, answer)
            if fingerprint(makassar, database) != before:
                problems.append("the graph changed")
            if problems:
                failures[str(bad)] = problems
    assert failures == {}


def _answer_problems(bad: BadInput, answer) -> list[str]:
    if answer.status_code != bad.status:
        return [f"POST /cascades answered {answer.status_code}, not {bad.status}: {answer.text[:300]}"]
    body = answer.json()
    if not {"error", "detail"} <= set(body):
        return [f"POST /cascades: no error and detail in {body}"]
    if bad.status == 413:
        return [] if body["error"] == "too_large" else [f"POST /cascades: {body['error']}, not too_large"]
    text = "\n".join(body["report"]["problems"])
    problems = []
    if bad.path.name not in text:
        problems.append("POST /cascades: the report does not name the file: " + text[:300])
    if bad.where and bad.where not in text:
        problems.append(f"POST /cascades: the report does not say {bad.where!r}: " + text[:300])
    return problems


@pytest.mark.parametrize(
    "name",
    [
        "yaml/billion-laughs.yaml",
        "json/nested-100000-deep.json",
        "csv/field-of-131073-characters.csv",
        "xlsx/csv-named-xlsx.xlsx",
    ],
)
def test_a_real_lineage_process_refuses_the_worst_inputs_without_a_traceback(corpus, name):
    (bad,) = [b for b in corpus if b.file == name]
    for command in ("validate", "import"):
        done = subprocess.run(
            [sys.executable, "-m", "lineage", command, str(bad.path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert bad.path.name in done.stderr
        assert not any(crash in done.stderr for crash in CRASHES), done.stderr
        assert (bad.where or "") in done.stderr or (command == "validate" and bad.path.suffix not in CASCADE_SUFFIXES)


def test_an_imports_mapping_file_is_read_within_the_same_limits(corpus):
    (laughs,) = [b for b in corpus if b.file == "yaml/billion-laughs.yaml"]
    ran = run_cli(["import", str(EXAMPLES / "matrix-koperasi-2025.csv"), "--mapping", str(laughs.path), "--dry-run"])
    assert ran.status == 2  # bad usage: the mapping is the user's own option
    assert "LINEAGE_MAX_ALIAS_VALUES" in ran.err and laughs.path.name in ran.err
