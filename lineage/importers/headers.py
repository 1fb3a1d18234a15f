"""What each column of a planning sheet holds, read from its (often multi-row) header.

Headers vary from one office to the next ("Indikator Kinerja" / "INDIKATOR", "Kondisi Awal" /
"Data Capaian pada Tahun Awal Perencanaan", "Tahun 2025 / Rp" / "Pagu 2025"), so each column
is matched against the usual Indonesian wordings, its most specific header row first (the
"Target" under "Tahun 2025" under "Target Kinerja dan Kerangka Pendanaan").

A field is an attribute (name, code, indicator, unit, target, ...), of one level when the header
says which ("Indikator Program", "Kode Kegiatan", "Sasaran Program") and of the row's own level
when it does not ("Indikator", "Satuan", "Target 2025"). Every column with a header either gets a
field or is listed as not read, with its letter, header and why; two columns may not give the same
field (which one would win?). A user mapping, by header text or by column letter, comes first.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lineage.importers.grid import Grid
from lineage.text import fold

#: The levels a column may name, top down, as fields write them.
LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
#: The indicator manual's fields (manual IK) a column may hold, named as the cascade model's
#: Indicator names them (a plan's indicator passes them to it by name).
MANUAL = ("type", "polarity", "definition", "formula", "data_source", "frequency")
#: What a column can hold. Those with a year: target, budget, realisation.
ATTRIBUTES = (
    "name",
    "code",
    "indicator",
    "unit",
    "baseline",
    "target",
    "budget",
    "realisation",
    "responsible",
    "goal",
    "rpjmd",
    "rpjmd_code",
    *MANUAL,
    "agency",
    "ignore",
)
YEARLY = frozenset({"target", "budget", "realisation"})
#: Attributes a header may tie to one level ("Satuan Program"); the others belong to the row.
LEVELLED = frozenset(ATTRIBUTES) - {"agency", "ignore", "rpjmd", "rpjmd_code"}

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# (attribute, pattern) in the order they are tried; the first match wins. The level, if any, is
# read from the header afterwards (`_level_of`), except for the level columns themselves.
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
    ("indicator", r"\bindikator\b|\bindicator\b|^ik$|^iku$"),
    ("rpjmd_code", r"^(kode|kd)\b.*(\brpjmd\b|sasaran (kepala )?daerah)"),
    ("rpjmd", r"\brpjmd\b|\bsasaran (kepala |pembangunan )?daerah\b"),
    ("code", r"^(kode|kd|kode rekening|kode nomenklatur|code)\b"),
    ("name", r"\bprogram\b.*\bkegiatan\b|\buraian\b|\bnomenklatur\b"),
    ("goal", r"^(sasaran|hasil) (program|kegiatan|sub ?kegiatan)$"),
    ("level", r"\bsub ?kegiatan\b|\bkegiatan\b|\bprogram\b|\bsasaran\b|\btujuan\b"),
]
_COMPILED = [(name, re.compile(pattern)) for name, pattern in _VOCABULARY]
#: Phrases naming one level, most specific first ("sasaran program" is the program's).
_LEVEL_PHRASES = [
    ("sub_kegiatan", re.compile(r"\bsub ?kegiatan\b")),
    ("program", re.compile(r"\bsasaran program\b")),
    ("kegiatan", re.compile(r"\bsasaran kegiatan\b")),
    ("sasaran", re.compile(r"\bsasaran strategis\b")),
    ("kegiatan", re.compile(r"\bkegiatan\b")),
    ("program", re.compile(r"\bprogram\b")),
    ("sasaran", re.compile(r"\bsasaran\b")),
    ("tujuan", re.compile(r"\btujuan\b")),
]
#: Wordings shown as "the nearest known wording" of a header nothing matched.
_KNOWN_WORDINGS = {
    "Tujuan": "tujuan.name",
    "Sasaran": "sasaran.name",
    "Sasaran Strategis": "sasaran.name",
    "Program": "program.name",
    "Kegiatan": "kegiatan.name",
    "Sub Kegiatan": "sub_kegiatan.name",
    "Sasaran Program": "program.goal",
    "Sasaran RPJMD": "rpjmd",
    "Kode Sasaran RPJMD": "rpjmd_code",
    "Kode": "code",
    "Kode Program": "program.code",
    "Uraian": "name",
    "Program, Kegiatan dan Sub Kegiatan": "name",
    "Indikator": "indicator",
    "Indikator Kinerja": "indicator",
    "Indikator Program": "program.indicator",
    "Satuan": "unit",
    "Kondisi Awal": "baseline",
    "Target 2025": "target:2025",
    "Pagu 2025": "budget:2025",
    "Pagu Indikatif": "budget",
    "Realisasi 2025": "realisation:2025",
    "Penanggung Jawab": "responsible",
    "Perangkat Daerah": "agency",
    "Jenis Indikator": "type",
    "Polaritas": "polarity",
    "Definisi Operasional": "definition",
    "Formula": "formula",
    "Sumber Data": "data_source",
    "Periode Pelaporan": "frequency",
}
#: Why a column the vocabulary leaves out is left out.
_IGNORED_WHY = [
    (re.compile(r"kondisi .*akhir"), "left out: the end-of-period condition repeats the last year's target and pagu"),
    (re.compile(r"\blokasi\b"), "left out: a location is not part of the cascade"),
    (re.compile(r"\bketerangan\b"), "left out: remarks are not part of the cascade"),
    (re.compile(r"^(no|nomor|no urut)$"), "left out: row numbering"),
]


def ignored_why(header: str) -> str:
    """Why a column the vocabulary leaves out on purpose is left out."""
    key = normalise(header)
    return next((why for pattern, why in _IGNORED_WHY if pattern.search(key)), "left out, as mapped (ignore)")


#: Words a header row below the first may consist of ("Target", "Rp", "Tahun 2025", "TW I").
_SUBHEADER = re.compile(
    r"^(target|rp|k|realisasi|satuan|pagu|kinerja|tw ?[i1-4v]+|triwulan ?[i1-4v]+|(tahun|th) ?(ke )?\d{1,4}|\d{4}|[a-z]+ \d{4})$"
)
_YEAR_ONLY = re.compile(r"^(?:(?:tahun|th)\s*)?((?:19|20|21)\d\d)$")
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True, order=True)
class Field:
    """An attribute, of one level (`program.code`) or of the row's own level (`indicator`)."""

    level: str | None
    attribute: str

    def __str__(self) -> str:
        return f"{self.level}.{self.attribute}" if self.level else self.attribute


