"""The page on every screen and for every question a planner or an auditor brings to it, in a real
Chromium at 1600 px (a desktop) and 800 px (a tablet, or a narrow window): where it opens, the
contributors by tier with the staff filter, the side panel, the table view, the legend, the audit
by keyboard and in both languages, printing and the exports.

Expected answers come from the cascade file (tests/support/oracle.py, tests/support/makassar.py)
or from the API itself when the page must show exactly what the API answers.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
import yaml

from lineage.cascade import parse_cascade, read_cascade
from lineage.loader import load_cascade
from tests.support.makassar import KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF, changed
from tests.support.oracle import contributors, indicator_graph
from tests.support.paths import MAKASSAR, REGENCY
from tests.support.synthetic import generate_cascade

CASCADE = "makassar-diskopukm"
#: A generated cascade of exactly 100 boxes (106 indicators with this seed).
HUNDRED = {"indicators": 106, "seed": 3, "cascade_id": "c100"}
WIDTHS = [1600, 800]
#: A3 landscape less 10 mm margins, in CSS pixels (web/view.js PRINTED).
A3_WIDTH = 1511


def uid(local_id: str) -> str:
    return f"{CASCADE}:{local_id}"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request, lineage_page) -> int:
    lineage_page.page.set_viewport_size({"width": request.param, "height": 1000})
    return request.param


@pytest.fixture
def hundred(graph, database) -> str:
    cascade = generate_cascade(HUNDRED["indicators"], seed=HUNDRED["seed"], cascade_id=HUNDRED["cascade_id"])
    assert len(cascade.elements) == 100
    load_cascade(graph, cascade, database=database)
    return cascade.id


@pytest.fixture
def regency(graph, database) -> str:
    """A regency's cascade: kegiatan and sub kegiatan in rows of two tiers each (Eselon IV, JAFUNG/STAF)."""
    load_cascade(graph, read_cascade(REGENCY), database=database)
    return "gowa-diskopukm"


def rows_in_view(page) -> tuple[list[str], set[str]]:
    """The rows of the diagram (kind|tier, top to bottom), and those with a box across in view."""
    found = page.evaluate("""() => {
        const view = document.querySelector('#diagram').getBoundingClientRect();
        const labels = document.querySelector('.row-labels').getBoundingClientRect().right;
        const rows = [...document.querySelectorAll('.row-label')].map(l => `${l.dataset.kind}|${l.dataset.tier}`);
        const seen = [...document.querySelectorAll('.canvas .box')].filter(box => {
            const r = box.getBoundingClientRect();
            return r.right > labels + 20 && r.left < view.right - 20;
        }).map(box => `${box.dataset.kind}|${box.dataset.tier}`);
        return [rows, seen];
    }""")
    return found[0], set(found[1])


def listed_contributors(page) -> list[str]:
    return page.locator("#lineage-body .contributors .node-link").evaluate_all("ls => ls.map(l => l.dataset.node)")


def test_the_page_opens_a_100_box_cascade_with_boxes_in_view_on_every_row(hundred, lineage_page, width):
    lineage_page.open(hundred)

    rows, seen = rows_in_view(lineage_page.page)
    assert len(rows) >= 5
    assert set(rows) <= seen, f"rows with no box across the screen: {set(rows) - seen}"
    zoom = float(lineage_page.page.locator("#zoom-reset").inner_text().rstrip("%")) / 100
    assert 0.5 <= zoom <= 1  # readable
    lineage_page.screenshot(f"open-100-boxes-{width}.png")


def test_a_cascade_with_rows_of_several_tiers_opens_with_a_box_of_every_row_in_view(regency, lineage_page, width):
    lineage_page.open(regency)

    rows, seen = rows_in_view(lineage_page.page)
    assert len(rows) == 7
    assert set(rows) <= seen, f"rows with no box across the screen: {set(rows) - seen}"


