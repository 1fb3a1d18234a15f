"""The audit rules, as data: one registry that the detectors, the messages, the API and the
reports all read, so a rule's id, severity, wording and fix are written in exactly one place.

Every rule is worded in Indonesian and in English (`Rule.words`). A message and a fix are
templates. Their fields are filled from the finding's nodes by `lineage.audit.build` (`{a}` and
`{b}` are the first and second node, `{nodes}` all of them; the other fields are listed in
`build.Context`), and, for the list of rules, with words that describe them (`build.GENERIC`). Detection lives elsewhere: the offline path
(`offline.py`, networkx), the database path (`database.py` and `cypher/audit_*.cypher`) and,
shared by both, the wording rules (`wording.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lineage.cascade.vocabulary import LEVELS, REGIONS, ElementKind, Tier, region_kind_of
from lineage.language import Lang


class Severity(StrEnum):
    #: the roll-up is broken or wrong: what an evaluator will reject
    error = "error"
    #: the roll-up holds but is weak, redundant or unaccountable: what an evaluator will question
    warning = "warning"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Category(StrEnum):
    orphans = "orphans"
    completeness = "completeness"
    levels = "levels"
    ownership = "ownership"
    duplicates = "duplicates"
    codes = "codes"


@dataclass(frozen=True)
class Wording:
    """A rule in one language. `message` and `fix` are templates (see the module docstring)."""

    title: str
    #: what the rule checks, for the reports and GET /audit/rules
    description: str
    message: str
    fix: str


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    category: Category
    english: Wording
    #: as Indonesian planners write it: sasaran, kegiatan, IK, penanggung jawab; never "target"
    #: for a sasaran (a target is a number to reach)
    indonesian: Wording

    def words(self, lang: Lang) -> Wording:
        return self.indonesian if lang is Lang.id else self.english


def _rule(
    rule_id: str,
    severity: Severity,
    category: Category,
    en: tuple[str, str, str, str],
    id: tuple[str, str, str, str],
) -> Rule:
    return Rule(rule_id, severity, category, Wording(*en), Wording(*id))


RULES: tuple[Rule, ...] = (
    # -- orphans -------------------------------------------------------------------------------
    _rule(
        "orphan-element",
        Severity.error,
        Category.orphans,
        en=(
            "Element that contributes to nothing",
            "An element below the top of a cascade (the region's goals, or an agency's own goals) that has no parent element.",
            "{a} is below the top of the cascade but has no parent: it contributes to nothing.",
            "Set its parent to the {expected_parent} it serves, or remove it if it serves none.",
        ),
        id=(
            "Elemen yang tidak mendukung apa pun",
            "Elemen di bawah puncak cascading (tujuan daerah, atau tujuan PD sendiri) yang tidak punya induk.",
            "{a} berada di bawah puncak cascading tetapi tidak punya induk: tidak mendukung apa pun.",
            "Tetapkan induknya, yaitu {expected_parent} yang didukungnya, atau hapus bila tidak mendukung apa pun.",
        ),
    ),
    _rule(
        "orphan-indicator",
        Severity.error,
        Category.orphans,
        en=(
            "Indicator that rolls up into nothing",
            "An indicator of an element below the top that rolls up into no indicator (left out when its "
            "element is itself an orphan: that finding says it).",
            "{a} rolls up into no indicator, so its result counts for nothing above it.",
            "Name the indicator(s) of the {expected_parent} above that it serves in its contributes_to, "
            "or give that {expected_parent} an indicator.",
        ),
        id=(
            "Indikator tanpa indikator atasan",
            "IK dari elemen di bawah puncak yang tidak mendukung IK mana pun (tidak dilaporkan bila "
            "elemennya sendiri tanpa induk: temuan itu sudah menyebutnya).",
            "{a} tidak mendukung IK mana pun, sehingga capaiannya tidak terhitung di atasnya.",
            "Sebutkan IK {expected_parent} di atasnya yang didukungnya pada contributes_to, "
            "atau beri {expected_parent} itu IK.",
        ),
    ),
    _rule(
        "unmeasured-indicator",
        Severity.error,
        Category.orphans,
        en=(
            "Indicator that measures no element",
            "An indicator that is not written in any box of the cascade (no `measures`).",
            "{a} measures no element: nobody can tell which goal, target, program or activity it belongs to.",
            "Set its measures to the element (box) whose performance it measures.",
        ),
        id=(
            "Indikator tanpa elemen yang diukur",
            "IK yang tidak tertulis di kotak mana pun dalam cascading (tanpa `measures`).",
            "{a} tidak mengukur elemen apa pun: tidak jelas tujuan, sasaran, program atau kegiatan mana yang diukurnya.",
            "Isi measures-nya dengan elemen (kotak) yang kinerjanya diukur.",
        ),
    ),
    _rule(
        "unsupported-indicator",
        Severity.warning,
        Category.orphans,
        en=(
            "Indicator that nothing rolls up into",
            "An indicator above the sub kegiatan level that no indicator rolls up into, although the "
            "elements under its element carry indicators (at the top: the mayor's IK nothing supports).",
            "{a} is not supported by any indicator of the level below: nothing shows how it will be reached.",
            "Link the indicators of the {expected_child} under it to it (contributes_to), or drop it.",
        ),
        id=(
            "Indikator tanpa indikator pendukung",
            "IK di atas level sub kegiatan yang tidak didukung IK mana pun, padahal elemen di bawah "
            "elemennya memiliki IK (di puncak: IK kepala daerah yang tidak didukung apa pun).",
            "{a} tidak didukung IK mana pun dari level di bawahnya: tidak terlihat bagaimana targetnya akan dicapai.",
            "Hubungkan IK {expected_child} di bawahnya ke IK ini (contributes_to), atau hapus IK ini.",
        ),
    ),
    # -- completeness --------------------------------------------------------------------------
    _rule(
        "childless-element",
        Severity.warning,
        Category.completeness,
        en=(
            "Element with nothing under it",
            "A goal, target, program or kegiatan with no element under it: a leaf above the sub kegiatan level.",
            "{a} has no {expected_child} under it, so nothing delivers it.",
            "Add the {expected_child} that delivers it, or remove it.",
        ),
        id=(
            "Elemen tanpa turunan",
            "Tujuan, sasaran, program atau kegiatan tanpa elemen di bawahnya: ujung cabang di atas level sub kegiatan.",
            "{a} tidak punya {expected_child} di bawahnya, sehingga tidak ada yang mewujudkannya.",
            "Tambahkan {expected_child} yang mewujudkannya, atau hapus elemen ini.",
        ),
    ),
    _rule(
        "element-without-indicator",
        Severity.warning,
        Category.completeness,
        en=(
            "Element without an indicator",
            "An element (box) that no indicator measures.",
            "{a} has no indicator: its performance cannot be measured or rolled up.",
            "Add at least one indicator (IK) that measures it.",
        ),
        id=(
            "Elemen tanpa indikator",
            "Elemen (kotak) yang tidak diukur oleh IK mana pun.",
            "{a} tidak punya IK: kinerjanya tidak dapat diukur atau dihitung ke atas.",
            "Tambahkan sedikitnya satu indikator kinerja (IK) yang mengukurnya.",
        ),
    ),
    # -- levels --------------------------------------------------------------------------------
    _rule(
        "level-skip",
        Severity.warning,
        Category.levels,
        en=(
            "Contribution that skips a level",
            "A contribution from one level to a level more than one step above it (an indicator link "
            "that follows its elements' link is judged with that link).",
            "{a} contributes straight to {b}, skipping the {skipped}.",
            "Link it through a {expected_parent} in between, or move it under one.",
        ),
        id=(
            "Melompati level",
            "Dukungan dari satu level ke level lebih dari satu tingkat di atasnya (tautan IK yang "
            "mengikuti tautan elemennya dinilai bersama tautan itu).",
            "{a} langsung mendukung {b}, melompati {skipped}.",
            "Hubungkan melalui {expected_parent} di antaranya, atau pindahkan ke bawah salah satunya.",
        ),
    ),
    _rule(
        "level-sideways",
        Severity.error,
        Category.levels,
        en=(
            "Contribution within one level",
            "A contribution between two elements or indicators of the same level.",
            "{a} contributes to {b}, which is on the same level ({a_level}).",
            "Link it to a {expected_parent} of the level above instead.",
        ),
        id=(
            "Mendukung elemen selevel",
            "Dukungan antara dua elemen atau IK pada level yang sama.",
            "{a} mendukung {b}, yang berada pada level yang sama ({a_level}).",
            "Hubungkan ke {expected_parent} pada level di atasnya.",
        ),
    ),
    _rule(
        "level-upward",
        Severity.error,
        Category.levels,
        en=(
            "Contribution to a lower level",
            "A contribution from a level to a level below it: the roll-up runs backwards.",
            "{a} contributes to {b}, which is below it ({a_level} into {b_level}).",
            "Reverse the link, or link it to a {expected_parent} of the level above.",
        ),
        id=(
            "Mendukung level di bawahnya",
            "Dukungan dari satu level ke level di bawahnya: alur kinerja berjalan terbalik.",
            "{a} mendukung {b}, yang berada di bawahnya ({a_level} ke {b_level}).",
            "Balik arah tautannya, atau hubungkan ke {expected_parent} pada level di atasnya.",
        ),
    ),
    _rule(
        "cycle",
        Severity.error,
        Category.levels,
        en=(
            "Cycle",
            "Elements or indicators that roll up into themselves; one finding per cycle, with its path "
            "(an indicator cycle that only follows an element cycle is reported with the elements).",
            "{count} {things} roll up into themselves: {path}.",
            "Remove the link that goes back down the cascade, so the roll-up reaches the top.",
        ),
        id=(
            "Siklus",
            "Elemen atau IK yang mendukung dirinya sendiri; satu temuan per siklus, beserta jalurnya "
            "(siklus IK yang hanya mengikuti siklus elemen dilaporkan bersama elemennya).",
            "{count} {things} saling mendukung dalam lingkaran: {path}.",
            "Hapus tautan yang kembali turun dalam cascading, agar alur kinerja sampai ke puncak.",
        ),
    ),
    # -- ownership -----------------------------------------------------------------------------
    _rule(
        "missing-owner",
        Severity.error,
        Category.ownership,
        en=(
            "No owner",
            "An element or indicator that no position owns (an indicator without owner of an element "
            "without owner is reported with its element).",
            "{a} has no owner: nobody is accountable for it.",
            "Set its owner to the position accountable for it ({expected_tiers}).",
        ),
        id=(
            "Tanpa penanggung jawab",
            "Elemen atau IK yang tidak dimiliki jabatan mana pun (IK tanpa penanggung jawab dari elemen "
            "tanpa penanggung jawab dilaporkan bersama elemennya).",
            "{a} tidak punya penanggung jawab: tidak ada yang bertanggung jawab atasnya.",
            "Tetapkan penanggung jawabnya, yaitu jabatan yang bertanggung jawab ({expected_tiers}).",
        ),
    ),
    _rule(
        "owner-tier-mismatch",
        Severity.warning,
        Category.ownership,
        en=(
            "Owner at the wrong tier",
            "An element or indicator owned by a position whose tier does not fit its level (a program "
            "owned by JAFUNG/STAF); an indicator with its element's owner is reported with its element.",
            "{a} is owned by {owner}, but {a_level_with_article} is owned at {expected_tiers}.",
            "Give it to a position at {expected_tiers}, or move it to the level its owner works at.",
        ),
        id=(
            "Penanggung jawab tidak sesuai tingkatan",
            "Elemen atau IK yang penanggung jawabnya berada pada tingkatan jabatan yang tidak sesuai "
            "levelnya (program yang dipegang JAFUNG/STAF); IK dengan penanggung jawab elemennya "
            "dilaporkan bersama elemennya.",
            "{a} dipegang {owner}, padahal {a_level} dipegang {expected_tiers}.",
            "Serahkan kepada jabatan {expected_tiers}, atau pindahkan ke level tempat penanggung jawabnya bekerja.",
        ),
    ),
    # -- duplicates ----------------------------------------------------------------------------
    _rule(
        "duplicate-sibling",
        Severity.error,
        Category.duplicates,
        en=(
            "Duplicate under one parent",
            "Elements under the same parent, or indicators of the same element, whose names are the same "
            "once case, punctuation and spelling are normalised.",
            "{count} {things} under {parent} have the same name: {names}.",
            "Keep one and remove the other(s), or rename them to say how they differ.",
        ),
        id=(
            "Duplikat dalam satu induk",
            "Elemen dalam induk yang sama, atau IK dari elemen yang sama, yang namanya sama setelah "
            "huruf besar-kecil, tanda baca dan ejaan diseragamkan.",
            "{count} {things} di bawah {parent} bernama sama: {names}.",
            "Pertahankan satu dan hapus yang lain, atau ubah namanya agar jelas perbedaannya.",
        ),
    ),
    _rule(
        "duplicate-indicator",
        Severity.warning,
        Category.duplicates,
        en=(
            "Same indicator in several places",
            "Indicators of different elements whose names are the same once case, punctuation and "
            "spelling are normalised (a pair where one rolls up into the other is a copy-down).",
            "{count} indicators in different places have the same name: {names}.",
            "Measure it once, at the level that owns the result, and link the others to it; or rename "
            "them to say what each one measures.",
        ),
        id=(
            "Indikator sama di beberapa tempat",
            "IK dari elemen yang berbeda yang namanya sama setelah huruf besar-kecil, tanda baca dan "
            "ejaan diseragamkan (pasangan yang satu mendukung yang lain adalah salinan IK atasan).",
            "{count} IK di tempat berbeda bernama sama: {names}.",
            "Ukur sekali, pada level yang memiliki hasilnya, dan hubungkan yang lain ke sana; atau ubah "
            "namanya agar jelas apa yang diukur masing-masing.",
        ),
    ),
    _rule(
        "near-duplicate-indicator",
        Severity.warning,
        Category.duplicates,
        en=(
            "Near-duplicate indicators",
            "Two indicators whose names say the same thing once Indonesian wording is normalised "
            "(case, punctuation, Presentase/Persentase, word order, filler and measure words, acronyms, "
            "a mistyped word), scored from 0 to 1; a word only one of them has makes them two indicators.",
            "{a} and {b} say nearly the same thing (score {score}).",
            "If they are one indicator, keep one and link to it; if not, rename them to say how they differ.",
        ),
        id=(
            "Indikator nyaris sama",
            "Dua IK yang namanya bermakna sama setelah kata-katanya diseragamkan (huruf besar-kecil, "
            "tanda baca, Presentase/Persentase, urutan kata, kata pengisi dan kata ukuran, singkatan, "
            "salah ketik), dengan skor 0 sampai 1; kata yang hanya ada pada salah satunya menjadikannya dua IK.",
            "{a} dan {b} menyatakan hal yang nyaris sama (skor {score}).",
            "Bila keduanya satu IK, pertahankan satu dan hubungkan ke sana; bila tidak, ubah namanya agar "
            "jelas perbedaannya.",
        ),
    ),
    _rule(
        "copy-down",
        Severity.warning,
        Category.duplicates,
        en=(
            "Indicator copied down from its parent",
            "An indicator that restates the indicator it rolls up into instead of refining it.",
            "{a} restates {b}, the indicator it rolls up into (score {score}).",
            'Write what this {a_level} delivers towards "{b_name}": its own output or outcome, not the same words.',
        ),
        id=(
            "Indikator menyalin indikator atasannya",
            "IK yang mengulang IK yang didukungnya, bukan menjabarkannya.",
            "{a} mengulang {b}, IK yang didukungnya (skor {score}).",
            'Tuliskan apa yang dihasilkan {a_level} ini untuk "{b_name}": keluaran atau hasilnya sendiri, '
            "bukan kata-kata yang sama.",
        ),
    ),
    _rule(
        "indicator-restates-element",
        Severity.warning,
        Category.duplicates,
        en=(
            "Indicator that names its element",
            "An indicator whose name only repeats the name of the element it measures (the same words, "
            "filler aside): it names the activity, not a result that can be measured.",
            "{a} only repeats the name of {b} (score {score}).",
            "State the result to be measured (what, how many, of whom), not the activity's name.",
        ),
        id=(
            "Indikator mengulang nama elemennya",
            "IK yang namanya hanya mengulang nama elemen yang diukurnya (kata yang sama, tanpa kata "
            "pengisi): menyebut kegiatannya, bukan hasil yang dapat diukur.",
            "{a} hanya mengulang nama {b} (skor {score}).",
            "Nyatakan hasil yang diukur (apa, berapa, bagi siapa), bukan nama kegiatannya.",
        ),
    ),
    # -- codes (Kepmendagri 050-5889/2021) -----------------------------------------------------
    _rule(
        "code-shape",
        Severity.error,
        Category.codes,
        en=(
            "Code of the wrong shape",
            "A program, kegiatan or sub kegiatan code that is not written as Kepmendagri 050-5889/2021 "
            "writes that level (program 2.17.04, kegiatan 2.17.04.2.01, sub kegiatan 2.17.04.2.01.0001).",
            "{a} has code {code}, which is not the shape of a {a_level} code (like {example}).",
            "Write the code as the nomenclature gives it for a {a_level}, like {example}.",
        ),
        id=(
            "Bentuk kode salah",
            "Kode program, kegiatan atau sub kegiatan yang tidak ditulis seperti Kepmendagri "
            "050-5889/2021 menuliskan level itu (program 2.17.04, kegiatan 2.17.04.2.01, sub kegiatan "
            "2.17.04.2.01.0001).",
            "{a} berkode {code}, yang bukan bentuk kode {a_level} (seperti {example}).",
            "Tulis kodenya sesuai nomenklatur untuk {a_level}, seperti {example}.",
        ),
    ),
    _rule(
        "code-prefix",
        Severity.error,
        Category.codes,
        en=(
            "Code that does not start with its parent's",
            "A kegiatan or sub kegiatan whose code does not start with the code of the program or kegiatan above it.",
            "{a} has code {code}, which does not start with the code {b_code} of {b}.",
            "Correct the code from the nomenclature, or move the element under the parent its code names.",
        ),
        id=(
            "Kode tidak diawali kode induknya",
            "Kegiatan atau sub kegiatan yang kodenya tidak diawali kode program atau kegiatan di atasnya.",
            "{a} berkode {code}, yang tidak diawali kode {b_code} dari {b}.",
            "Perbaiki kodenya sesuai nomenklatur, atau pindahkan elemen ke bawah induk yang disebut kodenya.",
        ),
    ),
    _rule(
        "code-authority",
        Severity.error,
        Category.codes,
        en=(
            "Code of another level of government",
            "A kegiatan or sub kegiatan code whose authority digit (4th segment) is not the cascade's: 2 for "
            "a city (kota) or regency (kabupaten), 1 for a province (reported once, on the highest element).",
            "{a} has code {code} with authority digit {authority_found}, but {region} carries {authority}.",
            "Use the kegiatan of the {authority_name} nomenclature (4th segment {authority}).",
        ),
        id=(
            "Kode kewenangan pemerintahan lain",
            "Kode kegiatan atau sub kegiatan yang digit kewenangannya (segmen ke-4) bukan milik cascading "
            "ini: 2 untuk kota atau kabupaten, 1 untuk provinsi (dilaporkan sekali, pada elemen tertinggi).",
            "{a} berkode {code} dengan digit kewenangan {authority_found}, padahal {region} memakai {authority}.",
            "Gunakan kegiatan dari nomenklatur {authority_name} (segmen ke-4 {authority}).",
        ),
    ),
)

RULE_IDS = tuple(rule.id for rule in RULES)
RULE_BY_ID = {rule.id: rule for rule in RULES}
RULE_ORDER = {rule.id: index for index, rule in enumerate(RULES)}


#: Which tiers own each level (SAKIP cascading after the 2021 simplification of the bureaucracy:
#: kegiatan and sub kegiatan may sit with Eselon IV or with JAFUNG/STAF), from the vocabulary.
OWNER_TIERS: dict[ElementKind, tuple[Tier, ...]] = {kind: info.owners for kind, info in LEVELS.items()}

#: Code shapes of Kepmendagri 050-5889/2021: urusan.bidang.program[.authority.kegiatan[.sub]];
#: X stands for "any urusan" in the programs every agency runs (X.XX.01, program penunjang).
CODE_SHAPES: dict[ElementKind, str] = {
    ElementKind.program: r"[0-9X]\.[0-9X]{2}\.\d{2}",
    ElementKind.kegiatan: r"[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}",
    ElementKind.sub_kegiatan: r"[0-9X]\.[0-9X]{2}\.\d{2}\.\d\.\d{2}\.\d{4}",
}
CODE_EXAMPLES = {
    ElementKind.program: "2.17.04",
    ElementKind.kegiatan: "2.17.04.2.01",
    ElementKind.sub_kegiatan: "2.17.04.2.01.0001",
}
#: Levels whose code carries the authority digit, and levels whose code a child's code extends.
AUTHORITY_LEVELS = (ElementKind.kegiatan, ElementKind.sub_kegiatan)
CODE_PARENT_LEVELS = (ElementKind.program, ElementKind.kegiatan)


def authority_of(region: str) -> tuple[str, str] | None:
    """(digit, name) for a region written "Kota Makassar", "Kabupaten Gowa", "Provinsi ..."; None
    when the region does not say which level of government it is."""
    kind = region_kind_of(region)
    return (REGIONS[kind].authority, REGIONS[kind].authority_name) if kind else None