@dataclass(frozen=True)
class Spec:
    """A field as a user mapping or the vocabulary gives it, with the year when it has one."""

    field: Field
    year: int | None = None
    #: "Tahun 1" .. "Tahun 5": a year counted from the start of the period.
    relative_year: int | None = None
    quarter: int | None = None


@dataclass(frozen=True)
class Mapping:
    """A user's mapping: header text (normalised) or column letter -> field."""

    by_text: dict[str, Spec] = field(default_factory=dict)
    by_letter: dict[str, Spec] = field(default_factory=dict)


def letter_of(index: int) -> str:
    """A column as Excel names it: A, B, ..., AA (`index` 0-based)."""
    n, out = index + 1, ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(frozen=True)
class Column:
    index: int
    field: Field
    #: The header as written (all its rows joined), for messages.
    header: str
    year: int | None = None
    relative_year: int | None = None
    quarter: int | None = None

    @property
    def letter(self) -> str:
        return letter_of(self.index)

    @property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class Unread:
    letter: str
    header: str
    reason: str


@dataclass(frozen=True)
class HeaderBlock:
    #: 0-based rows of the header (first, last); data starts after `last` (and a numbering row).
    first: int
    last: int
    columns: list[Column]
    #: Columns no field takes, with why.
    unread: list[Unread]
    #: Columns that give the same field: the sheet cannot be read until one is mapped otherwise.
    clashes: list[str]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_\-/().,:;*]+", " ", fold(text))).strip()


