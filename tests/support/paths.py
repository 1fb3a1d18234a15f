"""Files of the repository the tests read."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MAKASSAR = REPO_ROOT / "data" / "makassar" / "dinas-koperasi-ukm.yaml"
SEED = REPO_ROOT / "data" / "makassar" / "source" / "cascading-kinerja-diagram.txt"
EXAMPLES = REPO_ROOT / "data" / "examples"
#: The example Renstra workbook (scripts/make_renstra_examples.py) and the RPJMD cascade it holds.
WORKBOOK = EXAMPLES / "renstra-makassar-2025-2029.xlsx"
RPJMD = "kota-makassar-rpjmd-2025-2029"
#: A regency (Bupati, an agency goal, Eselon IV owners): the example of docs/cascade-format.md.
REGENCY = EXAMPLES / "kabupaten-gowa-koperasi-ukm.yaml"
