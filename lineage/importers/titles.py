"""What the title rows above a sheet's header say: the agency, the region and the period.

Government tables are headed like "LAMPIRAN II PERATURAN BUPATI GOWA ... / TABEL T-C.27 /
RENCANA PROGRAM, KEGIATAN DAN PENDANAAN / DINAS KOPERASI DAN UKM / PEMERINTAH KABUPATEN GOWA /
TAHUN 2025-2029"; reading it spares the planner typing what the sheet already states. Each title
row is read on its own, so one row's words never run into the next ("... UKM" then "PEMERINTAH
KABUPATEN GOWA" is not the agency "... UKM Pemerintah"). Options given by the user win over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.cascade.model import Period
from lineage.importers.grid import Grid

_AGENCY_WORDS = r"(?:DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|SATUAN|RUMAH SAKIT|KECAMATAN)"
_REGION = r"(?:KOTA|KABUPATEN|KAB\.?|PROVINSI)\s+[A-Z][A-Z .'-]*?"
_END = r"(?=\s+(?:TAHUN|PERIODE)\b|\s*[,(]|\s*$)"
#: "PEMERINTAH KABUPATEN GOWA", "KOTA MAKASSAR": a row naming the region.
_REGION_ROW = re.compile(rf"^(?:PEMERINTAH(?:AN)?\s+)?({_REGION}){_END}")
#: "DINAS KOPERASI DAN UKM (PEMERINTAH) KABUPATEN GOWA TAHUN ...": the agency, and maybe the region.
_AGENCY_ROW = re.compile(rf"\b({_AGENCY_WORDS}\b.*?)(?:\s+PEMERINTAH(?:AN)?)?(?:\s+({_REGION}))?{_END}")
#: "PERATURAN BUPATI GOWA": the region of a rule's author, when nothing else names it.
_HEAD = re.compile(r"\b(WALI ?KOTA|BUPATI|GUBERNUR)\s+([A-Z][A-Z .'-]*?)(?=\s+(?:NOMOR|NO\.?|TAHUN|TENTANG)\b|\s*$)")
_HEAD_REGION = {"WALIKOTA": "KOTA", "WALI KOTA": "KOTA", "BUPATI": "KABUPATEN", "GUBERNUR": "PROVINSI"}
_PERIOD = re.compile(r"\b((?:19|20|21)\d\d)\s*[-–/]\s*((?:19|20|21)\d\d)\b")
#: Rows that say what the table is, not whose: left out of the agency and region.
_LABEL = re.compile(r"^(TABEL|TABLE)\b")
#: Short words kept in capitals (acronyms) and words kept in lower case when title-casing.
_ACRONYMS = {"UKM", "UMKM", "OPD", "SKPD", "RSUD", "PU", "PUPR", "BPKAD", "BAPPEDA", "KB", "P3A", "DPRD", "UPT"}
_LOWER = {"dan", "di", "ke", "dari", "yang", "untuk", "serta", "atau"}


@dataclass(frozen=True)
class Title:
    agency: str | None = None
    region: str | None = None
    period: Period | None = None


def read_title(grid: Grid, header_row: int) -> Title:
    rows = [" ".join(str(v) for v in grid.rows[r] if isinstance(v, str)) for r in range(header_row)]
    lines = [" ".join(row.upper().split()) for row in rows]
    lines = [line for line in lines if line and not _LABEL.match(line)]
    agency = region = head_region = None
    for line in lines:
        if line.startswith("LAMPIRAN"):
            if (match := _HEAD.search(line)) and head_region is None:
                head_region = f"{_HEAD_REGION[match.group(1)]} {match.group(2)}"
            continue
        if region is None and (match := _REGION_ROW.match(line)):
            region = match.group(1)
        elif agency is None and (match := _AGENCY_ROW.search(line)):
            agency = match.group(1)
            region = region or match.group(2)
    period = None
    for line in lines:
        if match := _PERIOD.search(line):
            start, end = int(match.group(1)), int(match.group(2))
            period = Period(start=start, end=end) if end >= start else None
            break
    region = region or head_region
    return Title(_title_case(agency) if agency else None, _region_name(region) if region else None, period)


def _region_name(text: str) -> str:
    words = text.split()
    if words[0] in ("KAB", "KAB."):
        words[0] = "KABUPATEN"
    return _title_case(" ".join(words))


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
