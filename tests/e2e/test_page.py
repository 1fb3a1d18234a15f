"""The cascade page as a planner or an auditor uses it, in a real Chromium.

Expected answers come from the cascade file itself (PyYAML and networkx, see tests/oracle.py),
not from Lineage's code: what the page lights up must be what the file says rolls up.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import pytest
import yaml

from lineage.audit.rules import RULE_BY_ID, RULE_IDS
from lineage.cascade import parse_cascade
from lineage.language import Lang
from lineage.loader import load_cascade
from tests.support.makassar import LAST_ELEMENT, LAST_INDICATOR, MAKASSAR_FINDINGS, appended, changed
from tests.support.oracle import contributors, indicator_graph, paths_to_top
from tests.support.paths import MAKASSAR

CASCADE = "makassar-diskopukm"
KINDS = ["mayor_goal", "agency_target", "program", "kegiatan", "sub_kegiatan"]


def uid(local_id: str) -> str:
    return f"{CASCADE}:{local_id}"


def read_source(text: str) -> dict:
    """A Makassar file as plain data: elements, their indicators, their owners, the box of each
    element and indicator and the elements above it."""
    data = yaml.safe_load(text)
    positions = {p["id"]: p["name"] for p in data["positions"]}
    indicators = defaultdict(set)
    for ind in data["indicators"]:
        indicators[ind["measures"]].add(uid(ind["id"]))
    box_of = {uid(e["id"]): uid(e["id"]) for e in data["elements"]} | {
        uid(i["id"]): uid(i["measures"]) for i in data["indicators"]
    }
    parent = {uid(e["id"]): uid(e["parent"]) if e.get("parent") else None for e in data["elements"]}

    def above(box: str) -> list[str]:
        chain = []
        while parent[box]:
            box = parent[box]
            chain.insert(0, box)
        return chain

    return {
        "elements": {uid(e["id"]): e for e in data["elements"]},
        "indicators": {uid(k): v for k, v in indicators.items()},
        "owner": {uid(e["id"]): positions.get(e.get("owner")) for e in data["elements"]},
        "box_of": box_of,
        "above": {node: above(box) for node, box in box_of.items()},
    }


@pytest.fixture(scope="module")
def source() -> dict:
    return read_source(MAKASSAR.read_text(encoding="utf-8"))


#: Defects injected into the Makassar file the way tests/test_audit_rules.py injects them, and the
#: findings they give besides the four the file has (MAKASSAR_FINDINGS).
DEFECTS = (
    appended(
        LAST_ELEMENT,
        "  - {id: subkegiatan-6.0.1, kind: sub_kegiatan, parent: program-6, owner: staf-sp6-sub, name: Pameran Produk}\n",
    ),
    appended(
        LAST_INDICATOR, "  - {id: ik-subkegiatan-6.0.1, measures: subkegiatan-6.0.1, name: Jumlah Peserta Pameran}\n"
    ),
    (
        "{id: subkegiatan-5.1.1, kind: sub_kegiatan, parent: kegiatan-5.1, owner: staf-sp5-sub,",
        "{id: subkegiatan-5.1.1, kind: sub_kegiatan, parent: kegiatan-5.1,",
    ),
    (
        "{id: ik-kegiatan-6.1, measures: kegiatan-6.1,",
        "{id: ik-kegiatan-6.1, measures: kegiatan-6.1, contributes_to: [],",
    ),
)
INJECTED = {
    ("level-skip", ("subkegiatan-6.0.1", "program-6")),  # warning
    ("missing-owner", ("subkegiatan-5.1.1",)),  # error
    ("orphan-indicator", ("ik-kegiatan-6.1",)),  # error
}


@pytest.fixture
def defective(graph, database) -> str:
    """The Makassar cascade with DEFECTS, alone in the database; returns its text."""
    text = changed(*DEFECTS)
    load_cascade(graph, parse_cascade(text, "makassar-with-defects.yaml"), database=database)
    return text


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
    assert [tops[kind].pop() for kind in KINDS] == sorted(
        min(b["top"] for b in boxes.values() if b["kind"] == k) for k in KINDS
    )
    # boxes of one row never overlap
    for kind in KINDS:
        lefts = sorted(b["left"] for b in boxes.values() if b["kind"] == kind)
        assert all(b - a >= 200 for a, b in itertools.pairwise(lefts))
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
    below_sasaran_2 = {
        uid(i)
        for i in (
            "program-3",
            "program-4",
            "kegiatan-3.1",
            "kegiatan-4.1",
            "subkegiatan-3.1.1",
            "subkegiatan-3.1.2",
            "subkegiatan-4.1.1",
        )
    }

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
    assert (
        lineage_page.page.locator('.row-label[data-kind="agency_target"] span').inner_text()
        == "Sasaran Perangkat Daerah"
    )
    assert lineage_page.page.get_attribute("#search", "placeholder").startswith("Nama indikator")

    lineage_page.click('[data-lang="en"]')

    assert lineage_page.page.locator('.row-label[data-kind="agency_target"] span').inner_text() == "Agency targets"
    assert lineage_page.page.get_attribute("#search", "placeholder").startswith("Indicator name")
    assert lineage_page.page.locator("#collapse-all").inner_text() == "Collapse all"
    assert sorted(b["name"] for b in lineage_page.boxes()) == names
    assert "lang=en" in lineage_page.page.url


def test_a_count_of_one_reads_in_the_singular_in_english(makassar, lineage_page):
    """Persentase Koperasi Sehat has one path to the top and contributors one step below it."""
    lineage_page.open(makassar, lang="en")
    lineage_page.search_and_select("Persentase Koperasi Sehat")

    side = lineage_page.page.locator("#lineage-body").inner_text()
    assert "1 path to the top" in side and "1 hop" in side
    assert "1 paths" not in side and "1 hops" not in side
    assert "2 hops" in side  # the plural stays where it belongs


def test_the_audit_of_makassar_puts_its_four_findings_on_their_boxes(makassar, lineage_page):
    lineage_page.open(makassar)
    lineage_page.page.wait_for_selector("#audit-body .finding")

    assert lineage_page.page.locator("#audit-body .finding").count() == 4
    boxes = {b["id"]: b for b in lineage_page.boxes()}
    assert set(boxes[uid("kegiatan-1.1")]["badges"]) == {"copy-down"}  # its IK restates the program's
    assert set(boxes[uid("program-1")]["badges"]) == {"copy-down"}
    assert set(boxes[uid("subkegiatan-5.1.5")]["badges"]) == {"indicator-restates-element"}
    lineage_page.screenshot("makassar-audit.png")


def test_the_audits_findings_become_badges_on_their_boxes_and_a_side_list_errors_first(defective, lineage_page):
    expected = MAKASSAR_FINDINGS | INJECTED
    box_of = read_source(defective)["box_of"]
    lineage_page.open(CASCADE)
    lineage_page.page.wait_for_selector("#audit-body .finding")

    # Each node of a finding carries its rule: an element on its box, an indicator on its IK line.
    badges = defaultdict(Counter)
    for rule, nodes in expected:
        for node in nodes:
            badges[box_of[uid(node)]][rule] += 1
    assert {b["id"]: Counter(b["badges"]) for b in lineage_page.boxes() if b["badges"]} == badges
    # The side list: every finding with links to its nodes, the errors first.
    listed = lineage_page.page.evaluate("""() => [...document.querySelectorAll('#audit-body .finding')].map(f => ({
        id: f.dataset.finding, rule: f.dataset.rule, error: f.classList.contains('severity-error'),
        message: f.querySelector('.message').textContent,
        nodes: [...f.querySelectorAll('.node-link')].map(n => n.dataset.node)}))""")
    assert {(f["rule"], tuple(f["nodes"])) for f in listed} == {
        (r, tuple(uid(n) for n in nodes)) for r, nodes in expected
    }
    assert [f["error"] for f in listed] == [True, True] + [False] * (len(expected) - 2)
    assert {f["rule"] for f in listed[:2]} == {"orphan-indicator", "missing-owner"}
    # A badge says its rule and its finding's message (what a screen reader reads).
    skip = next(f for f in listed if f["rule"] == "level-skip")
    badge = lineage_page.page.locator(f'.box[data-id="{uid("subkegiatan-6.0.1")}"] > .box-badges .badge')
    assert badge.get_attribute("data-finding") == skip["id"]
    assert badge.text_content() == f"Melompati level: {skip['message']}"
    # The sub kegiatan nobody owns sits in a row of its own, at the bottom.
    labels = lineage_page.page.locator(".row-label strong").all_text_contents()
    assert labels == ["WALIKOTA", "KEPALA DINAS", "ESELON III", "JAFUNG/STAF", "JAFUNG/STAF", "TANPA PEMILIK"]
    unowned = next(b for b in lineage_page.boxes() if b["id"] == uid("subkegiatan-5.1.1"))
    assert unowned["top"] > max(b["top"] for b in lineage_page.boxes() if b["id"] != unowned["id"])
    lineage_page.screenshot("makassar-injected-audit.png")


def test_a_closed_branch_counts_the_findings_it_hides_and_the_side_list_opens_it(defective, lineage_page):
    chains = read_source(defective)["above"]
    hidden = Counter(
        top
        for top in ("tujuan-1", "tujuan-2")
        for _, nodes in MAKASSAR_FINDINGS | INJECTED
        if any(uid(top) in chains[uid(n)] for n in nodes)
    )
    lineage_page.open(CASCADE)
    lineage_page.page.wait_for_selector("#audit-body .finding")

    lineage_page.click("#collapse-all")

    for top, n in hidden.items():
        assert lineage_page.page.locator(f'.box[data-id="{uid(top)}"] .inside').inner_text() == f"{n} temuan di dalam"
    lineage_page.click(f'#audit-body .finding-nodes .node-link[data-node="{uid("ik-kegiatan-6.1")}"]')
    shown = {b["id"] for b in lineage_page.boxes()}
    assert {uid("kegiatan-6.1"), *chains[uid("ik-kegiatan-6.1")]} <= shown
    assert uid("kegiatan-5.1") not in shown  # the other branches stay closed


def test_every_audit_rule_is_named_in_indonesian_and_in_english_by_the_registrys_title(defective, lineage_page):
    lineage_page.open(CASCADE, lang="id")
    lineage_page.page.wait_for_selector("#audit-body .finding")
    names = lineage_page.page.evaluate(
        "async (ids) => { const i18n = await import('./ui/i18n.js'); return ids.map(i18n.ruleName); }", list(RULE_IDS)
    )
    untranslated = [
        rule
        for rule, name in zip(RULE_IDS, names, strict=True)
        if name in (rule, RULE_BY_ID[rule].words(Lang.en).title)
    ]
    assert not untranslated, f"rules without an Indonesian name in web/i18n.js: {untranslated}"
    indonesian = dict(zip(RULE_IDS, names, strict=True))

    def shown() -> tuple[str, set[tuple[str, str]]]:
        box_badge = lineage_page.page.locator(
            f'.box[data-id="{uid("subkegiatan-6.0.1")}"] .box-badges .badge .badge-rule'
        ).inner_text()
        listed = lineage_page.page.evaluate("""() => [...document.querySelectorAll('#audit-body .finding')]
            .map(f => [f.dataset.rule, f.querySelector('.badge').textContent])""")
        return box_badge, {tuple(item) for item in listed}

    rules = {rule for rule, _ in MAKASSAR_FINDINGS | INJECTED}
    assert shown() == ("Melompati level", {(rule, indonesian[rule]) for rule in rules})
    lineage_page.click('[data-lang="en"]')
    assert shown() == (
        "Contribution that skips a level",
        {(rule, RULE_BY_ID[rule].words(Lang.en).title) for rule in rules},
    )
    lineage_page.screenshot("makassar-injected-audit-en.png")