def parse_field(text: str) -> Spec:
    """`program.code`, `indicator`, `target:2025`, `program.target:2025`; the older spellings
    `program_code` and `sub_kegiatan` (a level's name) too. Raises ValueError naming the fields."""
    body, _, year = text.strip().partition(":")
    body = body.strip().lower().replace(" ", "_")
    level, dot, attribute = body.rpartition(".")
    if not dot:
        level, attribute = "", body
        for candidate in LEVELS:
            if body == candidate:
                level, attribute = candidate, "name"
            elif body == f"{candidate}_code":
                level, attribute = candidate, "code"
    if attribute not in ATTRIBUTES or (level and (level not in LEVELS or attribute not in LEVELLED)):
        raise ValueError(
            f"{text.strip()!r}: unknown field; use one of {', '.join(ATTRIBUTES)}, alone (the row's level) or after "
            f"a level ({', '.join(LEVELS)}): program.code, kegiatan.indicator; target, budget and realisation take "
            "a year: target:2025"
        )
    if year and not year.strip().isdigit():
        raise ValueError(f"{text.strip()!r}: the year after ':' is four digits, e.g. target:2025")
    return Spec(Field(level or None, attribute), int(year) if year.strip() else None)


def parse_mapping(entries: dict[str, str]) -> Mapping:
    """A user's {header text or column letter: field}. A key of one to three capitals (C, AB) is
    a column letter; to map a header that is itself such a word, write it in lower case."""
    mapping = Mapping()
    for key, value in entries.items():
        try:
            spec = parse_field(value)
        except ValueError as exc:
            raise ValueError(f"mapping {key!r} -> {exc}") from None
        if _LETTERS.fullmatch(key.strip()):
            mapping.by_letter[key.strip()] = spec
        else:
            mapping.by_text[normalise(key)] = spec
    return mapping


def classify(text: str, mapping: Mapping | None = None) -> Spec | None:
    """The field (with year, relative year, quarter) one header text names, or None."""
    key = normalise(text)
    if not key:
        return None
    given = (mapping or Mapping()).by_text.get(key)
    if given is not None:
        return _dated(given, key)
    hit = next((name for name, pattern in _COMPILED if pattern.search(key)), None)
    if hit is None:
        return None
    if hit == "level":
        return _dated(Spec(Field(_level_of(key), "name")), key)
    level = _level_of(key) if hit in LEVELLED else None
    return _dated(Spec(Field(level, hit)), key)


def _level_of(key: str) -> str | None:
    """The one level a header names ("Indikator Sasaran Program": program), or None when it
    names none or several ("Indikator Tujuan, Sasaran, Program dan Kegiatan")."""
    found: set[str] = set()
    rest = key
    for level, phrase in _LEVEL_PHRASES:
        if phrase.search(rest):
            found.add(level)
            rest = phrase.sub(" ", rest)
    return found.pop() if len(found) == 1 else None


def _dated(spec: Spec, key: str) -> Spec:
    attribute = spec.field.attribute
    year = spec.year
    if year is None and attribute in YEARLY | {"baseline"}:
        year = _year(key)
    relative = None
    if attribute in YEARLY and year is None and (m := re.search(r"\b(?:tahun|th)(?: ke)? ?([1-9])\b", key)):
        relative = int(m.group(1))
    quarter = None
    if attribute == "realisation" and (m := re.search(r"\b(?:tw|triwulan|q) ?(iv|iii|ii|i|[1-4])\b", key)):
        quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
    return Spec(spec.field, year, relative, quarter)


def _year(key: str) -> int | None:
    years = re.findall(r"\b(19\d\d|20\d\d|21\d\d)\b", key)
    return int(years[-1]) if years else None


