"""What the title rows above a sheet's header say: the agency, the region and the period.

Government tables are headed like "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN / DINAS KOPERASI DAN
USAHA KECIL MENENGAH KOTA MAKASSAR / TAHUN 2025-2029"; reading it spares the planner typing
what the sheet already states. Options given by the user win over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.cascade.model import Period
from lineage.importers.grid import Grid

_AGENCY = re.compile(
    r"\b((?:DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|SATUAN|RUMAH SAKIT|KECAMATAN)\b.*?)\s+"
    r"((?:KOTA|KABUPATEN|PROVINSI)\s+[A-Z][A-Z .'-]*?)(?=\s+(?:TAHUN|PERIODE)\b|\s*$)"
)
_REGION = re.compile(r"\b((?:KOTA|KABUPATEN|PROVINSI)\s+[A-Z][A-Z .'-]*?)(?=\s+(?:TAHUN|PERIODE)\b|\s*$)")
_PERIOD = re.compile(r"\b((?:19|20|21)\d\d)\s*[-–/]\s*((?:19|20|21)\d\d)\b")
#: Short words kept in capitals (acronyms) and words kept in lower case when title-casing.
_ACRONYMS = {"UKM", "UMKM", "OPD", "SKPD", "RSUD", "PU", "PUPR", "BPKAD", "BAPPEDA", "KB", "P3A", "DPRD", "UPT"}
_LOWER = {"dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau"}


@dataclass(frozen=True)
class Title:
    agency: str | None = None
    region: str | None = None
    period: Period | None = None


def read_title(grid: Grid, header_row: int) -> Title:
    text = " ".join(str(v) for r in range(header_row) for v in grid.rows[r] if isinstance(v, str))
    upper = " ".join(text.upper().split())
    agency = region = None
    if match := _AGENCY.search(upper):
        agency, region = _title_case(match.group(1)), _title_case(match.group(2))
    elif match := _REGION.search(upper):
        region = _title_case(match.group(1))
    period = None
    if match := _PERIOD.search(upper):
        start, end = int(match.group(1)), int(match.group(2))
        period = Period(start=start, end=end) if end >= start else None
    return Title(agency, region, period)


def _title_case(text: str) -> str:
    words = []
    for n, word in enumerate(text.split()):
        if word in _ACRONYMS:
            words.append(word)
        elif n and word.lower() in _LOWER:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)
