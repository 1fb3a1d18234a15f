"""A cascade of a thousand indicators stays usable: the page opens a few rows, not all of it,
and a selection deep inside opens just the branches that lead to it."""

from __future__ import annotations

import yaml

from lineage.loader import load_cascade
from tests.support.oracle import indicator_graph, paths_to_top
from tests.support.synthetic import generate_cascade

#: The page opens rows at first while no more than this many boxes are on screen (web/tree.js).
OPEN_BUDGET = 250


def test_a_large_cascade_opens_a_few_rows_and_a_deep_selection_opens_its_branch(
    graph, database, lineage_page, tmp_path
):
    cascade = generate_cascade(1200, seed=11, cascade_id="large")
    load_cascade(graph, cascade, database=database)
    source = tmp_path / "large.yaml"  # the oracle reads the file form, independently of Lineage
    source.write_text(yaml.safe_dump(cascade.model_dump(mode="json", exclude_none=True), allow_unicode=True))
    lineage_page.open("large")

    boxes = lineage_page.boxes()
    assert 0 < len(boxes) <= OPEN_BUDGET < len(cascade.elements)
    assert all(b["inside"] == "" for b in boxes)

    deep = next(i for i in reversed(cascade.indicators) if i.measures.startswith("sub_kegiatan"))
    lineage_page.search_and_select(deep.name)

    boxes = {b["id"]: b for b in lineage_page.boxes()}
    lit = {ik: role for b in boxes.values() for ik, role in b["iks"].items() if role}
    path = {f"large:{i}" for p in paths_to_top(indicator_graph(source), deep.id) for i in p[1:]}
    assert lit == {f"large:{deep.id}": "selected", **{i: "path" for i in path}}
    assert len(boxes) < len(cascade.elements) / 2
