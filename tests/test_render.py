"""Printable diagrams: everything in the cascade is drawn, in rows by level, readable on paper,
from `lineage render` and from the API alike."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
import yaml
from fastapi.testclient import TestClient

import lineage.render.diagram as diagram_module
from lineage.api.main import create_app
from lineage.cascade import Tier, read_cascade
from lineage.cascade.model import ElementKind
from lineage.cli import main as lineage
from lineage.loader import load_cascade
from lineage.render import (
    Diagram,
    Format,
    GraphvizMissing,
    Paper,
    TooBig,
    cascade_diagram,
    lineage_diagram,
    render,
)
from lineage.render.diagram import Box, Line
from lineage.render.dot import to_dot
from tests.support.makassar import changed
from tests.support.oracle import contributors, indicator_graph, paths_to_top
from tests.support.paths import MAKASSAR, REGENCY, REPO_ROOT

CASCADE = "makassar-diskopukm"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def uid(local_id: str) -> str:
    return f"{CASCADE}:{local_id}"


@pytest.fixture(scope="module")
def source() -> dict:
    return yaml.safe_load(MAKASSAR.read_text(encoding="utf-8"))


def layout(diagram: Diagram, paper: Paper = Paper.a3) -> dict[str, float]:
    """Where Graphviz puts each box: box id -> y of its centre (`dot -Tplain`, y grows upwards)."""
    plain = subprocess.run(
        ["dot", "-Tplain"], input=to_dot(diagram, page_in=paper.printable_in).encode(), capture_output=True, check=True
    ).stdout.decode()
    return {
        fields[1].strip('"'): float(fields[3])
        for fields in (line.split() for line in plain.splitlines())
        if fields[0] == "node" and not fields[1].startswith('"row:')
    }


def test_the_cascade_diagram_holds_every_element_indicator_owner_and_link_of_the_file(makassar, database, source):
    diagram = cascade_diagram(makassar, CASCADE, database=database)

    positions = {p["id"]: p["name"] for p in source["positions"]}
    assert {b.id: (b.title, b.owner) for b in diagram.boxes} == {
        uid(e["id"]): (e["name"], positions[e["owner"]]) for e in source["elements"]
    }
    lines = {line.id: (box.id, line.text) for box in diagram.boxes for line in box.lines}
    assert lines == {uid(i["id"]): (uid(i["measures"]), i["name"]) for i in source["indicators"]}
    assert set(diagram.links) == {(uid(e["id"]), uid(e["parent"])) for e in source["elements"] if e.get("parent")}


def test_each_level_is_drawn_as_one_row_top_down_like_the_source_diagram(makassar, database):
    diagram = cascade_diagram(makassar, CASCADE, database=database)
    y = layout(diagram)
    kinds = [kind for kind in ElementKind if any(b.kind is kind for b in diagram.boxes)]
    rows = {kind: {y[b.id] for b in diagram.boxes if b.kind is kind} for kind in kinds}

    assert len(kinds) == 5  # Makassar has no agency goal
    assert all(len(row) == 1 for row in rows.values()), rows
    heights = [rows[kind].pop() for kind in kinds]
    assert heights == sorted(heights, reverse=True)  # goals on top, sub kegiatan at the bottom


def test_a_regency_is_drawn_with_its_bupati_and_a_row_per_owner_tier(graph, database):
    """Kegiatan and sub kegiatan owned at Eselon IV sit in ESELON IV rows, above the sub kegiatan
    of JAFUNG/STAF; the head's row is the Bupati's; the agency goal has its own row."""
    load_cascade(graph, read_cascade(REGENCY), database=database)
    diagram = cascade_diagram(graph, "gowa-diskopukm", database=database)
    y = layout(diagram)
    expected = [
        (ElementKind.mayor_goal, Tier.bupati),
        (ElementKind.agency_goal, Tier.kepala_dinas),
        (ElementKind.agency_target, Tier.kepala_dinas),
        (ElementKind.program, Tier.eselon_iii),
        (ElementKind.kegiatan, Tier.eselon_iv),
        (ElementKind.sub_kegiatan, Tier.eselon_iv),
        (ElementKind.sub_kegiatan, Tier.staff),
    ]
    rows = {row: {y[b.id] for b in diagram.boxes if (b.kind, b.tier) == row} for row in expected}
    assert {(b.kind, b.tier) for b in diagram.boxes} == set(expected)
    assert all(len(row) == 1 for row in rows.values()), rows
    heights = [rows[row].pop() for row in expected]
    assert heights == sorted(heights, reverse=True) and len(set(heights)) == len(heights)

    rendered = render(diagram, [Format.svg, Format.png], paper=Paper.a4)
    texts = [t.text or "" for t in ET.fromstring(rendered.files[Format.svg]).iter("{http://www.w3.org/2000/svg}text")]
    labels = [t for t in texts if t.isupper()]
    assert [label for label in labels if label in {"BUPATI", "KEPALA DINAS", "ESELON III", "ESELON IV", "JAFUNG/STAF"}] == [
        "BUPATI", "KEPALA DINAS", "KEPALA DINAS", "ESELON III", "ESELON IV", "ESELON IV", "JAFUNG/STAF"
    ]  # fmt: skip
    assert "TUJUAN PD" in texts and not any("WALIKOTA" in t or "Walikota" in t for t in texts)
    assert rendered.readable, rendered.describe()
    out = REPO_ROOT / "artifacts" / "render"
    out.mkdir(parents=True, exist_ok=True)
    (out / "gowa-diskopukm.png").write_bytes(rendered.files[Format.png])


def test_the_makassar_cascade_prints_readably_on_a3_landscape(makassar, database, source):
    rendered = render(cascade_diagram(makassar, CASCADE, database=database), [Format.svg, Format.png], paper=Paper.a3)

    assert rendered.readable, rendered.describe()
    svg = ET.fromstring(rendered.files[Format.svg])
    width_pt, height_pt = (float(svg.get(side).removesuffix("pt")) for side in ("width", "height"))
    assert width_pt <= 15.75 * 72 + 1 and height_pt <= 10.9 * 72 + 1  # on the page
    text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "WALIKOTA" in text and "ESELON III" in text and "JAFUNG/STAF" in text
    assert rendered.files[Format.png].startswith(PNG_SIGNATURE)


def test_a_page_too_small_for_the_cascade_is_reported_not_hidden(makassar, database):
    rendered = render(cascade_diagram(makassar, CASCADE, database=database), [Format.svg], paper=Paper.a4)

    assert not rendered.readable
    assert "too small to read" in rendered.describe()


def test_an_indicators_lineage_diagram_is_exactly_its_contributors_and_its_paths_up(makassar, database):
    graph = indicator_graph(MAKASSAR)
    expected_down = {uid(i) for i in contributors(graph, "ik-sasaran-2")}
    expected_up = {uid(i) for path in paths_to_top(graph, "ik-sasaran-2") for i in path[1:]}

    diagram = lineage_diagram(makassar, uid("ik-sasaran-2"), database=database)

    roles = {b.id: b.role for b in diagram.boxes}
    assert roles == {
        uid("ik-sasaran-2"): "selected",
        **{i: "contributor" for i in expected_down},
        **{i: "path" for i in expected_up},
    }
    shown = set(roles)
    assert set(diagram.links) == {(uid(a), uid(b)) for a, b in graph.edges if uid(a) in shown and uid(b) in shown}
    y = layout(diagram)
    assert y[uid("ik-tujuan-1")] > y[uid("ik-sasaran-2")] > y[uid("ik-program-3")] > y[uid("ik-subkegiatan-3.1.1")]


def test_text_from_the_data_is_escaped_not_read_as_markup():
    tricky = 'Koperasi "Sehat" & <Aktif> {x} \\ end'
    diagram = Diagram(
        title=tricky,
        subtitle="s",
        boxes=[
            Box(id='a"1', kind=ElementKind.program, title=tricky, lines=(Line("i", tricky),), owner=tricky),
        ],
    )

    svg = ET.fromstring(render(diagram, [Format.svg]).files[Format.svg])

    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert any("<Aktif>" in (t or "") for t in texts)


def test_backslashes_in_the_data_are_drawn_as_written_not_read_as_graphvizs_escapes():
    """Graphviz reads \\N, \\G, \\E, \\T, \\H, \\L in a label as the node's or graph's name: a
    name "Sasaran \\N" was drawn as "Sasaran " followed by the box's id."""
    written = "Sasaran A\\N \\G \\E\\T\\H\\L \\\\ Z\\"
    diagram = Diagram(
        title=written,
        subtitle="s",
        boxes=[Box(id="b1", kind=ElementKind.program, title=written, lines=(Line("i", written),), owner=written)],
    )

    svg = ET.fromstring(render(diagram, [Format.svg]).files[Format.svg])

    drawn = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert drawn.count(written) == 4, drawn


