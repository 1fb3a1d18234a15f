"""The words of a SAKIP cascade, declared once: its levels, the tiers of the positions that own
them, the kinds of region, their labels in Indonesian and English, and how a position's name
tells its tier.

Why one module: the same vocabulary was written in the model, the audit, the diagrams and twice
in the page's JavaScript, and the copies drifted (a sixth level or a regency's Bupati had to be
taught to each). Everything else reads it from here: the model's enums are these, the audit
derives its owner and level rules from `LEVELS`, the diagrams their rows and captions, and the
page fetches `vocabulary()` from `GET /vocabulary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field

from lineage.text import fold


@dataclass(frozen=True)
class Words:
    """One label in the two languages of the interface."""

    id: str
    en: str


class Tier(StrEnum):
    """Where a position sits in the cascade, top to bottom. The head of the region has three
    values, one per kind of region (`walikota` of a kota, `bupati` of a kabupaten, `gubernur` of a
    province): a cascade whose region kind is known reads its head as that region's."""

    walikota = "walikota"
    bupati = "bupati"
    gubernur = "gubernur"
    kepala_dinas = "kepala_dinas"
    eselon_iii = "eselon_iii"
    eselon_iv = "eselon_iv"
    staff = "staff"

    @property
    def label(self) -> str:
        """The tier as the cascade diagrams write a row of it ("Walikota", "JAFUNG/STAF")."""
        return TIERS[self].label

    @property
    def rank(self) -> int:
        """0 for the head of the region, down to 4 for functional staff."""
        return TIERS[self].rank

    @property
    def is_head(self) -> bool:
        return TIERS[self].rank == 0


@dataclass(frozen=True)
class TierInfo:
    #: as the diagrams write it, the same in both languages ("Eselon IV", "JAFUNG/STAF")
    label: str
    #: what the tier is, for a reader who does not know the label
    name: Words
    rank: int
    #: the positions a tier holds, as planners write them (documentation; `tier_of_position` reads them)
    positions: str


TIERS: dict[Tier, TierInfo] = {
    Tier.walikota: TierInfo("Walikota", Words("Walikota", "Mayor"), 0, "Walikota, Wali Kota (of a kota)"),
    Tier.bupati: TierInfo("Bupati", Words("Bupati", "Regent"), 0, "Bupati (of a kabupaten)"),
    Tier.gubernur: TierInfo("Gubernur", Words("Gubernur", "Governor"), 0, "Gubernur (of a province)"),
    Tier.kepala_dinas: TierInfo(
        "Kepala Dinas",
        Words("Kepala Perangkat Daerah", "Head of the agency"),
        1,
        "Kepala Dinas, Kepala Badan, Kepala Kantor, Camat, Inspektur, Direktur, Sekretaris Daerah, Sekretaris DPRD",
    ),
    Tier.eselon_iii: TierInfo(
        "Eselon III",
        Words("Eselon III (administrator)", "Eselon III (administrators)"),
        2,
        "Kepala Bidang (Kabid), Sekretaris, Kepala Bagian (Kabag), Inspektur Pembantu",
    ),
    Tier.eselon_iv: TierInfo(
        "Eselon IV",
        Words("Eselon IV (pengawas)", "Eselon IV (supervisors)"),
        3,
        "Kepala Seksi (Kasi), Kepala Subbagian (Kasubbag), Kepala Subbidang (Kasubbid), Kepala UPT",
    ),
    Tier.staff: TierInfo(
        "JAFUNG/STAF",
        Words("Jabatan fungsional dan staf", "Functional and other staff"),
        4,
        "Fungsional (Analis ..., Pranata ..., Penyuluh ..., Pengawas Koperasi, ...), Pelaksana, Staf",
    ),
}


class RegionKind(StrEnum):
    """The level of local government a cascade belongs to: it decides the head's title."""

    kota = "kota"
    kabupaten = "kabupaten"
    provinsi = "provinsi"

    @property
    def head(self) -> Tier:
        return REGIONS[self].head


