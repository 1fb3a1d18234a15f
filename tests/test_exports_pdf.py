"""PDFs an evaluator prints, from the API and the CLI: one landscape page of the paper asked for
(A3, A4), seen as pictures with poppler's `pdftoppm` (saved in artifacts/exports/ to look at)."""

from __future__ import annotations

import io
import json
import re
import subprocess

from openpyxl import load_workbook

from lineage.cli import main as lineage
from tests.support.paths import MAKASSAR, REPO_ROOT

ARTIFACTS = REPO_ROOT / "artifacts" / "exports"
POINTS = {"A3": (1191, 842), "A4": (842, 595)}


def pages(pdf: bytes, name: str) -> list[tuple[float, float]]:
    """The size in points of each page, after rendering every page to PNG with pdftoppm."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / name)], check=True, timeout=60)
    assert list(ARTIFACTS.glob(f"{name}-*.png")), "pdftoppm drew no page"
    info = subprocess.run(["pdfinfo", "-l", "100", str(path)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def close_to(size: tuple[float, float], paper: str) -> bool:
    """Within 2 % of the paper's landscape size (Graphviz rounds its page to whole points)."""
    return all(abs(got - want) <= 0.02 * want for got, want in zip(size, POINTS[paper], strict=True))


def test_the_cascade_diagram_as_pdf_is_one_a3_landscape_page_with_a_header(client):
    response = client.get("/cascades/makassar-diskopukm/diagram", params={"format": "pdf", "paper": "a3"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    (size,) = pages(response.content, "cascade-a3")
    assert close_to(size, "A3")
    assert response.headers["x-lineage-readable"] == "true"


def test_one_lineage_as_pdf_fits_a4_landscape(client):
    response = client.get(
        "/indicators/makassar-diskopukm:ik-sasaran-2/diagram", params={"format": "pdf", "paper": "a4"}
    )
    (size,) = pages(response.content, "lineage-a4")
    assert close_to(size, "A4") and response.headers["x-lineage-print-scale"] == "1"


def test_the_audit_report_as_pdf_in_both_languages(client):
    for lang in ("id", "en"):
        response = client.get("/audit/report", params={"cascade": "makassar-diskopukm", "lang": lang})
        assert response.status_code == 200 and response.headers["content-language"] == lang
        sizes = pages(response.content, f"audit-{lang}")
        assert sizes and all(close_to(size, "A4") for size in sizes)
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Dinas Koperasi & UKM" in text and "2021-2026" in text
        assert ("4 temuan (0 galat, 4 peringatan)" if lang == "id" else "4 findings (0 errors, 4 warnings)") in text
        assert ("29 elemen, 33 IK" if lang == "id" else "29 elements, 33 indicators") in text  # counted, not 0


def test_the_matrix_from_the_api_is_the_loaded_cascade(client):
    response = client.get("/cascades/makassar-diskopukm/export", params={"layout": "matrix"})
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=2, column=1).value == "DINAS KOPERASI & UKM" and ws.max_row == 7 + 33
    assert "x-lineage-notes" not in response.headers


def test_a_renstra_table_from_the_api_says_in_a_header_what_it_cannot_hold(client):
    response = client.get("/cascades/makassar-diskopukm/export", params={"layout": "renstra"})
    assert response.status_code == 200
    (note,) = json.loads(response.headers["x-lineage-notes"])
    assert note.startswith("24 program(s), kegiatan or sub kegiatan have no code")


def test_lineage_export_writes_each_kind(tmp_path, capsys, makassar):
    assert lineage(["export", str(MAKASSAR), "--kind", "matrix", "-o", str(tmp_path / "m.xlsx")]) == 0
    assert lineage(["export", str(MAKASSAR), "--kind", "renstra", "-o", str(tmp_path / "r.xlsx")]) == 0
    assert "no code, which the Renstra table needs" in capsys.readouterr().err
    assert lineage(["export", str(MAKASSAR), "--kind", "audit", "-o", str(tmp_path / "a.pdf"), "--lang", "en"]) == 0
    assert lineage(["export", "makassar-diskopukm", "--kind", "diagram", "-o", str(tmp_path / "c.pdf")]) == 0
    assert (
        lineage(
            [
                "export",
                "--indicator",
                "ik-sasaran-2",
                "--kind",
                "diagram",
                "--paper",
                "a4",
                "-o",
                str(tmp_path / "l.pdf"),
            ]
        )
        == 0
    )
    assert close_to(pages((tmp_path / "l.pdf").read_bytes(), "cli-lineage-a4")[0], "A4")
    assert lineage(["export", str(MAKASSAR), "--kind", "diagram"]) == 2  # a diagram needs the database
