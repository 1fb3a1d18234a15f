"""Indicator figures through the API: the manual IK fields, the series with capaian and roll-up,
and realisations entered behind the write token that survive a reload of the cascade."""

from __future__ import annotations

import pytest

from lineage.cascade import parse_cascade
from lineage.loader import load_cascade
from lineage.pins import statement_text
from tests.support.api_client import client_with_token
from tests.support.plans import db_hits, operators

CASCADE = """
format: lineage.cascade/1
id: contoh
agency: Dinas Contoh
region: Kota Contoh
period: 2025-2026
elements:
  - {id: s, kind: agency_target, name: Meningkatnya Koperasi Sehat}
  - {id: p1, kind: program, parent: s, name: Program Kecil}
  - {id: p2, kind: program, parent: s, name: Program Besar}
indicators:
  - id: ik-s
    measures: s
    name: Persentase Koperasi Sehat
    unit: "%"
    type: outcome
    polarity: higher
    definition: Koperasi sehat dibagi koperasi aktif
    formula: (koperasi sehat / koperasi aktif) x 100
    data_source: Laporan RAT
    frequency: tahunan
    baseline: 60
    baseline_year: 2024
    targets: {2025: 80, 2026: 85}
    realisations: [{year: 2025, value: 72}]
  - id: ik-p1
    measures: p1
    name: Persentase koperasi kecil yang sehat
    unit: "%"
    targets: {2025: {value: 100, numerator: 2, denominator: 2}}
    realisations: [{year: 2025, value: 100, numerator: 2, denominator: 2}]
  - id: ik-p2
    measures: p2
    name: Persentase koperasi besar yang sehat
    unit: "%"
    targets: {2025: {value: 75, numerator: 150, denominator: 200}}
  - id: ik-pengangguran
    measures: s
    name: Tingkat pengangguran anggota koperasi
    unit: "%"
    polarity: lower
    targets: {2025: 10}
    realisations: [{year: 2025, value: 12}, {year: 2025, quarter: 1, value: 13}]
"""
TOKEN = "rahasia-uji"


@pytest.fixture
def loaded(graph, database):
    load_cascade(graph, parse_cascade(CASCADE, "contoh.yaml"), database=database)
    return graph


@pytest.fixture
def client(loaded, database, monkeypatch):
    with client_with_token(loaded, database, monkeypatch, TOKEN) as client:
        yield client


def _year(series: dict, year: int) -> dict:
    return next(point for point in series["years"] if point["year"] == year)


def test_get_indicator_returns_the_manual_fields_targets_and_achievement(client):
    body = client.get("/indicators/contoh:ik-s").json()
    data = body["data"]
    assert {
        k: data[k]
        for k in ("type", "polarity", "polarity_assumed", "definition", "formula", "data_source", "frequency")
    } == {
        "type": "outcome",
        "polarity": "higher",
        "polarity_assumed": False,
        "definition": "Koperasi sehat dibagi koperasi aktif",
        "formula": "(koperasi sehat / koperasi aktif) x 100",
        "data_source": "Laporan RAT",
        "frequency": "tahunan",
    }
    assert data["baseline"]["value"] == 60 and data["baseline_year"] == 2024
    y2025 = _year(data, 2025)
    assert y2025["target"]["value"] == 80 and y2025["realised"]["value"] == 72
    assert y2025["capaian"]["value"] == 90.0  # 72 / 80
    assert _year(data, 2026)["capaian"] == {"value": None, "reason": "no realisation for this year"}


def test_the_series_of_a_lower_is_better_indicator_charges_the_overshoot(client):
    series = client.get("/indicators/contoh:ik-pengangguran/series").json()
    y2025 = _year(series, 2025)
    assert y2025["capaian"]["value"] == 80.0  # (2 x 10 - 12) / 10
    assert y2025["quarters"] == [
        {"quarter": 1, "realised": {"value": 13.0, "numerator": None, "denominator": None}, "source": "file"}
    ]


def test_the_roll_up_pools_counts_and_names_who_is_missing(client):
    y2025 = _year(client.get("/indicators/contoh:ik-s/series").json(), 2025)
    assert y2025["rollup"]["method"] == "pooled_ratio"
    assert y2025["rollup"]["contributors"] == ["contoh:ik-p1"]
    assert y2025["rollup"]["missing"] == ["contoh:ik-p2"]


