"""A region's cascades on the page: each agency's view is its own tree, with the goal each target
serves said in the box; the goals' view says which agencies serve each goal; both lead across.

Expected boxes come from the imported cascade files, not from Lineage's queries.
"""

from __future__ import annotations

from collections import Counter

import pytest

from lineage.importers import import_source, load_imported
from tests.support.paths import RPJMD, WORKBOOK

KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"


@pytest.fixture
def region(graph, database):
    imported = import_source(str(WORKBOOK))
    load_imported(graph, imported, database=database)
    return {c.id: c for c in imported.cascades}


def test_an_agency_cascade_shows_all_its_boxes_and_the_goals_its_targets_serve(region, lineage_page):
    koperasi, goals = region[KOPERASI], {f"{RPJMD}:{e.id}": e.name for e in region[RPJMD].elements}
    lineage_page.open(KOPERASI)

    boxes = {b["id"]: b for b in lineage_page.boxes()}
    assert set(boxes) == {f"{KOPERASI}:{e.id}" for e in koperasi.elements}
    for element in koperasi.elements:
        serves = lineage_page.page.locator(f'.box[data-id="{KOPERASI}:{element.id}"] .serves')
        if element.external_parent:
            assert serves.inner_text() == f"Mendukung: {goals[element.external_parent]}"
        else:
            assert serves.count() == 0
    lineage_page.screenshot("region-agency-cascade.png")


def test_the_goals_cascade_says_which_agencies_serve_each_goal_and_leads_to_them(region, lineage_page):
    agencies = {c.id: c.agency for c in region.values()}
    serving = Counter((e.external_parent, c.id) for c in region.values() for e in c.elements if e.external_parent)
    lineage_page.open(RPJMD)

    boxes = {b["id"]: b for b in lineage_page.boxes()}
    assert set(boxes) == {f"{RPJMD}:{e.id}" for e in region[RPJMD].elements}  # only its own boxes
    for goal in boxes:
        expected = ", ".join(
            f"{agencies[c]} ({n})" for (g, c), n in sorted(serving.items(), key=lambda x: x[0][1]) if g == goal
        )
        assert (
            lineage_page.page.locator(f'.box[data-id="{goal}"] .served-by').inner_text() == f"Didukung oleh: {expected}"
        )
    lineage_page.screenshot("region-goals-cascade.png")

    lineage_page.click(f'.box[data-id="{RPJMD}:tujuan-1"] .other-cascade[data-cascade="{KOPERASI}"]')

    assert lineage_page.page.input_value("#cascade") == KOPERASI and f"cascade={KOPERASI}" in lineage_page.page.url
    assert {b["id"] for b in lineage_page.boxes()} == {f"{KOPERASI}:{e.id}" for e in region[KOPERASI].elements}
    lineage_page.click(f'.box[data-id="{KOPERASI}:sasaran-1"] .serves .other-cascade')
    assert lineage_page.page.input_value("#cascade") == RPJMD