def nearest_wording(header: str) -> str | None:
    """The known wording most like `header`, with its field: "'Indikator Kinerja' (indicator)"."""
    known = {normalise(k): k for k in _KNOWN_WORDINGS}
    words = set(normalise(header).split())
    match = difflib.get_close_matches(normalise(header), list(known), n=1, cutoff=0.6)
    if not match:  # share a word: "Ukuran Kinerja Program" ~ "Program"
        match = [k for k in known if words & set(k.split())][:1]
    if not match:
        return None
    wording = known[match[0]]
    return f"{wording!r} ({_KNOWN_WORDINGS[wording]})"


# -- finding the header block -------------------------------------------------------------------


def find_header(grid: Grid, mapping: Mapping, scan: int = 40) -> HeaderBlock | None:
    """The header block: the first row naming an indicator column and a level column, with the
    header rows below it that only refine it (years, Target/Rp), then an optional numbering row."""
    width = grid.width
    for r in range(min(scan, len(grid.rows))):
        fields = {spec.field for c in range(width) if (spec := _cell_spec(grid, r, c, mapping))}
        if not any(f.attribute == "indicator" for f in fields) or not any(
            f.attribute in ("name", "code") for f in fields
        ):
            continue
        last = r
        while last + 1 < len(grid.rows) and last - r < 2 and _is_subheader(grid, last + 1, mapping):
            last += 1
        return _columns(grid, r, last, mapping)
    return None


def headers_seen(grid: Grid, mapping: Mapping, scan: int = 40) -> tuple[int, list[str]] | None:
    """The row most like a header (most cells the vocabulary knows, then most text), as
    "C (Ukuran Keberhasilan; nearest known wording 'Indikator' (indicator))", for a refusal."""
    best: tuple[int, int, int] | None = None
    width = grid.width
    for r in range(min(scan, len(grid.rows))):
        texts = [c for c in range(width) if isinstance(grid.header_value(r, c), str)]
        known = sum(1 for c in texts if _cell_spec(grid, r, c, mapping))
        if texts and (best is None or (known, len(texts)) > best[1:]):
            best = (r, known, len(texts))
    if best is None:
        return None
    seen = []
    for c in range(grid.width):
        value = grid.value(best[0], c)
        if not isinstance(value, str):
            continue
        spec = _cell_spec(grid, best[0], c, mapping)
        if spec:
            seen.append(f"{letter_of(c)} ({value}: {spec.field})")
        else:
            near = nearest_wording(value)
            seen.append(f"{letter_of(c)} ({value}" + (f"; nearest known wording {near})" if near else ")"))
    return best[0], seen


def _cell_spec(grid: Grid, r: int, c: int, mapping: Mapping) -> Spec | None:
    given = mapping.by_letter.get(letter_of(c))
    if given is not None:
        return given
    value = grid.header_value(r, c)
    return classify(str(value), mapping) if value is not None else None


def _is_subheader(grid: Grid, r: int, mapping: Mapping) -> bool:
    """A row of refinements only: years, quarters, Target/Rp, or figure headers such as "Pagu
    Indikatif (Rp)" under the year their merged cell above gives."""
    texts = [normalise(str(v)) for c in range(grid.width) if (v := grid.value(r, c)) is not None]
    if not texts:
        return False
    for text in texts:
        spec = classify(text, mapping)
        if not _SUBHEADER.match(text) and not (spec and spec.field.attribute in YEARLY | {"unit", "baseline"}):
            return False
    return True


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


def _columns(grid: Grid, first: int, last: int, mapping: Mapping) -> HeaderBlock:
    columns: list[Column] = []
    unread: list[Unread] = []
    for c in range(grid.width):
        parts = _header_parts(grid, c, first, last)
        if not parts:
            continue
        header = " / ".join(parts)
        spec = mapping.by_letter.get(letter_of(c)) or _classify_column(parts, mapping)
        if spec is not None and spec.field.attribute in YEARLY and spec.year is None and spec.relative_year is None:
            spec = _year_above(grid, c, first, spec)
        why = _why_unread(spec, header, grid, c, first)
        if why:
            unread.append(Unread(letter_of(c), header, why))
        elif spec is not None:
            columns.append(Column(c, spec.field, header, spec.year, spec.relative_year, spec.quarter))
    columns = _codes_beside_levels(columns)
    return HeaderBlock(first, last, columns, unread, _clashes(columns))