def test_writes_need_the_token(client):
    body = {"value": 100, "numerator": 100, "denominator": 200}
    missing = client.put("/indicators/contoh:ik-p2/realisations/2025", json=body)
    assert missing.status_code == 401 and missing.json()["error"] == "unauthenticated"
    wrong = client.put("/indicators/contoh:ik-p2/realisations/2025", json=body, headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "bad_token"


def test_without_a_configured_token_every_write_is_refused(loaded, database, monkeypatch):
    with client_with_token(loaded, database, monkeypatch, "") as client:
        answer = client.put(
            "/indicators/contoh:ik-p2/realisations/2025",
            json={"value": 1},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert answer.status_code == 403 and answer.json()["error"] == "writes_disabled"


def test_an_entered_realisation_completes_the_roll_up_and_survives_a_reload(client, loaded, database):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    answer = client.put(
        "/indicators/contoh:ik-p2/realisations/2025",
        json={"value": 50, "numerator": 100, "denominator": 200, "quarters": {"1": 20}},
        headers=auth,
    )
    assert answer.status_code == 200, answer.text
    assert _year(answer.json(), 2025)["realised_source"] == "entered"

    load_cascade(loaded, parse_cascade(CASCADE, "contoh.yaml"), database=database)  # a reload

    y2025 = _year(client.get("/indicators/contoh:ik-s/series").json(), 2025)
    # pooled: target (2 + 150) / (2 + 200), realised (2 + 100) / (2 + 200): 102 / 152 = 67.11%
    assert y2025["rollup"]["method"] == "pooled_ratio" and y2025["rollup"]["capaian"] == 67.11
    assert y2025["rollup"]["missing"] == []
    p2 = _year(client.get("/indicators/contoh:ik-p2/series").json(), 2025)
    assert p2["quarters"][0]["realised"]["value"] == 20 and p2["capaian"]["value"] == 66.67


@pytest.mark.parametrize(
    "body", [{}, {"numerator": 1, "denominator": 2}, {"value": 1, "numerator": 1}, {"quarters": {"5": 1}}]
)
def test_an_inconsistent_realisation_is_refused(client, body):
    answer = client.put(
        "/indicators/contoh:ik-p2/realisations/2025", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 422


@pytest.mark.parametrize("body", [{"value": 1, "quartal": {"1": 3}}, {"value": 1, "catatan": "revisi"}])
def test_a_realisation_with_a_field_the_api_does_not_know_is_refused_and_nothing_is_recorded(client, body):
    """A misspelt field ("quartal" for "quarters") was ignored: the year's value was recorded
    and the quarters were lost without a word."""
    before = client.get("/indicators/contoh:ik-p2/realisations").json()["items"]
    answer = client.put(
        "/indicators/contoh:ik-p2/realisations/2025", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 422, answer.text
    unknown = next(name for name in body if name != "value")
    assert f"body.{unknown}: Extra inputs are not permitted" in answer.json()["detail"]
    assert client.get("/indicators/contoh:ik-p2/realisations").json()["items"] == before


def test_a_realisation_for_an_unknown_indicator_is_404(client):
    answer = client.put(
        "/indicators/contoh:nope/realisations/2025", json={"value": 1}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 404


def test_a_series_seeks_its_own_realisations_instead_of_scanning_everyones(loaded, database):
    """Every cascade's entered realisations share one label: the cost of a series must not grow
    with the others (200,000 of them once made each series call take 2 s)."""
    others = 2_000
    loaded.execute_query(
        "UNWIND range(1, $n) AS k CREATE (:Realisation {cascade: 'lain', indicator: 'ik-' + k, year: 2025, quarter: 0, value: 1.0})",
        n=others,
        database_=database,
    )
    node = loaded.execute_query(
        "MATCH (i:Indicator {uid: 'contoh:ik-s'}) RETURN elementId(i) AS id", database_=database
    ).records[0]["id"]
    with loaded.session(database=database) as session:
        series = session.run("PROFILE " + statement_text("indicator_series"), node_id=node).consume().profile
        # one indicator's detail reads the same figures in its one statement, its check included
        detail = session.run(
            "PROFILE " + statement_text("indicator_detail"), cascade="contoh", uid="contoh:ik-s", load=None
        ).consume()
    assert detail.profile is not None
    for profile in (series, detail.profile):
        realisation_reads = [(op.name, op.details) for op in operators(profile) if ":Realisation" in op.details]
        assert realisation_reads and all(op == "NodeIndexSeek" for op, _ in realisation_reads), realisation_reads
        assert db_hits(profile) < others
