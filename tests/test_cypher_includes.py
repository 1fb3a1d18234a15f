"""A part several statements share is written once and named by an `INCLUDE <name>` line
(cypher/__init__.py): the loads of a cascade, read by `cascade_loads` and `loads_to_collect`."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from lineage.cypher import IncludeCycle, cypher, with_includes
from tests.support.makassar import CASCADE
from tests.support.paths import REPO_ROOT

CYPHER = REPO_ROOT / "cypher"


def _write(folder: Path, **files: str) -> Path:
    for name, text in files.items():
        (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
    return folder


def test_an_include_line_is_replaced_by_the_part_at_its_indentation_without_the_parts_comments(tmp_path):
    folder = _write(
        tmp_path,
        outer="// the statement\nCALL (c) {\n  INCLUDE part\n  RETURN x\n}\nRETURN x",
        part="// a note on the part\nMATCH (x)\nWHERE x.a = $a",
    )
    assert with_includes(folder, "outer") == (
        "// the statement\nCALL (c) {\n  MATCH (x)\n  WHERE x.a = $a\n  RETURN x\n}\nRETURN x"
    )


def test_parts_may_include_parts(tmp_path):
    folder = _write(
        tmp_path, outer="INCLUDE middle\nRETURN 1", middle="WITH 1 AS one\nINCLUDE inner", inner="MATCH (n)"
    )
    assert with_includes(folder, "outer") == "WITH 1 AS one\nMATCH (n)\nRETURN 1"


def test_a_file_that_includes_itself_through_others_is_refused(tmp_path):
    folder = _write(tmp_path, a="INCLUDE b", b="INCLUDE a")
    with pytest.raises(IncludeCycle, match="a -> b -> a"):
        with_includes(folder, "a")


def test_include_is_read_only_as_a_line_of_its_own(tmp_path):
    folder = _write(tmp_path, s="MATCH (n {name: 'INCLUDE x'})\nRETURN n // INCLUDE x")
    assert with_includes(folder, "s") == "MATCH (n {name: 'INCLUDE x'})\nRETURN n // INCLUDE x"


def test_the_loads_of_a_cascade_are_declared_in_one_file_that_both_statements_include():
    union = "MATCH (n:Position {cascade: $cascade}) WHERE n.load IS NOT NULL RETURN DISTINCT n.load AS load"
    declaring = {path.stem for path in CYPHER.glob("*.cypher") if union in path.read_text(encoding="utf-8")}
    assert declaring == {"loads_of_cascade"}
    for statement in ("cascade_loads", "loads_to_collect"):
        assert "INCLUDE loads_of_cascade" in (CYPHER / f"{statement}.cypher").read_text(encoding="utf-8")
        assert union in cypher(statement)


def test_both_statements_find_the_remains_of_a_load_that_died_before_its_switch(
    makassar: Driver, database: str | None
) -> None:
    active = makassar.execute_query(
        "MATCH (c:Cascade {id: $id}) RETURN c.active_load AS load", id=CASCADE, database_=database
    ).records[0]["load"]
    makassar.execute_query(
        "CREATE (:Position {cascade: $cascade, load: 'died-before-its-switch', id: $cascade + ':ghost'})",
        cascade=CASCADE,
        database_=database,
    )
    loads = makassar.execute_query(cypher("cascade_loads"), cascade=CASCADE, database_=database).records[0]["loads"]
    collected = makassar.execute_query(cypher("loads_to_collect"), cascade=CASCADE, database_=database).records[0]
    assert set(loads) == {active, "died-before-its-switch"}
    assert collected["remains"] == ["died-before-its-switch"]
