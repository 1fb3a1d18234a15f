"""What each column of a planning sheet holds, read from its (often multi-row) header.

Headers vary from one office to the next ("Indikator Kinerja" / "INDIKATOR", "Kondisi Awal" /
"Data Capaian pada Tahun Awal Perencanaan", "Tahun 2025 / Rp" / "Pagu 2025"), so each column
is matched against the usual Indonesian wordings, its most specific header row first (the
"Target" under "Tahun 2025" under "Target Kinerja dan Kerangka Pendanaan"). What matches no
wording is left out and listed in the import report; a user mapping (`header text = field`)
overrides the vocabulary for headers it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.importers.grid import Grid
from lineage.text import fold

#: Fields a column can hold. Those with a year: target, budget, realisation.
FIELDS = (
    "tujuan",
    "tujuan_code",
    "sasaran",
    "sasaran_code",
    "program",
    "program_code",
    "kegiatan",
    "kegiatan_code",
    "sub_kegiatan",
    "sub_kegiatan_code",
    "code",
    "name",
    "indicator",
    "unit",
    "baseline",
    "target",
    "budget",
    "realisation",
    "responsible",
    "agency",
    "type",
    "polarity",
    "definition",
    "formula",
    "data_source",
    "frequency",
    "ignore",
)
YEARLY = {"target", "budget", "realisation"}
#: Columns that name a level of the cascade (one of them, with an indicator, makes a header row).
LEVEL_FIELDS = {"tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "name", "program_code", "code"}

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# (field, pattern) in the order they are tried; the first match wins.
_VOCABULARY: list[tuple[str, str]] = [
    ("ignore", r"^(no|nomor|no urut)$|\blokasi\b|kondisi (kinerja )?(pada )?akhir|\bketerangan\b"),
    ("type", r"\bjenis indikator\b|\btipe indikator\b|^jenis$|^tipe$|^type$"),
    ("polarity", r"\bpolaritas\b|\bsifat indikator\b|^polarity$"),
    ("definition", r"\bdefinisi\b|^definition$"),
    ("formula", r"\bformula(si)?\b|\brumus\b|cara (perhitungan|pengukuran|menghitung)"),
    ("data_source", r"\bsumber data\b|^data source$"),
    ("frequency", r"\bfrekuensi\b|periode pelaporan|^frequency$"),
    ("unit", r"\bsatuan\b|^unit$"),
    ("baseline", r"kondisi (kinerja )?awal|\bbaseline\b|capaian (pada )?tahun awal|data capaian|tahun dasar"),
    ("realisation", r"\brealisasi\b|\brealisation\b"),
    ("budget", r"\bpagu\b|\banggaran\b|\brp\b|\bpendanaan\b|\bdana\b|\bbudget\b"),
    ("target", r"\btarget\b"),
    ("responsible", r"penanggung ?jawab|\bpj\b|unit kerja|\bpelaksana\b|\bresponsible\b"),
    ("agency", r"perangkat daerah|^opd$|^skpd$|^agency$"),
    ("indicator", r"\bindikator\b|\bindicator\b|^ik$"),
    ("sub_kegiatan_code", r"\bkode\b.*\bsub ?kegiatan\b"),
    ("kegiatan_code", r"\bkode\b.*\bkegiatan\b"),
    ("program_code", r"\bkode\b.*\bprogram\b"),
    ("sasaran_code", r"\bkode\b.*\bsasaran\b"),
    ("tujuan_code", r"\bkode\b.*\btujuan\b"),
    ("code", r"^(kode|kd|kode rekening|kode nomenklatur|code)$"),
    ("name", r"\bprogram\b.*\bkegiatan\b|\buraian\b|\bnomenklatur\b"),
    ("sub_kegiatan", r"\bsub ?kegiatan\b"),
    ("kegiatan", r"\bkegiatan\b"),
    ("program", r"\bprogram\b"),
    ("sasaran", r"\bsasaran\b"),
    ("tujuan", r"\btujuan\b"),
]
_COMPILED = [(name, re.compile(pattern)) for name, pattern in _VOCABULARY]
#: Words a header row below the first may consist of ("Target", "Rp", "Tahun 2025", "TW I").
_SUBHEADER = re.compile(
    r"^(target|rp|k|realisasi|satuan|pagu|kinerja|tw ?[i1-4v]+|triwulan ?[i1-4v]+|(tahun|th) ?(ke )?\d{1,4}|\d{4}|[a-z]+ \d{4})$"
)


@dataclass(frozen=True)
class Column:
    index: int
    field: str
    #: The header as written (all its rows joined), for messages.
    header: str
    year: int | None = None
    #: "Tahun 1" .. "Tahun 5": a year counted from the start of the period.
    relative_year: int | None = None
    quarter: int | None = None

    @property
    def letter(self) -> str:
        """The column as Excel names it: A, B, ..., AA."""
        n, out = self.index + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            out = chr(65 + rem) + out
        return out

    @property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class HeaderBlock:
    #: 0-based rows of the header (first, last); data starts after `last` (and a numbering row).
    first: int
    last: int
    columns: list[Column]
    #: Headers no wording matched (column letter and text), for the report.
    unknown: list[tuple[str, str]]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_\-/().,:;*]+", " ", fold(text))).strip()


def classify(text: str, mapping: dict[str, str] | None = None) -> tuple[str, int | None, int | None, int | None] | None:
    """(field, year, relative year, quarter) of one header text, or None."""
    key = normalise(text)
    if not key:
        return None
    field = (mapping or {}).get(key)
    if field is None:
        field = next((name for name, pattern in _COMPILED if pattern.search(key)), None)
    if field is None:
        return None
    base = field.split(":")[0]
    year = _year(key) if base in YEARLY | {"baseline"} else None
    relative = None
    if base in YEARLY and year is None and (m := re.search(r"\b(?:tahun|th)(?: ke)? ?([1-9])\b", key)):
        relative = int(m.group(1))
    quarter = None
    if base == "realisation" and (m := re.search(r"\b(?:tw|triwulan|q) ?(iv|iii|ii|i|[1-4])\b", key)):
        quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
    if ":" in field:  # a user mapping may say "target:2025"
        base, _, given = field.partition(":")
        year = int(given) if given.isdigit() else year
    return base, year, relative, quarter


def _year(key: str) -> int | None:
    years = re.findall(r"\b(19\d\d|20\d\d|21\d\d)\b", key)
    return int(years[-1]) if years else None


def find_header(grid: Grid, mapping: dict[str, str], scan: int = 40) -> HeaderBlock | None:
    """The header block: the first row naming an indicator column and a level column, with the
    header rows below it that only refine it (years, Target/Rp), then an optional numbering row."""
    for r in range(min(scan, len(grid.rows))):
        fields = {
            hit[0]
            for c in range(grid.width)
            if (v := grid.header_value(r, c)) is not None and (hit := classify(str(v), mapping))
        }
        if "indicator" not in fields or not fields & LEVEL_FIELDS:
            continue
        last = r
        while last + 1 < len(grid.rows) and last - r < 2 and _is_subheader(grid, last + 1):
            last += 1
        return _columns(grid, r, last, mapping)
    return None


def _is_subheader(grid: Grid, r: int) -> bool:
    texts = [normalise(str(v)) for c in range(grid.width) if (v := grid.value(r, c)) is not None]
    return bool(texts) and all(_SUBHEADER.match(t) for t in texts)


def is_numbering_row(grid: Grid, r: int) -> bool:
    """The row of column numbers "(1) (2) (3) ..." government tables put under their header."""
    cells = [grid.value(r, c) for c in range(grid.width)]
    numbers = [c for c in cells if c is not None]
    if len(numbers) < 3:
        return False
    parsed = []
    for cell in numbers:
        text = str(cell).strip().strip("()")
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        if not text.isdigit():
            return False
        parsed.append(int(text))
    return parsed == sorted(parsed) and parsed[0] <= 2 and parsed[-1] <= len(cells) + 2


def _columns(grid: Grid, first: int, last: int, mapping: dict[str, str]) -> HeaderBlock:
    columns: list[Column] = []
    unknown: list[tuple[str, str]] = []
    for c in range(grid.width):
        parts: list[str] = []
        for r in range(first, last + 1):
            value = grid.header_value(r, c)
            if value is not None and (not parts or parts[-1] != str(value)):
                parts.append(str(value))
        if not parts:
            continue
        header = " / ".join(parts)
        hit = _classify_column(parts, mapping)
        if hit is None or (hit[0] in YEARLY and hit[1] is None and hit[2] is None):
            unknown.append((Column(c, "", header).letter, header))
            continue
        field, year, relative, quarter = hit
        if field != "ignore":
            columns.append(Column(c, field, header, year, relative, quarter))
    return HeaderBlock(first, last, columns, unknown)


def _classify_column(parts: list[str], mapping: dict[str, str]):
    """A user's mapping of the whole header wins; otherwise the most specific row ("Rp" under
    "Tahun 2025"), taking the year from the whole header; a header that says "end of period"
    anywhere is left out whatever its last row says."""
    joined = " ".join(parts)
    whole = classify(joined, mapping)
    if normalise(joined) in mapping or len(parts) == 1 or (whole and whole[0] == "ignore"):
        return whole
    hit = classify(parts[-1], mapping)
    if hit is None:
        return whole
    if hit[0] in YEARLY and hit[1] is None and hit[2] is None and whole:
        return (hit[0], whole[1], whole[2], hit[3] or whole[3])
    return hit


def parse_mapping(entries: dict[str, str]) -> dict[str, str]:
    """A user's {header text: field} mapping, keyed by the normalised header; checks the fields."""
    out: dict[str, str] = {}
    for header, field in entries.items():
        base = field.strip().split(":")[0]
        if base not in FIELDS:
            raise ValueError(
                f"mapping {header!r} -> {field!r}: unknown field; use one of {', '.join(FIELDS)}"
                " (target, budget and realisation take a year: target:2025)"
            )
        out[normalise(header)] = field.strip()
    return out
