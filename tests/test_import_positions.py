"""Regions and positions as files state them: a Renstra's tujuan is the agency's goal, the
region's when several agencies serve it; a regency's head is its Bupati; owners' tiers come
from the positions' names; a tujuan's RPJMD sasaran is linked when the sheet names it."""

from __future__ import annotations

from lineage.cascade.model import ElementKind, Tier
from lineage.importers import ImportOptions, import_source
from tests.support.sheets import write_csv

GOWA = ImportOptions(region="Kabupaten Gowa", period="2025-2029")
HEADER = ["Perangkat Daerah", "Tujuan", "Sasaran", "Kode", "Program", "Indikator", "Penanggung Jawab"]


def _by_id(imported):
    return {c.id: c for c in imported.cascades}


def test_a_tujuan_two_agencies_serve_is_the_regions_goal_owned_by_the_bupati(tmp_path):
    rows = [
        HEADER,
        ["Dinas Koperasi", "Ekonomi Tumbuh", "Koperasi Sehat", None, None, "IKS", None],
        ["Dinas Perdagangan", "Ekonomi Tumbuh", "Harga Stabil", None, None, "IHS", None],
    ]
    cascades = _by_id(import_source(str(write_csv(tmp_path / "r.csv", rows)), options=GOWA))
    rpjmd = cascades["kabupaten-gowa-rpjmd-2025-2029"]
    assert [(e.kind, e.name) for e in rpjmd.elements] == [(ElementKind.mayor_goal, "Ekonomi Tumbuh")]
    assert [(p.id, p.name, p.tier) for p in rpjmd.positions] == [("bupati", "Bupati Gowa", Tier.bupati)]
    koperasi = cascades["kabupaten-gowa-dinas-koperasi-2025-2029"]
    assert [e.external_parent for e in koperasi.elements] == ["kabupaten-gowa-rpjmd-2025-2029:tujuan-1"]


def test_a_tujuan_one_agency_serves_is_its_own_goal_owned_by_its_head(tmp_path):
    rows = [
        HEADER,
        ["Dinas Koperasi", "Koperasi Kuat", "Koperasi Sehat", None, None, "IKS", None],
        ["Dinas Perdagangan", "Pasar Tertib", "Harga Stabil", None, None, "IHS", None],
    ]
    cascades = _by_id(import_source(str(write_csv(tmp_path / "r.csv", rows)), options=GOWA))
    assert list(cascades) == ["kabupaten-gowa-dinas-koperasi-2025-2029", "kabupaten-gowa-dinas-perdagangan-2025-2029"]
    koperasi = cascades["kabupaten-gowa-dinas-koperasi-2025-2029"]
    assert [(e.id, e.kind, e.parent) for e in koperasi.elements] == [
        ("tujuan-1", ElementKind.agency_goal, None),
        ("sasaran-1", ElementKind.agency_target, "tujuan-1"),
    ]
    assert [(p.name, p.tier) for p in koperasi.positions] == [("Kepala Dinas Koperasi", Tier.kepala_dinas)]


def test_owners_tiers_are_read_from_their_position_names(tmp_path):
    header = ["Sasaran", "Kode", "Program, Kegiatan dan Sub Kegiatan", "Indikator", "Penanggung Jawab"]
    rows = [
        header,
        ["S", None, None, "IS", None],
        [None, "2.17.04", "P", "IP", "Kabid Kelembagaan"],
        [None, "2.17.04.2.01", "K", "IK", "Kasi Pengawasan"],
        [None, "2.17.04.2.01.0001", "SK", "ISK", "Kasi Pengawasan"],
        [None, "2.17.04.2.01.0002", "SK2", "ISK2", "Analis Kelembagaan Koperasi"],
        [None, "2.17.04.2.01.0003", "SK3", "ISK3", "Bidang Kelembagaan"],
    ]
    options = GOWA.model_copy(update={"agency": "Dinas Koperasi"})
    (cascade,) = import_source(str(write_csv(tmp_path / "r.csv", rows)), options=options).cascades
    owners = {p.id: (p.name, p.tier) for p in cascade.positions}
    assert {e.code: owners[e.owner] for e in cascade.elements if e.code} == {
        "2.17.04": ("Kabid Kelembagaan", Tier.eselon_iii),
        "2.17.04.2.01": ("Kasi Pengawasan", Tier.eselon_iv),
        "2.17.04.2.01.0001": ("Kasi Pengawasan", Tier.eselon_iv),  # a Kasi owns a sub kegiatan: Eselon IV, not staff
        "2.17.04.2.01.0002": ("Analis Kelembagaan Koperasi", Tier.staff),
        "2.17.04.2.01.0003": ("JAFUNG/STAF, Bidang Kelembagaan", Tier.staff),  # a unit, no position: the level's tier
    }


def test_a_tujuans_rpjmd_sasaran_named_by_the_sheet_is_the_regions_goal_it_serves(tmp_path):
    rows = [
        ["Sasaran RPJMD", "Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Sasaran"],
        ["Meningkatnya Ekonomi Kerakyatan", "Koperasi Kuat", "IT", "Koperasi Sehat", "IS"],
    ]
    options = GOWA.model_copy(update={"agency": "Dinas Koperasi"})
    rpjmd, agency = import_source(str(write_csv(tmp_path / "r.csv", rows)), options=options).cascades
    assert [(e.id, e.kind, e.name) for e in rpjmd.elements] == [
        ("sasaran-rpjmd-1", ElementKind.mayor_goal, "Meningkatnya Ekonomi Kerakyatan")
    ]
    goal = next(e for e in agency.elements if e.kind is ElementKind.agency_goal)
    assert goal.external_parent == f"{rpjmd.id}:sasaran-rpjmd-1"