def test_lineage_render_writes_svg_and_png_files(makassar, tmp_path, capsys):
    assert lineage(["render", "--out", str(tmp_path / "makassar")]) == 0
    assert (
        lineage(
            ["render", "--indicator", "Persentase Koperasi Sehat", "--out", str(tmp_path / "sehat.svg"), "--lang", "en"]
        )
        == 0
    )

    out = capsys.readouterr().out
    assert "fits A3 landscape" in out and "readable" in out
    assert (tmp_path / "makassar.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert (tmp_path / "makassar.png").read_bytes().startswith(PNG_SIGNATURE)
    assert b"rolls up into it" in (tmp_path / "sehat.svg").read_bytes()  # the legend, in English
    assert sorted(p.name for p in tmp_path.iterdir()) == ["makassar.png", "makassar.svg", "sehat.png", "sehat.svg"]


def test_lineage_render_refuses_an_unknown_indicator_and_writes_nothing(makassar, tmp_path, capsys):
    assert lineage(["render", "--indicator", "no such indicator at all", "--out", str(tmp_path / "x")]) == 1
    assert "no indicator" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_bare_render_among_several_cascades_says_how_to_name_one(makassar, tmp_path, capsys):
    other = tmp_path / "other.yaml"
    other.write_text(changed((f"id: {CASCADE}\n", "id: other-plan\n")), encoding="utf-8")
    assert lineage(["load", str(other)]) == 0
    capsys.readouterr()

    assert lineage(["render", "--out", str(tmp_path / "x")]) == 1
    said = capsys.readouterr().err
    assert "lineage render CASCADE_ID" in said and "lineage cascades" in said
    assert CASCADE in said and "other-plan" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.yaml"]


def test_the_api_serves_the_same_diagrams(makassar, database):
    with TestClient(create_app(makassar, database)) as client:
        png = client.get(f"/cascades/{CASCADE}/diagram", params={"format": "png", "paper": "a3"})
        svg = client.get(f"/indicators/{uid('ik-sasaran-2')}/diagram", params={"lang": "en"})
        missing = client.get("/cascades/nowhere/diagram")
        bad = client.get(f"/cascades/{CASCADE}/diagram", params={"format": "gif"})

    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(PNG_SIGNATURE)
    assert png.headers["x-lineage-readable"] == "true"
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert b"Persentase Koperasi Sehat" in svg.content
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert bad.status_code == 422


def test_a_cascade_too_big_for_one_page_is_refused_with_a_way_out(makassar, database, monkeypatch):
    monkeypatch.setattr(diagram_module, "MAX_BOXES", 10)
    with pytest.raises(TooBig, match="lineage"):
        cascade_diagram(makassar, CASCADE, database=database)
    with TestClient(create_app(makassar, database)) as client:
        answer = client.get(f"/cascades/{CASCADE}/diagram")
    assert answer.status_code == 422 and answer.json()["error"] == "too_big_to_draw"


def test_without_graphviz_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GraphvizMissing, match="scripts/setup"):
        render(Diagram(title="t", subtitle="s"), [Format.svg])