@dataclass(frozen=True)
class RegionInfo:
    name: Words
    head: Tier
    #: the first words of a region's name that say its kind ("Kab. Gowa")
    prefixes: tuple[str, ...]
    #: the authority digit (4th segment) of its kegiatan codes, Kepmendagri 050-5889/2021
    authority: str
    #: what that nomenclature calls this level of government
    authority_name: str


REGIONS: dict[RegionKind, RegionInfo] = {
    RegionKind.kota: RegionInfo(Words("Kota", "City"), Tier.walikota, ("kota",), "2", "kabupaten/kota"),
    RegionKind.kabupaten: RegionInfo(
        Words("Kabupaten", "Regency"), Tier.bupati, ("kabupaten", "kab"), "2", "kabupaten/kota"
    ),
    RegionKind.provinsi: RegionInfo(
        Words("Provinsi", "Province"), Tier.gubernur, ("provinsi", "prov"), "1", "provinsi"
    ),
}

#: The head of a region whose kind is not known.
HEAD_OF_REGION = Words("Kepala Daerah", "Regional head")
#: The row of boxes nobody owns.
NO_OWNER = Words("Tanpa pemilik", "No owner")


def region_kind_of(region: str) -> RegionKind | None:
    """The kind a region's name says ("Kota Makassar", "Kabupaten Gowa", "Kab. Gowa", "Provinsi
    Sulawesi Selatan"); None when its first word says none ("Makassar")."""
    words = fold(region).replace(".", " ").split()
    first = words[0] if words else ""
    for kind, info in REGIONS.items():
        if first in info.prefixes:
            return kind
    return None


class ElementKind(StrEnum):
    """The levels of a cascade, top to bottom (the boxes of the diagram)."""

    mayor_goal = "mayor_goal"  # tujuan/sasaran of the head of the region (RPJMD)
    agency_goal = "agency_goal"  # tujuan of the agency (Renstra PD), owned by its head
    agency_target = "agency_target"  # sasaran of the agency (Renstra PD)
    program = "program"  # program, with its sasaran program (Eselon III)
    kegiatan = "kegiatan"  # activity
    sub_kegiatan = "sub_kegiatan"  # sub-activity

    @property
    def level(self) -> int:
        """0 at the top; read per node by the audit and the loader, so looked up, not searched."""
        return _LEVEL_OF[self]

    @property
    def label(self) -> str:
        """The node label of its elements in Neo4j."""
        return LEVELS[self].node_label

    @property
    def term(self) -> str:
        """How the audit's English messages name the level ("agency target")."""
        return LEVELS[self].term

    def term_in(self, lang: str) -> str:
        """How the audit's messages name the level in `lang` ("id": "sasaran PD")."""
        return LEVELS[self].term_id if lang == "id" else LEVELS[self].term


@dataclass(frozen=True)
class LevelInfo:
    node_label: str
    #: how the audit's English messages name the level
    term: str
    #: the word at the head of a box of this level
    box: Words
    #: the caption of a row of these boxes; "{head}" stands for the head of the region's title
    row: Words
    #: the tiers that own an element of this level
    owners: tuple[Tier, ...]
    #: a level a cascade may go without (an agency target may serve a goal of the region directly)
    optional: bool
    #: may stand at the top of a file without being an orphan
    top: bool
    colour: str
    #: how the audit's Indonesian messages name the level, as planners write it
    term_id: str


_HEADS = (Tier.walikota, Tier.bupati, Tier.gubernur)