def _header_parts(grid: Grid, c: int, first: int, last: int) -> list[str]:
    parts: list[str] = []
    for r in range(first, last + 1):
        value = grid.header_value(r, c)
        if value is not None and (not parts or parts[-1] != str(value)):
            parts.append(str(value))
    return parts


def _why_unread(spec: Spec | None, header: str, grid: Grid, c: int, first: int) -> str | None:
    if spec is None:
        near = nearest_wording(header)
        return "no known wording" + (f"; nearest known wording {near}" if near else "")
    if spec.field.attribute == "ignore":
        return ignored_why(header)
    if spec.field.attribute in YEARLY and spec.year is None and spec.relative_year is None:
        found = _text_above(grid, c, first)
        return (
            f'{spec.field} without a year; write it in the header ("{header} 2025") or map it (--map {letter_of(c)}={spec.field}:2025)'
            + (f"; is it the year of {found!r} above it?" if found else "")
        )
    return None


def _year_above(grid: Grid, c: int, first: int, spec: Spec) -> Spec:
    """A yearly column whose year sits in a cell above the header block ("2026" merged over its
    Target and Pagu columns, one row up)."""
    for r in range(first - 1, max(first - 3, -1), -1):
        value = grid.header_value(r, c)
        if value is not None and (m := _YEAR_ONLY.fullmatch(normalise(str(value)))):
            return Spec(spec.field, int(m.group(1)), None, spec.quarter)
    return spec


def _text_above(grid: Grid, c: int, first: int) -> str | None:
    for r in range(first - 1, max(first - 3, -1), -1):
        value = grid.header_value(r, c)
        if value is not None and _year(normalise(str(value))):
            return str(value)
    return None


def _classify_column(parts: list[str], mapping: Mapping) -> Spec | None:
    """A user's mapping of the whole header wins; otherwise the most specific row ("Rp" under
    "Tahun 2025"), taking the year from the whole header; a header that says "end of period"
    anywhere is left out whatever its last row says."""
    joined = " ".join(parts)
    whole = classify(joined, mapping)
    if normalise(joined) in mapping.by_text or len(parts) == 1 or (whole and whole.field.attribute == "ignore"):
        return whole
    hit = classify(parts[-1], mapping)
    if hit is None:
        return whole
    if hit.field.attribute in YEARLY and hit.year is None and hit.relative_year is None and whole:
        return Spec(hit.field, whole.year, whole.relative_year, hit.quarter or whole.quarter)
    return hit


def _codes_beside_levels(columns: list[Column]) -> list[Column]:
    """A bare "Kode" column beside a level's column is that level's code ("Kode | Program |
    Kode | Kegiatan"): the column to its right first, then to its left. In the Renstra table,
    "Kode" stands beside the one name column of programs, kegiatan and sub kegiatan: it stays."""
    if any(c.field == Field(None, "name") for c in columns):
        return columns
    by_index = {c.index: c for c in columns}
    out = []
    for column in columns:
        if column.field == Field(None, "code"):
            for neighbour in (by_index.get(column.index + 1), by_index.get(column.index - 1)):
                if neighbour is not None and neighbour.field.attribute == "name" and neighbour.field.level:
                    column = Column(column.index, Field(neighbour.field.level, "code"), column.header)
                    break
        out.append(column)
    return out


def _clashes(columns: list[Column]) -> list[str]:
    """Pairs of columns that give the same field (and year, quarter)."""
    seen: dict[tuple[Field, int | None, int | None, int | None], Column] = {}
    clashes = []
    for column in columns:
        key = (column.field, column.year, column.relative_year, column.quarter)
        if key in seen:
            first = seen[key]
            clashes.append(
                f"columns {first.label} and {column.label} both give {column.field}"
                + (f" {column.year}" if column.year else "")
                + f"; map the one meant otherwise (--map {column.letter}=FIELD, or --map {column.letter}=ignore)"
            )
        else:
            seen[key] = column
    return clashes
