"""The cascade file format: the Makassar transcription, and how a bad file is refused."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml

from lineage.cascade import CascadeFileError, ElementKind, parse_cascade, read_cascade
from lineage.cascade.model import BadPeriod, Period, parse_period
from tests.support.paths import MAKASSAR, SEED


def _seed_text() -> str:
    """The seed with the diagram's line breaks undone (a hyphen at a line end joins words)."""
    text = SEED.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"-[ \t]*\n\s*", "-", text))


def _errors(text: str, name: str = "cascade.yaml") -> list[str]:
    with pytest.raises(CascadeFileError) as caught:
        parse_cascade(text, name)
    return [str(problem) for problem in caught.value.problems]


def test_the_makassar_cascade_has_every_box_of_the_seed():
    cascade = read_cascade(MAKASSAR)
    kinds = Counter(e.kind for e in cascade.elements)
    assert kinds == {
        ElementKind.mayor_goal: 2,
        ElementKind.agency_target: 3,
        ElementKind.program: 6,
        ElementKind.kegiatan: 6,
        ElementKind.sub_kegiatan: 12,
    }
    assert len(cascade.indicators) == 33
    assert str(cascade.period) == "2021-2026"


def test_every_name_in_the_makassar_cascade_is_written_exactly_as_in_the_seed():
    seed = _seed_text()
    cascade = read_cascade(MAKASSAR)
    names = [e.name for e in cascade.elements] + [n for i in cascade.indicators for n in (i.name, *i.also_written_as)]
    assert [name for name in names if name not in seed] == []
    assert "Presentase Koperasi yang diperiksa dan diawasi" in names  # the source's typo is kept


def test_every_element_and_indicator_of_the_makassar_cascade_has_an_owner():
    cascade = read_cascade(MAKASSAR)
    assert all(e.owner for e in cascade.elements)
    assert all(i.measures for i in cascade.indicators)


@pytest.fixture
def makassar_text() -> str:
    return MAKASSAR.read_text(encoding="utf-8")


def test_an_unknown_parent_is_refused_naming_file_line_and_field(makassar_text):
    broken = makassar_text.replace("parent: program-3\n", "parent: program-9\n")
    line = broken.splitlines().index("    parent: program-9") + 1
    assert _errors(broken, "drafts/makassar.yaml") == [
        f"drafts/makassar.yaml:{line}: elements[16].parent: unknown element 'program-9'"
    ]


def test_a_duplicate_id_is_refused_pointing_at_both_uses(makassar_text):
    broken = makassar_text.replace("{id: ik-program-6,", "{id: ik-program-5a,")
    lines = broken.splitlines()
    first = next(n for n, text in enumerate(lines, 1) if "{id: ik-program-5a," in text)
    second = next(n for n, text in enumerate(lines, 1) if n > first and "{id: ik-program-5a," in text)
    assert _errors(broken) == [
        f"cascade.yaml:{second}: indicators[14].id: duplicate id 'ik-program-5a'; "
        f"already used by indicators[12] (line {first})"
    ]


def test_a_cycle_is_refused_with_its_path(makassar_text):
    broken = makassar_text.replace(
        "  - id: tujuan-1\n    kind: mayor_goal\n", "  - id: tujuan-1\n    kind: mayor_goal\n    parent: kegiatan-3.1\n"
    )
    (error,) = _errors(broken)
    assert "elements form a cycle: kegiatan-3.1 -> program-3 -> sasaran-2 -> tujuan-1 -> kegiatan-3.1" in error


def test_a_cycle_of_indicators_is_refused(makassar_text):
    broken = makassar_text.replace(
        "{id: ik-tujuan-1, measures: tujuan-1, name: Pendapatan Perkapita}",
        "{id: ik-tujuan-1, measures: tujuan-1, name: Pendapatan Perkapita, contributes_to: [ik-subkegiatan-3.1.1]}",
    )
    (error,) = _errors(broken)
    assert "indicators form a cycle: " in error and "ik-tujuan-1 -> ik-subkegiatan-3.1.1" in error


