"""CSV written by Lineage opens in a spreadsheet as data: no name becomes a formula."""

from __future__ import annotations

import csv
import io

import pytest

from lineage import safe_csv
from lineage.cli import main as lineage
from tests.support.paths import MAKASSAR


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\r=1"])
def test_text_a_spreadsheet_would_evaluate_is_written_after_a_quote(text):
    (cell,) = next(csv.reader(io.StringIO(safe_csv.to_csv([[text]]))))
    assert cell == "'" + text


def test_plain_text_and_numbers_are_written_as_they_are():
    written = safe_csv.to_csv([["Persentase Koperasi Sehat", 98.5, 3, None, "a-b"]])
    assert written == '"Persentase Koperasi Sehat",98.5,3,"","a-b"\n'


def test_every_text_cell_is_quoted_so_a_semicolon_reading_cannot_start_a_cell_with_a_formula():
    written = safe_csv.to_csv([["Koperasi;=1+1"]])
    assert written == '"Koperasi;=1+1"\n'
    (cells,) = csv.reader(io.StringIO(written), delimiter=";")  # Excel set to Indonesian reads ';'
    assert cells == ["Koperasi;=1+1"]


def test_lineage_audit_csv_writes_a_formula_like_name_as_text(tmp_path, capsys):
    draft = tmp_path / "draft.yaml"
    text = MAKASSAR.read_text(encoding="utf-8")
    assert "name: Jumlah Wirausaha Baru}" in text  # a copy-down finding names it
    draft.write_text(text.replace("name: Jumlah Wirausaha Baru}", "name: '=Jumlah Wirausaha Baru'}"), "utf-8")
    assert lineage(["audit", str(draft), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    names = [name for row in rows for name in row["node_names"].split(" | ")]
    assert "'=Jumlah Wirausaha Baru" in names
    assert not any(value.startswith(safe_csv.FORMULA_START) for row in rows for value in row.values())
