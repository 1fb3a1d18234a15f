"""No accidental loss: a dry run says what a load would add, remove and change against the version
it replaces; a load that would remove more than the allowed share of a cascade's indicators is
refused unless forced, saying what would go."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from lineage.api.main import create_app
from lineage.cascade import Cascade, parse_cascade, read_cascade
from lineage.loader import WouldShrink, load_cascade
from lineage.plan import plan_load
from tests.support.api_client import client_with_token
from tests.support.graph_state import snapshot
from tests.support.makassar import changed
from tests.support.paths import MAKASSAR
from tests.support.synthetic import generate_cascade

TOKEN = "rahasia-uji"


def _json(cascade: Cascade) -> str:
    return json.dumps(cascade.model_dump(mode="json", exclude_none=True))


@pytest.fixture
def big(graph: Driver, database: str | None) -> Cascade:
    """A 200-indicator cascade, loaded."""
    cascade = generate_cascade(200, seed=1, cascade_id="synthetic")
    load_cascade(graph, cascade, database=database)
    return cascade


@pytest.fixture
def api(graph: Driver, database: str | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    with client_with_token(graph, database, monkeypatch, TOKEN) as client:
        yield client


def _upload(api: TestClient, cascade: Cascade, **form: str):
    return api.post(
        "/cascades",
        files={"file": ("cascade.json", _json(cascade).encode())},
        data=form,
        headers={"Authorization": f"Bearer {TOKEN}"},
    )


def test_a_load_that_would_remove_most_indicators_is_refused_naming_them(graph, database, big):
    small = generate_cascade(20, seed=2, cascade_id="synthetic")
    before = snapshot(graph, database)

    with pytest.raises(
        WouldShrink,
        match=r"would remove \d+ of the 200 indicators .* more than the 20% allowed; nothing was loaded.*remove ik-",
    ):
        load_cascade(graph, small, database=database)

    assert snapshot(graph, database) == before


def test_a_forced_load_removes_them(graph, database, big):
    small = generate_cascade(20, seed=2, cascade_id="synthetic")
    report = load_cascade(graph, small, database=database, force=True)
    assert report.indicators == 20


def test_a_small_removal_needs_no_confirmation(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    one_less = changed(
        (
            "  - {id: ik-subkegiatan-5.1.5, measures: subkegiatan-5.1.5, name: koordinasi dan sinkronisasi dengan para pemangku kepentingan dalam pemberdayaan usaha mikro}\n",
            "",
        )
    )
    assert load_cascade(graph, parse_cascade(one_less, "v2.yaml"), database=database).indicators == 32


def test_a_new_version_label_keeps_the_current_version_so_nothing_is_removed(graph, database, big):
    small = generate_cascade(20, seed=2, cascade_id="synthetic").model_copy(update={"version": "perubahan"})
    plan = plan_load(graph, small, database=database)
    assert plan.replaces is None and plan.keeps_current and not plan.needs_force
    assert load_cascade(graph, small, database=database).kept_version == ""


def test_a_dry_run_counts_what_would_be_added_removed_and_changed(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    revised = changed(
        ("name: Persentase Koperasi Aktif}", "name: Persentase Koperasi Aktif (revisi)}"),
        (
            "  - {id: ik-subkegiatan-5.1.5, measures: subkegiatan-5.1.5, name: koordinasi dan sinkronisasi dengan para pemangku kepentingan dalam pemberdayaan usaha mikro}\n",
            "  - {id: ik-baru, measures: subkegiatan-5.1.5, name: Indikator baru}\n",
        ),
    )
    before = snapshot(graph, database)

    plan = plan_load(graph, parse_cascade(revised, "v2.yaml"), database=database)

    assert (plan.indicators.added, plan.indicators.removed, plan.indicators.changed) == (1, 1, 1)
    assert plan.indicators.unchanged == 31 and plan.elements.changed == 0 and plan.positions.changed == 0
    assert [i.id for i in plan.removed_indicators] == ["ik-subkegiatan-5.1.5"]
    assert not plan.needs_force and plan.removed_share == pytest.approx(1 / 33)
    assert snapshot(graph, database) == before


def test_the_same_file_again_changes_nothing(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    plan = plan_load(graph, read_cascade(MAKASSAR), database=database)
    assert plan.indicators.model_dump() == {"added": 0, "removed": 0, "changed": 0, "unchanged": 33}
    assert plan.elements.unchanged == 29 and plan.positions.unchanged == 20


def test_the_apis_dry_run_says_what_an_import_would_do_and_loads_nothing(api, graph, database, big):
    small = generate_cascade(20, seed=2, cascade_id="synthetic")
    before = snapshot(graph, database)

    answer = _upload(api, small, dry_run="true")

    assert answer.status_code == 200, answer.text
    [plan] = answer.json()["plans"]
    counted = plan["indicators"]
    assert plan["needs_force"] and counted["removed"] > 160
    assert counted["removed"] + counted["changed"] + counted["unchanged"] == 200
    assert snapshot(graph, database) == before


def test_the_api_refuses_a_shrinking_import_unless_forced(api, graph, database, big):
    small = generate_cascade(20, seed=2, cascade_id="synthetic")
    before = snapshot(graph, database)

    refused = _upload(api, small)
    assert refused.status_code == 409 and refused.json()["error"] == "would_shrink"
    assert "force=true" in refused.json()["detail"] and len(refused.json()["removed"]) > 160
    assert snapshot(graph, database) == before

    assert _upload(api, small, force="true").status_code == 201


def test_no_write_token_no_dry_run(graph, database, big):
    with TestClient(create_app(graph, database)) as client:
        answer = client.post("/cascades", files={"file": ("c.json", b"{}")}, data={"dry_run": "true"})
    assert answer.status_code in (401, 403)