LEVELS: dict[ElementKind, LevelInfo] = {
    ElementKind.mayor_goal: LevelInfo(
        "Goal", "mayor goal", Words("Tujuan", "Goal"), Words("Tujuan {head}", "{head}'s goals"), _HEADS,
        optional=False, top=True, colour="#7048e8", term_id="tujuan daerah",
    ),
    ElementKind.agency_goal: LevelInfo(
        "AgencyGoal", "agency goal", Words("Tujuan PD", "Agency goal"),
        Words("Tujuan Perangkat Daerah", "Agency goals"), (Tier.kepala_dinas,),
        optional=True, top=True, colour="#9c36b5", term_id="tujuan PD",
    ),
    ElementKind.agency_target: LevelInfo(
        "Target", "agency target", Words("Sasaran", "Target"),
        Words("Sasaran Perangkat Daerah", "Agency targets"), (Tier.kepala_dinas,),
        optional=False, top=False, colour="#1971c2", term_id="sasaran PD",
    ),
    ElementKind.program: LevelInfo(
        "Program", "program", Words("Program", "Program"), Words("Program", "Programs"), (Tier.eselon_iii,),
        optional=False, top=False, colour="#0c8599", term_id="program",
    ),
    ElementKind.kegiatan: LevelInfo(
        "Activity", "kegiatan", Words("Kegiatan", "Activity"), Words("Kegiatan", "Activities"),
        (Tier.eselon_iv, Tier.staff), optional=False, top=False, colour="#5c940d", term_id="kegiatan",
    ),
    ElementKind.sub_kegiatan: LevelInfo(
        "SubActivity", "sub kegiatan", Words("Sub Kegiatan", "Sub-activity"),
        Words("Sub Kegiatan", "Sub-activities"), (Tier.eselon_iv, Tier.staff),
        optional=False, top=False, colour="#e8590c", term_id="sub kegiatan",
    ),
}  # fmt: skip

BOTTOM = ElementKind.sub_kegiatan
_LEVEL_OF = {kind: level for level, kind in enumerate(ElementKind)}


def serves(kind: ElementKind) -> tuple[ElementKind, ...]:
    """The levels an element of `kind` may serve directly: the level above it, and past an
    optional level the one above that (an agency target serves an agency goal or a region's goal)."""
    return _SERVES[kind]


def _serves(kind: ElementKind) -> tuple[ElementKind, ...]:
    above = list(ElementKind)[: kind.level]
    out: list[ElementKind] = []
    for parent in reversed(above):
        out.append(parent)
        if not LEVELS[parent].optional:
            break
    return tuple(out)


_SERVES = {kind: _serves(kind) for kind in ElementKind}


def skipped(child: ElementKind, parent: ElementKind) -> tuple[ElementKind, ...]:
    """The levels that must stand between `child` and a `parent` above it but are missing."""
    between = list(ElementKind)[parent.level + 1 : child.level]
    return tuple(kind for kind in between if not LEVELS[kind].optional)


# -- a tier from a position's name ---------------------------------------------------------------

#: Words before a title that say someone holds it for now: Plt. (acting), Plh., Pj. (appointed).
_ACTING = {"plt", "plh", "pj", "pjs"}

