"""Writers by agency, and a record of every write: tokens carry a scope and are stored hashed; a
token of one agency cannot load, delete or enter realisations for another (403); every load,
import, delete and realisation is in the change log with who made it; realisations keep their
history."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from lineage.api.main import create_app
from lineage.cascade import parse_cascade, read_cascade
from lineage.changes import Actor, acting_as, list_changes
from lineage.cli import main as lineage
from lineage.loader import delete_cascade, load_cascade
from lineage.paging import make_cursor, question_key
from lineage.settings import get_settings
from lineage.tokens import Scope, TokenError, add_token, digest, read_tokens, remove_token
from tests.support.makassar import CASCADE, KOPERASI_SEHAT
from tests.support.paths import MAKASSAR

PERDAGANGAN = """
format: lineage.cascade/1
id: makassar-perdagangan
agency: Dinas Perdagangan
region: Kota Makassar
period: 2021-2026
elements:
  - {id: s, kind: agency_target, name: Meningkatnya Pasar Rakyat yang Tertib}
indicators:
  - {id: ik-s, measures: s, name: Persentase pasar rakyat yang tertib, unit: "%"}
"""


@pytest.fixture
def tokens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tokens file of this test's own, the server's settings pointing at it."""
    path = tmp_path / "tokens.json"
    monkeypatch.setenv("LINEAGE_TOKENS_FILE", str(path))
    monkeypatch.delenv("LINEAGE_WRITE_TOKEN", raising=False)
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


@pytest.fixture
def api(graph: Driver, database: str | None, tokens: Path) -> Iterator[TestClient]:
    """The API on a graph holding two agencies' cascades of one city."""
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    load_cascade(graph, parse_cascade(PERDAGANGAN, "perdagangan.yaml"), database=database)
    with TestClient(create_app(graph, database)) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _upload(api: TestClient, token: str, text: str, name: str = "cascade.yaml", **form: str):
    return api.post("/cascades", files={"file": (name, text.encode())}, data=form, headers=_bearer(token))


def test_a_token_is_printed_once_and_only_its_hash_is_kept(tokens):
    secret = add_token(tokens, "koperasi", Scope.parse(["agency:Dinas Koperasi & UKM"]))

    text = tokens.read_text(encoding="utf-8")
    assert secret not in text and digest(secret) in text
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    [entry] = read_tokens(tokens)
    assert (entry.name, entry.scope.items()) == ("koperasi", ["agency:Dinas Koperasi & UKM"])
    with pytest.raises(TokenError, match="exists already"):
        add_token(tokens, "koperasi", Scope(all=True))
    with pytest.raises(TokenError, match="scope"):
        Scope.parse(["agencies:typo"])


def test_a_tokens_file_that_cannot_be_written_is_refused_naming_it(monkeypatch, capsys):
    """`lineage token add` with LINEAGE_TOKENS_FILE where no folder can be made (here /proc,
    which even root cannot write) was an internal error (exit 70, FileNotFoundError)."""
    path = Path("/proc/lineage-no-such-folder/tokens.json")
    monkeypatch.setenv("LINEAGE_TOKENS_FILE", str(path))
    get_settings.cache_clear()
    try:
        assert lineage(["token", "add", "koperasi", "--scope", "all"]) == 1
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    said = capsys.readouterr()
    assert said.err.startswith(f"lineage: {path}: cannot write the tokens file (") and said.out == ""


def test_a_token_of_one_agency_may_write_its_own_cascade(api, tokens):
    koperasi = add_token(tokens, "koperasi", Scope.parse(["agency:dinas koperasi & ukm"]))

    answer = _upload(api, koperasi, MAKASSAR.read_text(encoding="utf-8"), "makassar.yaml")
    assert answer.status_code == 201, answer.text
    put = api.put(f"/indicators/{KOPERASI_SEHAT}/realisations/2024", json={"value": 71.5}, headers=_bearer(koperasi))
    assert put.status_code == 200, put.text


def test_a_token_of_one_agency_is_refused_on_another_agencys_cascade(api, tokens, graph, database):
    koperasi = add_token(tokens, "koperasi", Scope.parse(["agency:Dinas Koperasi & UKM"]))
    before = graph.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]

    upload = _upload(api, koperasi, PERDAGANGAN, "perdagangan.yaml")
    relabelled = _upload(api, koperasi, PERDAGANGAN.replace("Dinas Perdagangan", "Dinas Koperasi & UKM"))
    put = api.put(
        "/indicators/makassar-perdagangan:ik-s/realisations/2024", json={"value": 1}, headers=_bearer(koperasi)
    )
    delete = api.delete("/cascades/makassar-perdagangan", headers=_bearer(koperasi))

    for answer in (upload, relabelled, put, delete):
        assert answer.status_code == 403, answer.text
        assert answer.json()["error"] == "out_of_scope"
        assert "'koperasi'" in answer.json()["detail"] and "makassar-perdagangan" in answer.json()["detail"]
    assert graph.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"] == before
    assert list_changes(graph, cascade="makassar-perdagangan", database=database)[0][-1].action == "load"


def test_a_token_scoped_to_a_cascade_or_to_all_writes_accordingly(api, tokens):
    one = add_token(tokens, "one-cascade", Scope.parse(["cascade:makassar-perdagangan"]))
    everything = add_token(tokens, "region-office", Scope.parse(["all"]))

    assert _upload(api, one, PERDAGANGAN, "perdagangan.yaml").status_code == 201
    assert _upload(api, one, MAKASSAR.read_text(encoding="utf-8"), "makassar.yaml").status_code == 403
    assert _upload(api, everything, MAKASSAR.read_text(encoding="utf-8"), "makassar.yaml").status_code == 201


