"""Regions and positions as they are: a regency's head is its Bupati, the agency's own goal is a
level between the region's goals and the agency's targets, Eselon IV owns kegiatan and sub
kegiatan, and the audit judges all of it without false findings, offline and in the database."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from lineage.audit.database import audit_database
from lineage.audit.offline import audit_cascade, audit_file
from lineage.cascade import CascadeFileError, ElementKind, RegionKind, Tier, parse_cascade, read_cascade
from lineage.language import Lang
from lineage.loader import load_cascade
from tests.support.makassar import changed
from tests.support.paths import MAKASSAR, REGENCY

REGENCY_TEXT = REGENCY.read_text(encoding="utf-8")


def _regency(*replacements: tuple[str, str]) -> str:
    text = REGENCY_TEXT
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _findings(text: str) -> set[tuple[str, tuple[str, ...]]]:
    cascade = parse_cascade(text, "cascade.yaml", refuse_cycles=False)
    return {(f.rule, tuple(n.local_id for n in f.nodes)) for f in audit_cascade(cascade)}


def _heads(text: str) -> list[tuple[str, Tier, str]]:
    cascade = parse_cascade(text, "cascade.yaml")
    return [(p.id, p.tier, p.tier.label) for p in cascade.positions if p.tier.is_head]


# -- the head of the region ----------------------------------------------------------------------


def test_the_regency_example_has_a_bupati_an_agency_goal_and_eselon_iv_owners():
    cascade = read_cascade(REGENCY)
    owners = {e.id: next(p for p in cascade.positions if p.id == e.owner).tier for e in cascade.elements}
    assert cascade.kind_of_region is RegionKind.kabupaten
    assert _heads(REGENCY_TEXT) == [("bupati", Tier.bupati, "Bupati")]
    assert [e.id for e in cascade.elements if e.kind is ElementKind.agency_goal] == ["tujuan-pd-1"]
    assert owners["tujuan-pd-1"] is Tier.kepala_dinas
    assert {e.id for e in cascade.elements if owners[e.id] is Tier.eselon_iv} == {
        "kegiatan-1.1",
        "kegiatan-2.1",
        "subkegiatan-1.1.1",
        "subkegiatan-2.1.1",
    }


def test_a_head_written_as_walikota_in_a_regency_is_read_as_its_bupati():
    text = _regency(("{id: bupati, tier: bupati,", "{id: bupati, tier: walikota,"))
    assert _heads(text) == [("bupati", Tier.bupati, "Bupati")]


def test_without_a_region_kind_the_region_s_name_decides_the_head():
    text = _regency(
        ("\nregion_kind: kabupaten\n", "\n"), ("{id: bupati, tier: bupati,", "{id: bupati, tier: walikota,")
    )
    assert _heads(text) == [("bupati", Tier.bupati, "Bupati")]
    province = _regency(
        ("region: Kabupaten Gowa", "region: Provinsi Sulawesi Selatan"), ("\nregion_kind: kabupaten\n", "\n")
    )
    assert _heads(province) == [("bupati", Tier.gubernur, "Gubernur")]


def test_a_region_that_says_no_kind_keeps_the_head_as_written():
    text = _regency(("region: Kabupaten Gowa", "region: Gowa"), ("\nregion_kind: kabupaten\n", "\n"))
    assert _heads(text) == [("bupati", Tier.bupati, "Bupati")]
    walikota = changed(("region: Kota Makassar", "region: Makassar"))
    assert _heads(walikota) == [("walikota", Tier.walikota, "Walikota")]


def test_a_region_kind_that_contradicts_the_region_s_name_is_refused_with_its_line():
    text = _regency(("\nregion_kind: kabupaten\n", "\nregion_kind: kota\n"))
    line = text.splitlines().index("region_kind: kota") + 1
    with pytest.raises(CascadeFileError) as refused:
        parse_cascade(text, "cascade.yaml")
    assert [str(p) for p in refused.value.problems] == [
        f"cascade.yaml:{line}: region_kind: the region 'Kabupaten Gowa' is a kabupaten, not a kota"
    ]


def test_makassar_reads_as_before_a_city_whose_head_is_its_walikota():
    cascade = read_cascade(MAKASSAR)
    assert cascade.region_kind is None and cascade.kind_of_region is RegionKind.kota
    assert _heads(MAKASSAR.read_text(encoding="utf-8")) == [("walikota", Tier.walikota, "Walikota")]
    assert not any(e.kind is ElementKind.agency_goal for e in cascade.elements)


# -- the audit on the new level and tier ---------------------------------------------------------


def test_the_regency_example_has_no_audit_finding():
    assert audit_file(REGENCY).findings == []


def test_a_program_straight_under_the_agency_goal_skips_the_agency_target_level():
    text = _regency(("kind: program, parent: sasaran-1,", "kind: program, parent: tujuan-pd-1,"))
    found = audit_cascade(parse_cascade(text, "cascade.yaml"))
    skips = [f for f in found if f.rule == "level-skip"]
    assert [(tuple(n.local_id for n in f.nodes)) for f in skips] == [("program-1", "tujuan-pd-1")]
    assert "skipping the agency target level" in skips[0].in_language(Lang.en).message


def test_an_agency_target_may_serve_the_region_s_goal_without_an_agency_goal_between():
    text = _regency(
        (
            "{id: sasaran-1, kind: agency_target, parent: tujuan-pd-1,",
            "{id: sasaran-1, kind: agency_target, parent: tujuan-rpjmd-1,",
        )
    )
    assert _findings(text) == set()


def test_an_agency_goal_may_start_an_agency_s_cascade_and_is_no_orphan():
    text = _regency(("kind: agency_goal, parent: tujuan-rpjmd-1,", "kind: agency_goal,"))
    assert _findings(text) == {("childless-element", ("tujuan-rpjmd-1",))}


def test_an_agency_target_without_parent_is_still_an_orphan():
    text = _regency(
        ("{id: sasaran-1, kind: agency_target, parent: tujuan-pd-1,", "{id: sasaran-1, kind: agency_target,")
    )
    assert _findings(text) == {("orphan-element", ("sasaran-1",))}


def test_an_agency_goal_owned_below_the_head_of_the_agency_is_at_the_wrong_tier():
    text = _regency(("parent: tujuan-rpjmd-1, owner: kepala-dinas,", "parent: tujuan-rpjmd-1, owner: kabid-koperasi,"))
    found = audit_cascade(parse_cascade(text, "cascade.yaml"))
    assert [(f.rule, f.nodes[0].local_id) for f in found] == [("owner-tier-mismatch", "tujuan-pd-1")]
    assert found[0].in_language(Lang.en).message.endswith("but an agency goal is owned at Kepala Dinas.")


def test_a_regency_s_goal_without_owner_asks_for_its_bupati_not_any_head():
    text = _regency(("{id: tujuan-rpjmd-1, kind: mayor_goal, owner: bupati,", "{id: tujuan-rpjmd-1, kind: mayor_goal,"))
    (found,) = audit_cascade(parse_cascade(text, "cascade.yaml"))
    assert found.rule == "missing-owner"
    assert found.in_language(Lang.en).fix == "Set its owner to the position accountable for it (Bupati)."
    walikota = _regency(("owner: bupati,", "owner: kepala-dinas,"))
    (found,) = audit_cascade(parse_cascade(walikota, "cascade.yaml"))
    assert found.in_language(Lang.en).message.endswith("but a mayor goal is owned at Bupati.")


def test_a_program_owned_at_eselon_iv_is_at_the_wrong_tier_and_a_kegiatan_is_not():
    text = _regency(("owner: kabid-koperasi, code: 2.17.03,", "owner: kasi-pengawasan, code: 2.17.03,"))
    assert _findings(text) == {("owner-tier-mismatch", ("program-1",))}


def test_the_regency_gives_the_same_findings_in_the_database_as_offline(graph, database):
    """A real skip and an agency goal at the top of the file: both paths judge them alike."""
    text = _regency(
        ("kind: program, parent: sasaran-1,", "kind: program, parent: tujuan-pd-1,"),
        ("kind: agency_goal, parent: tujuan-rpjmd-1,", "kind: agency_goal,"),
    )
    cascade = parse_cascade(text, "cascade.yaml")
    load_cascade(graph, cascade, database=database)
    offline = audit_cascade(cascade)
    assert {(f.rule, tuple(n.local_id for n in f.nodes)) for f in offline} == {
        ("level-skip", ("program-1", "tujuan-pd-1")),
        ("childless-element", ("sasaran-1",)),
        ("childless-element", ("tujuan-rpjmd-1",)),
    }
    assert audit_database(graph, database=database).findings == offline


# -- the API -------------------------------------------------------------------------------------


def test_the_api_answers_with_the_bupati_and_filters_on_eselon_iv(graph, database):
    cascade = read_cascade(REGENCY)
    load_cascade(graph, cascade, database=database)
    tiers = {p.id: p.tier for p in cascade.positions}
    owner = {e.id: tiers[e.owner] for e in cascade.elements if e.owner}
    eselon_iv = {f"gowa-diskopukm:{i.id}" for i in cascade.indicators if owner[i.measures] is Tier.eselon_iv}

    with TestClient(create_app(graph, database)) as client:
        top = client.get("/indicators/gowa-diskopukm:ik-tujuan-rpjmd-1").json()
        down = client.get(
            "/indicators/gowa-diskopukm:ik-tujuan-rpjmd-1/contributors", params={"tier": "eselon_iv", "limit": 100}
        ).json()

    assert (top["owner"]["tier"], top["owner"]["tier_label"]) == ("bupati", "Bupati")
    assert {n["id"] for n in down["nodes"]} == eselon_iv and len(eselon_iv) == 4
    assert {n["owner"]["tier_label"] for n in down["nodes"]} == {"Eselon IV"}