#: (the first words of a position's name, its tier), most specific first: "kepala sub bagian"
#: before "kepala bagian", "sekretaris daerah" before "sekretaris". Folded: no case, no accents,
#: punctuation as spaces.
_TITLES: tuple[tuple[str, Tier | None], ...] = (
    ("walikota", Tier.walikota),
    ("wali kota", Tier.walikota),
    ("wakil walikota", Tier.walikota),
    ("wakil wali kota", Tier.walikota),
    ("bupati", Tier.bupati),
    ("wakil bupati", Tier.bupati),
    ("gubernur", Tier.gubernur),
    ("wakil gubernur", Tier.gubernur),
    ("kepala daerah", None),  # the head: which one, the region says (see tier_of_position)
    # Eselon IV: sections, subdivisions, sub-bureaus, technical units
    ("kepala seksi", Tier.eselon_iv),
    ("kasi", Tier.eselon_iv),
    ("kasie", Tier.eselon_iv),
    ("ka seksi", Tier.eselon_iv),
    ("kepala sub bagian", Tier.eselon_iv),
    ("kepala subbagian", Tier.eselon_iv),
    ("kasubbag", Tier.eselon_iv),
    ("kasubag", Tier.eselon_iv),
    ("ka subbag", Tier.eselon_iv),
    ("kepala sub bidang", Tier.eselon_iv),
    ("kepala subbidang", Tier.eselon_iv),
    ("kasubbid", Tier.eselon_iv),
    ("kasubid", Tier.eselon_iv),
    ("kepala upt", Tier.eselon_iv),
    ("kepala uptd", Tier.eselon_iv),
    ("sekretaris kelurahan", Tier.eselon_iv),
    ("jabatan pengawas", Tier.eselon_iv),
    ("pengawas", Tier.eselon_iv),  # alone: the structural title; "Pengawas Koperasi" is functional, below
    ("eselon iv", Tier.eselon_iv),
    # Eselon III: divisions, the agency's secretary, bureaus
    ("kepala bidang", Tier.eselon_iii),
    ("kabid", Tier.eselon_iii),
    ("ka bid", Tier.eselon_iii),
    ("ka bidang", Tier.eselon_iii),
    ("kepala bagian", Tier.eselon_iii),
    ("kabag", Tier.eselon_iii),
    ("inspektur pembantu", Tier.eselon_iii),
    ("irban", Tier.eselon_iii),
    ("sekretaris camat", Tier.eselon_iii),
    ("sekcam", Tier.eselon_iii),
    ("sekretaris daerah", Tier.kepala_dinas),
    ("sekda", Tier.kepala_dinas),
    ("sekretaris dprd", Tier.kepala_dinas),  # heads the council's secretariat, an agency of its own
    ("sekwan", Tier.kepala_dinas),
    ("sekretaris", Tier.eselon_iii),
    ("sekdis", Tier.eselon_iii),
    ("sekban", Tier.eselon_iii),
    ("jabatan administrator", Tier.eselon_iii),
    ("administrator", Tier.eselon_iii),
    ("eselon iii", Tier.eselon_iii),
    # the head of the agency
    ("kepala dinas", Tier.kepala_dinas),
    ("kadis", Tier.kepala_dinas),
    ("kepala badan", Tier.kepala_dinas),
    ("kaban", Tier.kepala_dinas),
    ("kepala kantor", Tier.kepala_dinas),
    ("kepala satuan", Tier.kepala_dinas),
    ("kasatpol", Tier.kepala_dinas),
    ("kepala pelaksana", Tier.kepala_dinas),
    ("kepala perangkat daerah", Tier.kepala_dinas),
    ("kepala opd", Tier.kepala_dinas),
    ("camat", Tier.kepala_dinas),
    ("inspektur", Tier.kepala_dinas),
    ("direktur", Tier.kepala_dinas),
    ("jabatan pimpinan tinggi", Tier.kepala_dinas),
    # functional positions and staff
    ("jafung", Tier.staff),
    ("jabatan fungsional", Tier.staff),
    ("fungsional", Tier.staff),
    ("jf", Tier.staff),
    ("staf", Tier.staff),
    ("staff", Tier.staff),
    ("pelaksana", Tier.staff),
)
#: First words of functional positions: "Analis Kebijakan", "Pranata Komputer", "Pengawas Koperasi".
_FUNCTIONAL = (
    "analis",
    "pranata",
    "penyuluh",
    "perencana",
    "pengelola",
    "pengadministrasi",
    "pengawas",  # followed by what is supervised: Pengawas Koperasi, Pengawas Sekolah
    "penggerak",
    "pengantar",
    "arsiparis",
    "auditor",
    "pustakawan",
    "statistisi",
    "bendahara",
    "verifikator",
    "operator",
    "teknisi",
    "juru",
    "petugas",
    "pemeriksa",
    "penata",
    "pengolah",
    "pengevaluasi",
    "assessor",
    "asesor",
)


def _folded_words(name: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).split()