def test_the_page_opens_on_the_cascade_last_viewed_or_the_one_the_link_names(hundred, makassar, lineage_page):
    page = lineage_page.page
    lineage_page.open(CASCADE)
    assert page.locator("#cascade").input_value() == CASCADE
    # no cascade in the address: the one viewed last, though another comes first in the list
    first = page.locator("#cascade option").first.get_attribute("value")
    assert first == hundred
    page.goto(f"{lineage_page.base_url}/")
    lineage_page.wait()
    assert page.locator("#cascade").input_value() == CASCADE
    assert CASCADE in {b["id"].split(":")[0] for b in lineage_page.boxes()}
    # a link naming a cascade after '#'
    page.goto(f"{lineage_page.base_url}/#{hundred}")
    lineage_page.wait()
    assert page.locator("#cascade").input_value() == hundred
    assert {b["id"].split(":")[0] for b in lineage_page.boxes()} == {hundred}
    # the one viewed last was deleted since: the first of the list, without asking for the gone one
    page.evaluate("() => localStorage.setItem('lineage.cascade', 'deleted-since')")
    page.goto(f"{lineage_page.base_url}/")
    lineage_page.wait()
    assert page.locator("#cascade").input_value() == first


def test_contributors_are_grouped_by_tier_and_level_and_the_staff_filter_lists_what_the_api_lists(
    makassar, lineage_page, width
):
    graph = indicator_graph(MAKASSAR)
    rolling_up = contributors(graph, "ik-sasaran-2")
    page = lineage_page.page
    lineage_page.open(CASCADE)
    assert lineage_page.search_and_select("Persentase Koperasi Sehat") == KOPERASI_SEHAT

    groups = page.locator(
        "#lineage-body .tier-group"
    ).evaluate_all("""gs => gs.map(g => ({
        tier: g.dataset.tier, count: Number(g.querySelector('h4 .count-pill').textContent),
        kinds: Object.fromEntries([...g.querySelectorAll('.kind-group')].map(k => [k.dataset.kind, k.querySelectorAll('li').length]))}))""")
    by_tier = Counter(graph.nodes[node]["tier"] for node in rolling_up)
    assert [g["tier"] for g in groups] == [t for t in ("kepala_dinas", "eselon_iii", "staff") if t in by_tier]
    assert {g["tier"]: g["count"] for g in groups} == dict(by_tier)
    for group in groups:
        kinds = Counter(graph.nodes[n]["kind"] for n in rolling_up if graph.nodes[n]["tier"] == group["tier"])
        assert group["kinds"] == dict(kinds)
    assert page.locator("#tier-filter option[value=staff]").inner_text() == f"JAFUNG/STAF ({by_tier['staff']})"

    page.select_option("#tier-filter", "staff")
    page.wait_for_timeout(50)
    lineage_page.wait()

    api = page.request.get(
        f"{lineage_page.base_url}/indicators/{KOPERASI_SEHAT}/contributors", params={"tier": "staff", "limit": 500}
    ).json()
    listed = listed_contributors(page)
    assert sorted(listed) == sorted(item["id"] for item in api["items"])
    assert set(listed) == {uid(ik) for ik in KOPERASI_SEHAT_STAFF}
    assert set(listed) == {uid(n) for n in rolling_up if graph.nodes[n]["tier"] == "staff"}
    assert page.locator("#lineage-body .tier-group").evaluate_all("gs => gs.map(g => g.dataset.tier)") == ["staff"]
    assert f"{len(KOPERASI_SEHAT_STAFF)} indikator milik JAFUNG/STAF" in page.locator("#lineage-body").inner_text()
    assert "tier=staff" in page.url
    lineage_page.click("#zoom-fit")
    lineage_page.screenshot(f"rollup-koperasi-sehat-staff-{width}.png")

    # the address keeps the filter: the same list opens from it
    page.goto(page.url)
    lineage_page.wait()
    assert set(listed_contributors(page)) == set(listed)


def test_the_side_panel_leaves_the_diagram_its_room_and_collapses(makassar, lineage_page, width):
    page = lineage_page.page
    lineage_page.open(CASCADE)
    diagram = page.locator("#diagram")
    side = page.locator("#side")
    if width <= 900:  # the panel goes under the diagram
        assert diagram.bounding_box()["width"] >= width - 20
        assert side.bounding_box()["y"] > diagram.bounding_box()["y"]
    else:
        assert side.bounding_box()["width"] <= 360
        assert diagram.bounding_box()["width"] >= width - 380
    lineage_page.click("#side-toggle")
    assert not side.is_visible() and page.locator("#side-toggle").get_attribute("aria-expanded") == "false"
    assert diagram.bounding_box()["width"] >= width - 20
    page.reload()  # remembered in this browser
    lineage_page.wait()
    assert not side.is_visible()
    lineage_page.click("#side-toggle")
    assert side.is_visible() and page.locator("#side-toggle").get_attribute("aria-expanded") == "true"


