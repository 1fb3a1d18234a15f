"""Each layout planners use, imported from the example written from one cascade, gives that
cascade back: counts per level, every code, every indicator on its element, field by field as
far as the layout carries it (scripts/make_layout_examples.py says what each holds)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from lineage.cascade import read_cascade
from lineage.cascade.model import ElementKind, Tier
from lineage.importers import ImportRefused, import_source
from tests.support.layouts import LAYOUTS, TRUTH, Layout, fields_carried


def _counts(cascade):
    kinds = {e.id: e.kind for e in cascade.elements}
    return Counter(e.kind for e in cascade.elements), Counter(kinds[i.measures] for i in cascade.indicators)


@pytest.fixture(scope="module")
def truth():
    return read_cascade(TRUTH)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.file)
def test_each_layout_gives_the_cascade_it_was_written_from_field_by_field(layout: Layout, truth):
    imported = import_source(layout.path, options=layout.options)
    (cascade,) = imported.cascades
    assert (cascade.id, cascade.agency, cascade.region, str(cascade.period)) == (
        truth.id,
        truth.agency,
        truth.region,
        "2025-2029",
    )
    assert _counts(cascade) == _counts(truth)
    assert fields_carried(cascade, layout) == fields_carried(truth, layout)
    assert imported.report.skipped == [] or all("total row" in r.reasons[0] for r in imported.report.skipped)


def test_the_counts_per_level_are_those_of_the_regency_plan(truth):
    elements, indicators = _counts(truth)
    assert elements == {
        ElementKind.agency_goal: 2,
        ElementKind.agency_target: 3,
        ElementKind.program: 4,
        ElementKind.kegiatan: 4,
        ElementKind.sub_kegiatan: 6,
    }
    assert sum(indicators.values()) == 22


def test_a_renstra_tujuan_is_the_agency_goal_owned_by_its_head_and_the_owners_tiers_come_from_their_names():
    (cascade,) = import_source(LAYOUTS[0].path).cascades
    owners = {p.id: (p.name, p.tier) for p in cascade.positions}
    by_id = {e.id: e for e in cascade.elements}
    assert by_id["tujuan-1"].kind is ElementKind.agency_goal
    assert owners[by_id["tujuan-1"].owner] == ("Kepala Dinas Koperasi dan UKM", Tier.kepala_dinas)
    assert {owners[e.owner] for e in cascade.elements if e.kind is ElementKind.kegiatan} >= {
        ("Kepala Seksi Pengawasan Koperasi", Tier.eselon_iv),
        ("Kepala Subbagian Perencanaan dan Keuangan", Tier.eselon_iv),
    }
    assert owners[by_id["subkegiatan-2.17.03.2.01.0001"].owner] == ("Pengawas Koperasi", Tier.staff)
    assert owners[by_id["program-X.XX.01"].owner] == ("Sekretaris Dinas", Tier.eselon_iii)


def test_the_regency_title_block_gives_agency_and_region_unpolluted():
    """'DINAS KOPERASI DAN UKM' above 'PEMERINTAH KABUPATEN TAKALAR', under 'LAMPIRAN ...' and
    'TABEL T-C.27': the agency is not '... UKM Pemerintah'."""
    (cascade,) = import_source(LAYOUTS[0].path).cascades
    assert (cascade.agency, cascade.region) == ("Dinas Koperasi dan UKM", "Kabupaten Takalar")


def test_sipd_agency_goals_serve_the_rpjmd_sasaran_named_by_kode_sasaran_rpjm():
    (cascade,) = import_source(LAYOUTS[3].path, options=LAYOUTS[3].options).cascades
    assert {e.id: e.external_parent for e in cascade.elements if e.kind is ElementKind.agency_goal} == {
        "tujuan-1": "kabupaten-takalar-rpjmd-2025-2029:sasaran-rpjmd-rpjmd-sasaran-3-2",
        "tujuan-2": "kabupaten-takalar-rpjmd-2025-2029:sasaran-rpjmd-rpjmd-sasaran-5-1",
    }


def test_every_sipd_field_not_read_is_listed_once_per_list_with_why():
    report = import_source(LAYOUTS[3].path, options=LAYOUTS[3].options).report
    not_read = {(c.sheet, c.column): c.reason for c in report.columns_not_read}
    assert not_read[("renstra_program", "is_locked")] == "SIPD's lock state; a cascade keeps none"
    assert not_read[("renstra_tujuan", "target_akhir")].startswith("the end-of-period condition")
    assert ("renstra_program", "pagu_1") not in not_read and ("renstra_sub_giat", "nama_sub_giat") not in not_read
    assert len(not_read) == len(report.columns_not_read)


def _sipd_with(change) -> bytes:
    lists = json.loads(Path(LAYOUTS[3].path).read_text(encoding="utf-8"))
    change(lists)
    return json.dumps(lists).encode()


def test_a_sipd_list_of_another_name_is_listed_as_not_read():
    """A list SIPD renamed, or one the Renstra does not hold, was dropped without a word."""
    content = _sipd_with(lambda lists: lists.update(renstra_giat_lama=lists["renstra_giat"], meta={"versi": 2}))
    report = import_source("sipd-renstra.json", content, options=LAYOUTS[3].options).report
    not_read = {(c.sheet, c.column): c.reason for c in report.columns_not_read}
    assert not_read[("renstra_giat_lama", "(list)")] == not_read[("meta", "(list)")] == "not a list of the Renstra read"


def test_a_sipd_field_holding_an_object_is_refused_not_read_as_its_python_text():
    """`{"x": 1}` as a tujuan's name was read as the name "{'x': 1}"."""

    def nest(lists):
        lists["renstra_tujuan"]["data"][0]["tujuan_teks"] = {"x": 1}

    with pytest.raises(ImportRefused) as refused:
        import_source("sipd-renstra.json", _sipd_with(nest), options=LAYOUTS[3].options)
    assert refused.value.report.problems == [
        "sipd-renstra.json, sheet renstra_tujuan, row 1, column tujuan_teks: an object or a list, where SIPD writes "
        "text or a number"
    ]
