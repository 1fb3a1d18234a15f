"""The cascade page as a planner or an auditor uses it, in a real Chromium.

Expected answers come from the cascade file itself (PyYAML and networkx, see tests/oracle.py),
not from Lineage's code: what the page lights up must be what the file says rolls up.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from tests.conftest import MAKASSAR
from tests.oracle import contributors, indicator_graph, paths_to_top

CASCADE = "makassar-diskopukm"
KINDS = ["mayor_goal", "agency_target", "program", "kegiatan", "sub_kegiatan"]


def uid(local_id: str) -> str:
    return f"{CASCADE}:{local_id}"


@pytest.fixture(scope="module")
def source() -> dict:
    """The Makassar file as plain data: elements, their indicators, their owners."""
    data = yaml.safe_load(MAKASSAR.read_text(encoding="utf-8"))
    positions = {p["id"]: p["name"] for p in data["positions"]}
    indicators = defaultdict(set)
    for ind in data["indicators"]:
        indicators[ind["measures"]].add(uid(ind["id"]))
    return {
        "elements": {uid(e["id"]): e for e in data["elements"]},
        "indicators": {uid(k): v for k, v in indicators.items()},
        "owner": {uid(e["id"]): positions[e["owner"]] for e in data["elements"]},
        "box_of": {uid(i["id"]): uid(i["measures"]) for i in data["indicators"]},
    }


def test_the_cascade_is_laid_out_in_rows_by_level_like_the_source_diagram(makassar, lineage_page, source):
    lineage_page.open(makassar)
    boxes = {b["id"]: b for b in lineage_page.boxes()}

    assert set(boxes) == set(source["elements"])
    for box_id, box in boxes.items():
        element = source["elements"][box_id]
        assert box["kind"] == element["kind"]
        assert box["name"] == element["name"]
        assert set(box["iks"]) == source["indicators"].get(box_id, set())
        assert box["owner"] == source["owner"][box_id]
    # one row per level: every box of a level at the same height, the levels top to bottom
    tops = {kind: {b["top"] for b in boxes.values() if b["kind"] == kind} for kind in KINDS}
    assert all(len(row) == 1 for row in tops.values()), tops
    assert [tops[kind].pop() for kind in KINDS] == sorted(min(b["top"] for b in boxes.values() if b["kind"] == k) for k in KINDS)
    # boxes of one row never overlap
    for kind in KINDS:
        lefts = sorted(b["left"] for b in boxes.values() if b["kind"] == kind)
        assert all(b - a >= 200 for a, b in zip(lefts, lefts[1:]))
    labels = lineage_page.page.locator(".row-label strong").all_text_contents()
    assert labels == ["WALIKOTA", "KEPALA DINAS", "ESELON III", "JAFUNG/STAF", "JAFUNG/STAF"]

    lineage_page.screenshot("makassar-cascade-100.png")
    lineage_page.click("#zoom-fit")
    lineage_page.screenshot("makassar-cascade.png")


def test_selecting_persentase_koperasi_sehat_lights_up_exactly_its_roll_up(makassar, lineage_page, source):
    graph = indicator_graph(MAKASSAR)
    expected_contributors = {uid(i) for i in contributors(graph, "ik-sasaran-2")}
    expected_path = {uid(i) for path in paths_to_top(graph, "ik-sasaran-2") for i in path[1:]}
    lineage_page.open(makassar)

    chosen = lineage_page.search_and_select("Persentase Koperasi Sehat")

    assert chosen == uid("ik-sasaran-2")
    roles = defaultdict(set)
    lit_boxes = set()
    for box in lineage_page.boxes():
        for ik, role in box["iks"].items():
            if role:
                roles[role].add(ik)
        if box["role"]:
            lit_boxes.add(box["id"])
    assert roles["selected"] == {chosen}
    assert roles["contributor"] == expected_contributors
    assert roles["path"] == expected_path
    assert lit_boxes == {source["box_of"][ik] for ik in expected_contributors | expected_path | {chosen}}
    side = lineage_page.page.locator("#lineage-body")
    assert f"{len(expected_contributors)} indikator mendukung" in side.inner_text()
    assert side.locator(".node-list li").count() == len(expected_contributors)
    assert side.locator("ol.path").count() == len(paths_to_top(graph, "ik-sasaran-2"))

    lineage_page.click("#zoom-fit")
    lineage_page.screenshot("makassar-koperasi-sehat-rollup.png")


def test_branches_close_and_open_and_a_selection_opens_the_branches_it_needs(makassar, lineage_page):
    lineage_page.open(makassar)
    below_sasaran_2 = {uid(i) for i in ("program-3", "program-4", "kegiatan-3.1", "kegiatan-4.1",
                                         "subkegiatan-3.1.1", "subkegiatan-3.1.2", "subkegiatan-4.1.1")}

    lineage_page.click(f'.box[data-id="{uid("sasaran-2")}"] .toggle')
    shown = {b["id"] for b in lineage_page.boxes()}
    assert len(shown) == 29 - len(below_sasaran_2) and not shown & below_sasaran_2

    lineage_page.click(f'.box[data-id="{uid("sasaran-2")}"] .toggle')
    assert len(lineage_page.boxes()) == 29

    lineage_page.click("#collapse-all")
    assert {b["id"] for b in lineage_page.boxes()} == {uid("tujuan-1"), uid("tujuan-2")}
    lineage_page.click("#open-level")
    assert len(lineage_page.boxes()) == 5

    # From a closed cascade, selecting an indicator opens exactly the branches its roll-up needs.
    lineage_page.search_and_select("Persentase Koperasi Sehat")
    boxes = {b["id"]: b for b in lineage_page.boxes()}
    lit = {ik for b in boxes.values() for ik, role in b["iks"].items() if role}
    graph = indicator_graph(MAKASSAR)
    assert lit == {uid(i) for i in contributors(graph, "ik-sasaran-2")} | {uid("ik-sasaran-2"), uid("ik-tujuan-1")}
    assert below_sasaran_2 <= set(boxes)
    assert uid("program-5") not in boxes  # another branch stays closed


def test_labels_switch_between_indonesian_and_english_while_the_data_stays_as_written(makassar, lineage_page):
    lineage_page.open(makassar, lang="id")
    names = sorted(b["name"] for b in lineage_page.boxes())
    assert lineage_page.page.locator('.row-label[data-kind="agency_target"] span').inner_text() == "Sasaran Perangkat Daerah"
    assert lineage_page.page.get_attribute("#search", "placeholder").startswith("Nama indikator")

    lineage_page.click('[data-lang="en"]')

    assert lineage_page.page.locator('.row-label[data-kind="agency_target"] span').inner_text() == "Agency targets"
    assert lineage_page.page.get_attribute("#search", "placeholder").startswith("Indicator name")
    assert lineage_page.page.locator("#collapse-all").inner_text() == "Collapse all"
    assert sorted(b["name"] for b in lineage_page.boxes()) == names
    assert "lang=en" in lineage_page.page.url


def test_without_an_audit_service_the_page_shows_no_badges(makassar, lineage_page):
    # A server without the audit (an older one) answers 404.
    lineage_page.page.route("**/audit?*", lambda route: route.fulfill(status=404, body=""))
    lineage_page.open(makassar)

    assert lineage_page.page.locator(".badge").count() == 0
    assert "Audit belum tersedia" in lineage_page.page.locator("#audit-body").inner_text()


def test_the_audit_of_makassar_puts_its_four_findings_on_their_boxes(makassar, lineage_page):
    lineage_page.open(makassar)
    lineage_page.page.wait_for_selector("#audit-body .finding")

    assert lineage_page.page.locator("#audit-body .finding").count() == 4
    boxes = {b["id"]: b for b in lineage_page.boxes()}
    assert set(boxes[uid("kegiatan-1.1")]["badges"]) == {"copy-down"}  # its IK restates the program's
    assert set(boxes[uid("program-1")]["badges"]) == {"copy-down"}
    assert set(boxes[uid("subkegiatan-5.1.5")]["badges"]) == {"indicator-restates-element"}
    lineage_page.screenshot("makassar-audit.png")


def test_audit_findings_become_badges_on_their_boxes_and_a_side_list_that_leads_to_them(makassar, lineage_page):
    # The audit's endpoint is stood in for at the browser's network boundary, with findings the
    # Makassar cascade does not have, in the minimal shape the page relies on (rule, severity,
    # message, node ids).
    findings = {"items": [
        {"rule": "orphan_indicator", "severity": "warning", "message": "Nothing rolls up into this indicator",
         "nodes": [uid("ik-subkegiatan-5.1.5")]},
        {"rule": "level_skip", "severity": "error", "message": "A program directly under a goal",
         "nodes": [uid("program-6"), uid("tujuan-2")]},
    ], "next_cursor": None}
    lineage_page.page.route("**/audit?*", lambda route: route.fulfill(json=findings))
    lineage_page.open(makassar)
    lineage_page.page.wait_for_selector("#audit-body .finding")

    boxes = {b["id"]: b for b in lineage_page.boxes()}
    assert boxes[uid("subkegiatan-5.1.5")]["badges"] == ["orphan_indicator"]
    assert boxes[uid("program-6")]["badges"] == ["level_skip"]
    assert boxes[uid("tujuan-2")]["badges"] == ["level_skip"]
    assert sum(len(b["badges"]) for b in boxes.values()) == 3
    badge = lineage_page.page.locator(f'.box[data-id="{uid("program-6")}"] .badge')
    assert badge.inner_text() == "Lompat level" and badge.get_attribute("title") == "A program directly under a goal"
    side = lineage_page.page.locator("#audit-body .finding")
    assert side.count() == 2
    assert side.first.locator(".message").inner_text() == "A program directly under a goal"  # errors first

    # A closed branch says how many findings it hides; the side list opens it.
    lineage_page.click("#collapse-all")
    assert lineage_page.page.locator(f'.box[data-id="{uid("tujuan-2")}"] .inside').inner_text() == "2 temuan di dalam"
    lineage_page.click(f'#audit-body .finding-nodes .node-link[data-node="{uid("ik-subkegiatan-5.1.5")}"]')
    assert uid("subkegiatan-5.1.5") in {b["id"] for b in lineage_page.boxes()}
    lineage_page.screenshot("makassar-audit-badges.png")
