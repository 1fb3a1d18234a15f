"""The vocabulary of a cascade: a tier read from a position's name as planners write it, the kind
of a region from its name, and which levels a level may serve."""

from __future__ import annotations

import pytest

from lineage.cascade.vocabulary import (
    LEVELS,
    TIERS,
    ElementKind,
    RegionKind,
    Tier,
    region_kind_of,
    serves,
    skipped,
    tier_of_position,
    vocabulary,
)


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        # the heads of the three kinds of region
        ("Walikota Makassar", Tier.walikota),
        ("Wali Kota Makassar", Tier.walikota),
        ("Bupati Gowa", Tier.bupati),
        ("Pj. Bupati Gowa", Tier.bupati),
        ("Gubernur Sulawesi Selatan", Tier.gubernur),
        # the head of the agency
        ("Kepala Dinas Koperasi & UKM", Tier.kepala_dinas),
        ("Plt. Kepala Dinas Koperasi dan UKM", Tier.kepala_dinas),
        ("Kadis Koperasi", Tier.kepala_dinas),
        ("Kepala Badan Perencanaan Pembangunan Daerah", Tier.kepala_dinas),
        ("Camat Somba Opu", Tier.kepala_dinas),
        ("Sekretaris Daerah", Tier.kepala_dinas),
        ("Sekretaris DPRD", Tier.kepala_dinas),
        # Eselon III
        ("Kepala Bidang Koperasi", Tier.eselon_iii),
        ("Kabid UMKM", Tier.eselon_iii),
        ("KABID. PEMBERDAYAAN KOPERASI", Tier.eselon_iii),
        ("Sekretaris Dinas Koperasi dan UKM", Tier.eselon_iii),
        ("Kepala Bagian Perekonomian", Tier.eselon_iii),
        ("Eselon III, Sasaran Program 1", Tier.eselon_iii),
        # Eselon IV: sections, subdivisions, sub-bureaus
        ("Kepala Seksi Pengawasan Koperasi", Tier.eselon_iv),
        ("Kasi Kelembagaan", Tier.eselon_iv),
        ("Kasie Pemberdayaan Usaha Mikro", Tier.eselon_iv),
        ("Kepala Sub Bagian Umum dan Kepegawaian", Tier.eselon_iv),
        ("Kasubbag Perencanaan dan Keuangan", Tier.eselon_iv),
        ("Kasubag Program", Tier.eselon_iv),
        ("Kepala Subbidang Data", Tier.eselon_iv),
        ("Kasubbid Evaluasi", Tier.eselon_iv),
        ("Kepala UPTD Pasar", Tier.eselon_iv),
        ("Pengawas", Tier.eselon_iv),
        # functional positions and staff
        ("Fungsional", Tier.staff),
        ("Jabatan Fungsional Penyuluh Koperasi", Tier.staff),
        ("Pengawas Koperasi", Tier.staff),
        ("Pengawas Koperasi Ahli Muda", Tier.staff),
        ("Analis Kebijakan Ahli Muda", Tier.staff),
        ("Analis Perkoperasian", Tier.staff),
        ("Pranata Komputer Ahli Pertama", Tier.staff),
        ("Penyuluh Koperasi", Tier.staff),
        ("Staf", Tier.staff),
        ("Staf Bidang Koperasi", Tier.staff),
        ("JAFUNG/STAF, Sasaran Program 1, kegiatan", Tier.staff),
        ("Pelaksana", Tier.staff),
    ],
)
def test_a_tier_is_read_from_a_position_as_planners_write_it(name, tier):
    assert tier_of_position(name) is tier


@pytest.mark.parametrize("name", ["Bidang Koperasi", "Drs. Andi Baso", "", "  ", "Kepala", "UPT"])
def test_a_name_that_says_no_tier_gives_none_never_a_guess(name):
    assert tier_of_position(name) is None


def test_kepala_daerah_is_the_head_of_the_region_it_belongs_to():
    assert tier_of_position("Kepala Daerah") is None
    assert tier_of_position("Kepala Daerah", RegionKind.kabupaten) is Tier.bupati
    assert tier_of_position("Kepala Daerah", RegionKind.provinsi) is Tier.gubernur


@pytest.mark.parametrize(
    ("region", "kind"),
    [
        ("Kota Makassar", RegionKind.kota),
        ("KOTA PAREPARE", RegionKind.kota),
        ("Kabupaten Gowa", RegionKind.kabupaten),
        ("Kab. Gowa", RegionKind.kabupaten),
        ("Provinsi Sulawesi Selatan", RegionKind.provinsi),
        ("Makassar", None),
        ("", None),
    ],
)
def test_a_region_s_kind_is_read_from_its_name(region, kind):
    assert region_kind_of(region) is kind


def test_each_region_kind_has_its_own_head():
    assert [(kind.head.label, TIERS[kind.head].name.en) for kind in RegionKind] == [
        ("Walikota", "Mayor"),
        ("Bupati", "Regent"),
        ("Gubernur", "Governor"),
    ]


def test_the_agency_goal_may_be_passed_over_and_no_other_level_may():
    assert serves(ElementKind.agency_target) == (ElementKind.agency_goal, ElementKind.mayor_goal)
    assert serves(ElementKind.agency_goal) == (ElementKind.mayor_goal,)
    assert serves(ElementKind.program) == (ElementKind.agency_target,)
    assert serves(ElementKind.mayor_goal) == ()
    assert skipped(ElementKind.agency_target, ElementKind.mayor_goal) == ()
    assert skipped(ElementKind.program, ElementKind.mayor_goal) == (ElementKind.agency_target,)
    assert skipped(ElementKind.sub_kegiatan, ElementKind.program) == (ElementKind.kegiatan,)


def test_the_served_vocabulary_lists_every_level_tier_and_region_top_first_with_both_languages():
    served = vocabulary().model_dump(mode="json")
    assert [level["id"] for level in served["levels"]] == [kind.value for kind in ElementKind]
    assert [tier["id"] for tier in served["tiers"]] == [tier.value for tier in Tier]
    assert [region["head"] for region in served["regions"]] == ["walikota", "bupati", "gubernur"]
    for level in served["levels"]:
        assert level["box"]["id"] and level["box"]["en"] and level["row"]["id"] and level["row"]["en"]
        assert level["owners"] == [tier.value for tier in LEVELS[ElementKind(level["id"])].owners]
    agency_goal = next(level for level in served["levels"] if level["id"] == "agency_goal")
    assert agency_goal["box"] == {"id": "Tujuan PD", "en": "Agency goal"}
    assert agency_goal["owners"] == ["kepala_dinas"]


def test_the_api_serves_the_vocabulary_even_while_neo4j_is_down(client_without_neo4j):
    response = client_without_neo4j.get("/vocabulary")
    assert response.status_code == 200
    assert response.json() == vocabulary().model_dump(mode="json")
    assert [tier["label"] for tier in response.json()["tiers"]] == [
        "Walikota",
        "Bupati",
        "Gubernur",
        "Kepala Dinas",
        "Eselon III",
        "Eselon IV",
        "JAFUNG/STAF",
    ]
