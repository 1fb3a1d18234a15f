"""A short run of scripts/bench_scale.py on a small cascade: it finds the largest cascade loaded,
picks its questions from the graph, and times every one against its raw query. The runs at a
million indicators are the script's (docs/scaling.md "Sizes"), not the suite's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from neo4j import Driver

from lineage.loader import load_cascade
from tests.support.paths import REPO_ROOT
from tests.support.synthetic import generate_cascade


def test_the_scale_benchmark_times_each_question_of_the_largest_cascade_against_its_raw_query(
    graph: Driver, database: str | None, tmp_path
):
    load_cascade(graph, generate_cascade(40, seed=2, cascade_id="small"), database=database)
    load_cascade(graph, generate_cascade(400, seed=3, cascade_id="largest"), database=database)
    figures = tmp_path / "scale.json"
    command = [sys.executable, str(REPO_ROOT / "scripts" / "bench_scale.py"), "--repeat", "2", "--port", "0"]
    finished = subprocess.run(
        [*command, "--json", str(figures)], cwd=REPO_ROOT, env=os.environ, capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-2000:]
    result = json.loads(figures.read_text())

    assert result["cascade"]["id"] == "largest" and result["cascade"]["indicators"] == 400
    counted = graph.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships", database_=database
    ).records[0]
    assert (result["store"]["nodes"], result["store"]["relationships"]) == (counted["nodes"], counted["relationships"])
    picked = result["picked"]
    assert all(picked[k].startswith("largest:") for k in ("top_goal", "leaf", "one_indicator"))
    assert picked["top_goal_contributors"] > 0
    assert set(result["questions"]) == {
        "contributors_top_goal_first_page",
        "contributes_to_leaf",
        "one_indicator",
        "search_common_word",
        "search_empty_q",
    }
    for name, row in result["questions"].items():
        assert row["api"]["p50_ms"] > 0, name
        assert ("raw" in row) == (name != "search_empty_q"), name