def tier_of_position(name: str, region: RegionKind | None = None) -> Tier | None:
    """The tier a position's name says, as planners write it: "Kepala Bidang Koperasi" and "Kabid
    UMKM" are Eselon III; "Kasi Pengawasan", "Kepala Seksi ...", "Kasubbag Umum" Eselon IV;
    "Fungsional", "Pengawas Koperasi", "Analis ...", "Pranata ...", "Staf" JAFUNG/STAF; "Bupati
    Gowa" the head of a regency. An acting title ("Plt. Kepala Dinas") is read as the title.
    "Kepala Daerah" is the head of `region` (None when the region is not known). None when the
    name says no tier the cascade knows ("Bidang Koperasi", a person's name): the caller reports
    it rather than guessing."""
    words = _folded_words(name)
    while words and words[0] in _ACTING:
        words = words[1:]
    if not words:
        return None
    text = " ".join(words)
    for title, tier in _TITLES:
        if text == title or text.startswith(title + " "):
            if title == "pengawas" and len(words) > 1:
                return Tier.staff
            if tier is None:
                return region.head if region else None
            return tier
    if words[0] in _FUNCTIONAL:
        return Tier.staff
    return None


class WordsOut(BaseModel):
    id: str = Field(description="Indonesian")
    en: str = Field(description="English")


class LevelOut(BaseModel):
    id: ElementKind
    level: int = Field(description="0 at the top")
    term: str = Field(description="How the audit's messages name the level")
    box: WordsOut = Field(description="The word at the head of a box of this level")
    row: WordsOut = Field(description='The caption of a row of these boxes; "{head}" stands for the head\'s title')
    owners: list[Tier] = Field(description="The tiers that own an element of this level")
    serves: list[ElementKind] = Field(description="The levels an element of this level may serve directly")
    optional: bool = Field(description="A level a cascade may go without")
    top: bool = Field(description="May stand at the top of a cascade without being an orphan")
    colour: str


class TierOut(BaseModel):
    id: Tier
    label: str = Field(description="As the diagrams write a row of it, in both languages")
    name: WordsOut
    rank: int = Field(description="0 for the head of the region, down to 4 for staff")
    head: bool
    positions: str = Field(description="The positions of this tier, as planners write them")


class RegionOut(BaseModel):
    id: RegionKind
    name: WordsOut
    head: Tier
    authority: str = Field(description="The authority digit of its kegiatan codes")


class Vocabulary(BaseModel):
    """The levels, tiers and kinds of region of a cascade, top first, with their labels."""

    levels: list[LevelOut]
    tiers: list[TierOut]
    regions: list[RegionOut]
    head_of_region: WordsOut = Field(description="The head's title when the region's kind is not known")
    no_owner: WordsOut = Field(description="The caption of the row of boxes nobody owns")


def _words(words: Words) -> WordsOut:
    return WordsOut(id=words.id, en=words.en)


def vocabulary() -> Vocabulary:
    """The vocabulary as the page and other programs read it (`GET /vocabulary`)."""
    return Vocabulary(
        levels=[
            LevelOut(
                id=kind,
                level=kind.level,
                term=info.term,
                box=_words(info.box),
                row=_words(info.row),
                owners=list(info.owners),
                serves=list(serves(kind)),
                optional=info.optional,
                top=info.top,
                colour=info.colour,
            )
            for kind, info in LEVELS.items()
        ],
        tiers=[
            TierOut(
                id=tier,
                label=info.label,
                name=_words(info.name),
                rank=info.rank,
                head=tier.is_head,
                positions=info.positions,
            )
            for tier, info in TIERS.items()
        ],
        regions=[
            RegionOut(id=kind, name=_words(info.name), head=info.head, authority=info.authority)
            for kind, info in REGIONS.items()
        ],
        head_of_region=_words(HEAD_OF_REGION),
        no_owner=_words(NO_OWNER),
    )