def test_tokens_added_or_removed_count_without_a_restart(api, tokens):
    assert api.delete("/cascades/makassar-perdagangan", headers=_bearer("lin_nothing")).json()["error"] == (
        "writes_disabled"
    )
    secret = add_token(tokens, "office", Scope(all=True))
    assert api.delete("/cascades/no-such-cascade", headers=_bearer(secret)).status_code == 404
    assert remove_token(tokens, "office")
    assert api.delete("/cascades/no-such-cascade", headers=_bearer(secret)).json()["error"] == "writes_disabled"
    add_token(tokens, "other", Scope(all=True))
    answer = api.delete("/cascades/no-such-cascade", headers=_bearer(secret))
    assert (answer.status_code, answer.json()["error"]) == (401, "bad_token")


def test_the_environments_write_token_writes_everything_under_its_own_name(api, monkeypatch, graph, database):
    monkeypatch.setenv("LINEAGE_WRITE_TOKEN", "rahasia")
    get_settings.cache_clear()
    assert api.delete("/cascades/makassar-perdagangan", headers=_bearer("rahasia")).status_code == 200
    [change] = [c for c in list_changes(graph, database=database)[0] if c.action == "delete"]
    assert (change.who, change.who_kind, change.via, change.cascade) == (
        "LINEAGE_WRITE_TOKEN",
        "token",
        "api",
        "makassar-perdagangan",
    )


def test_the_change_log_after_a_load_a_realisation_and_its_correction(api, tokens, graph, database):
    koperasi = add_token(tokens, "koperasi", Scope.parse(["agency:Dinas Koperasi & UKM"]))
    assert _upload(api, koperasi, MAKASSAR.read_text(encoding="utf-8"), "makassar.yaml").status_code == 201
    url = f"/indicators/{KOPERASI_SEHAT}/realisations/2024"
    assert api.put(url, json={"value": 71.5, "note": "laporan awal"}, headers=_bearer(koperasi)).status_code == 200
    corrected = api.put(url, json={"value": 75, "note": "koreksi"}, headers=_bearer(koperasi))

    log = api.get("/changes", params={"cascade": CASCADE}).json()["items"]
    print(json.dumps(log, indent=1, ensure_ascii=False))

    assert [(c["action"], c["who"]) for c in log] == [
        ("load", f"{Actor.os_user().who}"),  # the fixture's load, by this process's user
        ("import", "koperasi"),
        ("realisation", "koperasi"),
        ("realisation", "koperasi"),
    ]
    first, second = log[2], log[3]
    assert (first["indicator"], first["year"], first["quarter"]) == (KOPERASI_SEHAT, 2024, 0)
    assert (first["before"], first["after"]) == (None, {"value": 71.5, "note": "laporan awal"})
    assert (second["before"], second["after"]) == (
        {"value": 71.5, "note": "laporan awal"},
        {"value": 75.0, "note": "koreksi"},
    )
    assert log[1]["details"]["counts"]["indicators"] == 33 and log[1]["details"]["retired"]
    year = next(y for y in corrected.json()["years"] if y["year"] == 2024)
    assert year["realised"]["value"] == 75


def test_a_realisation_corrected_keeps_its_history(api, tokens):
    koperasi = add_token(tokens, "koperasi", Scope.parse(["cascade:makassar-diskopukm"]))
    url = f"/indicators/{KOPERASI_SEHAT}/realisations/2024"
    api.put(url, json={"value": 71.5}, headers=_bearer(koperasi))
    api.put(url, json={"value": 75, "quarters": {"1": 20}}, headers=_bearer(koperasi))

    history = api.get(f"/indicators/{KOPERASI_SEHAT}/realisations", params={"year": 2024}).json()["items"]

    assert [(e["quarter"], e["value"], e["current"], e["entered_by"]) for e in history] == [
        (0, 75.0, True, "koperasi"),
        (0, 71.5, False, "koperasi"),
        (1, 20.0, True, "koperasi"),
    ]
    assert api.get("/indicators/makassar-diskopukm:no-such/realisations").status_code == 404


def test_writes_from_the_library_and_a_delete_are_recorded_with_the_os_user(graph, database):
    with acting_as(Actor.os_user("cli")):
        load_cascade(graph, read_cascade(MAKASSAR), database=database)
        delete_cascade(graph, CASCADE, database=database)

    changes, _ = list_changes(graph, cascade=CASCADE, database=database)
    assert [(c.action, c.who_kind, c.via) for c in changes] == [("load", "user", "cli"), ("delete", "user", "cli")]
    assert changes[1].details["loads"] == [changes[0].load]


def test_the_change_log_pages_by_keyset_and_filters_by_time(api, graph, database):
    for _ in range(3):
        load_cascade(graph, read_cascade(MAKASSAR), database=database)
    everything = api.get("/changes").json()["items"]
    pages, cursor = [], None
    while True:
        page = api.get("/changes", params={"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        pages += page["items"]
        if not (cursor := page["next_cursor"]):
            break

    assert len(everything) == 5 and pages == everything
    since = everything[3]["at"]
    assert [c["id"] for c in api.get("/changes", params={"since": since}).json()["items"]] == [
        c["id"] for c in everything[3:]
    ]
    assert api.get("/changes", params={"cursor": "bm90LWEtY3Vyc29y"}).status_code == 400
    forged = make_cursor(question_key("/changes", cascade=None, since=None), {"at": "}) RETURN 1 //", "id": "x"})
    assert api.get("/changes", params={"cursor": forged}).status_code == 400
    for edge in ("0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2020-01-01T00:00:00"):
        assert api.get("/changes", params={"since": edge}).status_code == 200, edge