def test_every_problem_is_reported_at_once_with_its_line(makassar_text):
    broken = makassar_text.replace(
        'tier: staff, name: "JAFUNG/STAF, Sasaran Program 1, kegiatan"', "tier: staf, nmae: x"
    )
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "nmae: x" in text)
    errors = _errors(broken)
    assert errors == [
        f"cascade.yaml:{line}: positions[8].name: required field is missing",
        f"cascade.yaml:{line}: positions[8].tier: Input should be 'walikota', 'bupati', 'gubernur', 'kepala_dinas', "
        "'eselon_iii', "
        "'eselon_iv' or 'staff' (got 'staf')",
        f"cascade.yaml:{line}: positions[8].nmae: unknown field (check its spelling against docs/cascade-format.md)",
    ]


def test_a_key_written_twice_is_refused_instead_of_silently_taking_the_last(makassar_text):
    broken = makassar_text.replace("period: 2021-2026\n", "period: 2021-2026\nperiod: 2020\n")
    line = broken.splitlines().index("period: 2020") + 1
    assert _errors(broken) == [f"cascade.yaml:{line}: period: written twice (first at line {line - 1})"]


def test_yaml_syntax_errors_name_the_line():
    (error,) = _errors("id: x\nagency: [unclosed\nregion: y\n")
    assert error.startswith("cascade.yaml:") and "invalid YAML" in error


def test_codes_keep_their_trailing_zero_and_ids_are_never_booleans():
    text = """
format: lineage.cascade/1
id: no
agency: A
region: R
period: "2024"
elements:
  - {id: p, kind: program, name: Program, code: 2.10}
"""
    cascade = parse_cascade(text, "x.yaml")
    assert cascade.id == "no"
    assert cascade.elements[0].code == "2.10"


def test_json_files_are_read_with_line_numbers_too(makassar_text):
    data = yaml.safe_load(makassar_text)
    data["period"] = "2021-2026"
    data["elements"][16]["parent"] = "program-9"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"program-9"' in t)
    assert _errors(text, "cascade.json") == [f"cascade.json:{line}: elements[16].parent: unknown element 'program-9'"]


def test_invalid_json_names_its_line():
    (error,) = _errors('{\n  "id": "x",\n  "agency": \n}', "cascade.json")
    assert error.startswith("cascade.json:4: invalid JSON")


def test_the_example_in_the_format_documentation_is_a_valid_cascade():
    doc = (MAKASSAR.parents[2] / "docs" / "cascade-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    cascade = parse_cascade(example, "docs/cascade-format.md")
    assert [e.id for e in cascade.elements] == ["tujuan-1", "sasaran-2", "program-3", "kegiatan-3.1"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021-2026", 2021, 2026),
        (" 2025 – 2029 ", 2025, 2029),
        ("2025/2029", 2025, 2029),
        ("2024", 2024, 2024),
        (2024, 2024, 2024),
    ],
)
def test_a_period_is_read_the_way_planners_write_it(text, start, end):
    assert parse_period(text) == Period(start=start, end=end)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2025-29", '"YYYY-YYYY" or "YYYY"'),
        ("2029-2025", "ends (2025) before it starts (2029)"),
        ("1800-1805", "1900-2200"),
    ],
)
def test_an_unreadable_period_is_a_bad_period_saying_why(text, says):
    with pytest.raises(BadPeriod, match=re.escape(says)):
        parse_period(text)
    assert issubclass(BadPeriod, ValueError)  # pydantic reports it as the field's error


def test_a_cascade_file_with_a_bad_period_names_its_line(makassar_text):
    broken = makassar_text.replace("period: 2021-2026\n", "period: 2026-2021\n")
    line = broken.splitlines().index("period: 2026-2021") + 1
    (error,) = _errors(broken)
    assert error.startswith(f"cascade.yaml:{line}: period: ") and "ends (2021) before it starts (2026)" in error


@pytest.mark.parametrize("name", ["matriks.xlsx", "renstra.csv", "dump.sql", "tables.zip"])
def test_a_spreadsheet_or_table_export_is_named_as_such_with_the_command_that_reads_it(tmp_path, name):
    source = tmp_path / name
    source.write_bytes(b"PK\x03\x04\xff\xfe not a cascade")
    with pytest.raises(CascadeFileError) as refused:
        read_cascade(source)
    assert [(p.file, p.line) for p in refused.value.problems] == [(str(source), None)]
    message = refused.value.problems[0].message
    assert "not a cascade file" in message and "lineage import" in message and "lineage convert" in message
