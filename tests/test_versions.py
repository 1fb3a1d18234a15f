"""Several agencies and versions side by side: links across cascades that survive reloads of
either side, kept versions that stay queryable, scoping by agency and period."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lineage import indicators, rollups, search
from lineage.api.main import create_app
from lineage.cascade import read_cascade
from lineage.cascade.model import Period
from lineage.importers import ImportOptions, import_source, load_imported
from lineage.loader import load_cascade
from lineage.series import indicator_series
from tests.support.graph_state import counts
from tests.support.paths import EXAMPLES, MAKASSAR, RPJMD, WORKBOOK

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"
INCOME = f"{RPJMD}:ik-tujuan-1-1"  # Pendapatan Perkapita


def _import(driver, database, path=WORKBOOK, **options):
    imported = import_source(str(path), options=ImportOptions(**options))
    load_imported(driver, imported, database=database)
    return imported


def _contributors(driver, database, indicator=INCOME, **scope) -> set[str]:
    answer = rollups.contributors(driver, indicator, depth=1, database=database, **scope)
    return {n.id for n in answer.items}


def _cascade(cascade_id):
    return next(c for c in import_source(str(WORKBOOK)).cascades if c.id == cascade_id)


DIRECT = {f"{KOPERASI}:ik-sasaran-1-1", f"{PERDAGANGAN}:ik-sasaran-1-1"}


def test_the_mayors_goal_gathers_both_agencies_targets(graph, database):
    _import(graph, database)
    assert _contributors(graph, database) == DIRECT
    path = rollups.contributes_to(graph, f"{PERDAGANGAN}:ik-subkegiatan-3.30.04.2.01.0002-1", database=database).paths
    assert [p[-1] for p in path] == [INCOME]


def test_contributors_can_be_scoped_to_one_agency(graph, database):
    _import(graph, database)
    assert _contributors(graph, database, agency="dinas perdagangan") == {f"{PERDAGANGAN}:ik-sasaran-1-1"}
    assert _contributors(graph, database, period="2030") == set()
    answer = search.search_indicators(graph, "jumlah", agency="Dinas Koperasi dan UKM", limit=500, database=database)
    assert answer.items and {i.cascade for i in answer.items} == {KOPERASI}


def test_links_across_cascades_survive_a_reload_of_either_side(graph, database):
    _import(graph, database)
    before = counts(graph, database)
    load_cascade(graph, _cascade(RPJMD), database=database)  # the region's goals again
    assert _contributors(graph, database) == DIRECT
    load_cascade(graph, _cascade(KOPERASI), database=database)  # one agency again
    assert _contributors(graph, database) == DIRECT
    assert counts(graph, database) == before


def test_an_agency_loaded_before_its_goals_is_linked_when_they_arrive(graph, database):
    cascades = {c.id: c for c in import_source(str(WORKBOOK)).cascades}
    load_cascade(graph, cascades[KOPERASI], database=database)
    load_cascade(graph, cascades[PERDAGANGAN], database=database)
    report = load_cascade(graph, cascades[RPJMD], database=database)
    assert report.links_across == 4 + 5  # 4 targets under 2 goals; 5 target indicators under the goals' IKs
    assert _contributors(graph, database) == DIRECT


def test_a_new_version_keeps_the_old_one_queryable(graph, database):
    _import(graph, database, version="awal")
    _import(graph, database, path=EXAMPLES / "renstra-makassar-2025-2029-v2.xlsx", version="perubahan")
    renamed = f"{KOPERASI}:ik-sasaran-1-1"
    assert indicators.get_indicator(graph, renamed, database=database).name == "Persentase Koperasi yang Sehat"
    with TestClient(create_app(graph, database)) as client:
        old = client.get(f"/indicators/{renamed}", params={"version": "awal"}).json()
        assert old["name"] == "Persentase Koperasi Sehat"
        versions = client.get(f"/cascades/{KOPERASI}/versions").json()["items"]
        assert [(v["version"], v["current"]) for v in versions] == [("perubahan", True), ("awal", False)]
        boxes = client.get(f"/cascades/{KOPERASI}/elements", params={"version": "awal", "kind": "program"}).json()
        assert len(boxes["items"]) == 5
        missing = client.get(f"/indicators/{renamed}", params={"version": "nope"})
        assert missing.status_code == 404 and "awal" in missing.json()["detail"]
    # the kept version's indicators roll up within it, and only the current one is linked across
    assert _contributors(graph, database) == DIRECT


def test_reloading_the_same_version_replaces_it(graph, database):
    _import(graph, database, version="awal")
    first = counts(graph, database)
    _import(graph, database, version="awal")
    assert counts(graph, database) == first
    assert "CascadeVersion" not in first


def test_the_yaml_cascade_keeps_loading_as_before(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    report = load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert report.replaced and report.kept_version is None and report.links_across == 0


@pytest.mark.parametrize("version", ["awal", None])
def test_realisations_entered_survive_a_new_version(graph, database, monkeypatch, version):
    from lineage.series import RealisationInput, record_realisation

    _import(graph, database, version=version)
    target = f"{PERDAGANGAN}:ik-sasaran-1-1"
    record_realisation(graph, target, 2025, RealisationInput(value=8.8), database=database)
    _import(graph, database, path=EXAMPLES / "renstra-makassar-2025-2029-v2.xlsx", version="perubahan")
    year = next(p for p in indicator_series(graph, target, database=database).years if p.year == 2025)
    assert (year.realised.value, year.realised_source) == (8.8, "entered")


def test_a_kept_version_answers_with_its_own_agency_period_and_years(graph, database):
    """The Cascade node describes the current version only: a kept version's answers must come
    from its own record, or a 2021-2026 plan reads as 2027-2031 under a renamed agency."""
    first = read_cascade(MAKASSAR).model_copy(update={"version": "2021-2026"})
    second = first.model_copy(
        update={
            "version": "2027-2031",
            "period": Period(start=2027, end=2031),
            "agency": "Dinas Koperasi, UKM dan Perindustrian",
        }
    )
    old_load = load_cascade(graph, first, database=database).load
    load_cascade(graph, second, database=database)
    goal = f"{first.id}:ik-tujuan-1"

    kept = indicators.get_indicator(graph, goal, version=old_load, database=database)
    assert (kept.agency, kept.period) == ("Dinas Koperasi & UKM", "2021-2026")
    assert [y.year for y in kept.data.years] == list(range(2021, 2027))
    assert [y.year for y in indicator_series(graph, goal, load=old_load, database=database).years] == list(
        range(2021, 2027)
    )
    in_2022 = rollups.contributors(graph, goal, version=old_load, period="2022", database=database)
    assert in_2022.total > 0 and {n.period for n in in_2022.items} == {"2021-2026"}
    assert rollups.contributors(graph, goal, version=old_load, period="2028", database=database).total == 0

    current = indicators.get_indicator(graph, goal, database=database)
    assert (current.agency, current.period) == ("Dinas Koperasi, UKM dan Perindustrian", "2027-2031")
    assert [y.year for y in current.data.years] == list(range(2027, 2032))