def elements_of(path) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """The file's elements by global id, and the global ids of the indicators of each."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    indicators: dict[str, set[str]] = {}
    for ind in data["indicators"]:
        indicators.setdefault(uid(ind["measures"]), set()).add(uid(ind["id"]))
    return {uid(e["id"]): e for e in data["elements"]}, indicators


def test_the_table_view_is_the_matrix_one_row_per_indicator_sortable_and_selectable(makassar, lineage_page, width):
    elements, indicators_of = elements_of(MAKASSAR)
    page = lineage_page.page
    lineage_page.open(CASCADE)
    lineage_page.click("[data-mode=table]")
    assert page.locator("#diagram").is_hidden() and "view=table" in page.url

    rows = page.locator(
        "#table tbody tr"
    ).evaluate_all("""trs => trs.map(tr => ({
        indicator: tr.dataset.indicator || null, box: tr.dataset.box,
        levels: Object.fromEntries([...tr.querySelectorAll('td[data-kind]')].map(td => [td.dataset.kind, td.textContent]))}))""")
    indicators = {ik for iks in indicators_of.values() for ik in iks}
    assert sorted(r["indicator"] for r in rows if r["indicator"]) == sorted(indicators)
    assert {r["box"] for r in rows if not r["indicator"]} == set(elements) - set(indicators_of)
    for row in rows:
        expected = {}
        element = elements[row["box"]]
        while element:
            expected.setdefault(element["kind"], element["name"])
            element = elements.get(uid(element["parent"])) if element.get("parent") else None
        assert {k: v for k, v in row["levels"].items() if v} == expected

    headers = page.locator("#table th").evaluate_all("ths => ths.map(th => th.dataset.key)")
    assert headers[-4:] == ["indicator", "code", "unit", "owner"]
    lineage_page.click('#table th[data-key="indicator"] .sort')
    names = page.locator("#table tbody tr .node-link").all_text_contents()
    assert page.locator('#table th[data-key="indicator"]').get_attribute("aria-sort") == "ascending"
    assert [n.casefold() for n in names] == sorted(n.casefold() for n in names)
    lineage_page.click('#table th[data-key="indicator"] .sort')
    assert page.locator('#table th[data-key="indicator"]').get_attribute("aria-sort") == "descending"
    assert page.evaluate("() => document.activeElement.closest('th')?.dataset.key") == "indicator"
    assert page.locator("#table tbody tr .node-link").all_text_contents() == names[::-1]

    page.locator("#table .node-link", has_text="Persentase Koperasi Sehat").first.click()
    lineage_page.wait()
    lit = page.locator("#table tr[data-role=contributor]").evaluate_all("trs => trs.map(tr => tr.dataset.indicator)")
    assert set(lit) == {uid(n) for n in contributors(indicator_graph(MAKASSAR), "ik-sasaran-2")}
    lineage_page.screenshot(f"table-{width}.png")
    lineage_page.click("[data-mode=tree]")
    assert page.locator("#table").is_hidden() and page.locator("#diagram").is_visible()


def test_the_legend_names_every_level_in_the_colour_of_its_boxes_and_boxes_show_units_and_figures(
    graph, database, lineage_page
):
    year = datetime.now().year  # the page shows this year's figures: the browser runs on this machine
    text = changed(
        (
            "{id: ik-sasaran-2, measures: sasaran-2, name: Persentase Koperasi Sehat}",
            "{id: ik-sasaran-2, measures: sasaran-2, name: Persentase Koperasi Sehat, unit: '%', "
            f"targets: {{{year}: 85}}, realisations: [{{year: {year}, value: 78}}]}}",
        )
    )
    load_cascade(graph, parse_cascade(text, "makassar-with-figures.yaml"), database=database)
    page = lineage_page.page
    lineage_page.open(CASCADE, lang="en")
    vocabulary = page.request.get(f"{lineage_page.base_url}/vocabulary").json()
    legend = page.locator("#legend .level-chip").evaluate_all(
        "cs => cs.map(c => [c.dataset.kind, c.textContent, getComputedStyle(c.querySelector('.swatch')).backgroundColor])"
    )
    assert [kind for kind, _, _ in legend] == [level["id"] for level in vocabulary["levels"]]
    assert [name for _, name, _ in legend] == [level["box"]["en"] for level in vocabulary["levels"]]
    colours = dict(
        page.locator(".canvas .box").evaluate_all(
            "bs => bs.map(b => [b.dataset.kind, getComputedStyle(b).borderTopColor])"
        )
    )
    assert colours and all(colours[kind] == colour for kind, _, colour in legend if kind in colours)
    unit = page.locator(f'.ik[data-id="{KOPERASI_SEHAT}"] .ik-unit')
    assert unit.inner_text() == "%"
    assert page.locator(".ik-unit").count() == 1
    series = page.request.get(f"{lineage_page.base_url}/indicators/{KOPERASI_SEHAT}/series").json()
    point = next(p for p in series["years"] if p["year"] == year)
    achieved = round(point["capaian"]["value"], 1)
    figures = page.locator(".ik-figures").evaluate_all(
        "fs => fs.filter(f => f.textContent).map(f => f.closest('.ik').dataset.id)"
    )
    assert figures == [KOPERASI_SEHAT]
    assert page.locator(f'.ik[data-id="{KOPERASI_SEHAT}"] .ik-figures').inner_text() == (
        f"{year}: target 85 % · realised 78 % · achieved {achieved:g}%"
    )


def test_a_findings_message_is_reached_by_keyboard_and_read_out(makassar, lineage_page):
    page = lineage_page.page
    lineage_page.open(CASCADE)
    ik = page.locator(f'.ik[data-id="{uid("ik-subkegiatan-5.1.5")}"]')
    ik.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.dataset.rule, document.activeElement.textContent]")
    assert focused[0] == "indicator-restates-element"
    message = page.locator("#audit-body .finding[data-rule=indicator-restates-element] .message").inner_text()
    assert focused[1] == f"Indikator mengulang nama elemennya: {message}"
    shown = page.locator(".badge:focus .badge-message").bounding_box()
    assert shown["width"] > 100 and shown["height"] > 10  # shown beside the badge, not only read out
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.dataset.rule") == "indicator-restates-element"
    assert page.evaluate("() => document.activeElement.closest('#audit-body') !== null")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_audit_panel_speaks_the_pages_language(makassar, lineage_page, width, lang):
    page = lineage_page.page
    lineage_page.open(CASCADE, lang=lang)
    wanted = page.request.get(f"{lineage_page.base_url}/audit", params={"cascade": CASCADE, "lang": lang}).json()
    shown = page.locator("#audit-body .finding .message").all_text_contents()
    assert sorted(shown) == sorted(f["message"] for f in wanted["items"])
    assert len(shown) == 4
    other = page.request.get(
        f"{lineage_page.base_url}/audit", params={"cascade": CASCADE, "lang": "en" if lang == "id" else "id"}
    ).json()
    assert not set(shown) & {f["message"] for f in other["items"]}
    page.locator("#audit").scroll_into_view_if_needed()
    lineage_page.screenshot(f"audit-{lang}-{width}.png")


def test_printing_gives_a_titled_page_with_period_and_legend_and_the_diagram_fitted(makassar, lineage_page):
    page = lineage_page.page
    lineage_page.open(CASCADE)
    cascade = page.request.get(f"{lineage_page.base_url}/cascades/{CASCADE}").json()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    try:
        assert page.locator("#search").is_hidden() and page.locator("#side").is_hidden()
        title = page.locator("#print-title").inner_text()
        assert cascade["agency"] in title and cascade["region"] in title
        assert cascade["period"] in page.locator("#print-meta").inner_text()
        assert page.locator("#legend .level-chip").first.is_visible()
        stage = page.locator(".stage").bounding_box()
        assert stage["width"] <= A3_WIDTH
        lineage_page.screenshot("print-preview.png")
    finally:
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")


@pytest.mark.parametrize(
    ("link", "media"),
    [
        ("#export-matrix", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("#export-diagram", "application/pdf"),
        ("#export-audit", "application/pdf"),
    ],
)
def test_the_export_links_give_the_files(makassar, lineage_page, link, media):
    page = lineage_page.page
    lineage_page.open(CASCADE, lang="en")
    href = page.locator(link).get_attribute("href")
    assert CASCADE in href and "lang=en" in href
    answer = page.request.get(f"{lineage_page.base_url}/{href}")
    assert answer.status == 200 and answer.headers["content-type"].startswith(media)
