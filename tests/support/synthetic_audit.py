"""A labelled test set for the audit: a generated cascade that audits clean, with defects injected
on purpose and each injection recorded as the finding it should produce.

Why generated: precision and recall need ground truth, and the one real cascade has a handful of
findings. The base is `synthetic.generate_cascade` (complete at every level) with two changes
that make it a fair test: indicators get realistic, distinct names (a measure word, a subject, a
predicate, a sector and sometimes a district of Makassar, about 230,000 combinations, so the
wording rules meet many similar but different names), and programs, kegiatan and sub kegiatan
get Kepmendagri 050-5889/2021 codes. The clean base produces no finding (a test checks it).

Each injection touches elements and indicators no other injection touches, so it produces
exactly the findings in its label(s). Near-duplicates are written the ways planners write one
indicator twice (another measure word, "Presentase", a swapped "X dan Y", a dropped "yang", an
acronym, a mistyped word, a district moved to the front, a mix of two); a few carry two typos,
which the detector is documented not to catch (docs/audit.md), so recall is measured, not assumed.
The same seed always gives the same set.
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lineage.audit.indonesian import exact_key
from lineage.cascade.model import Cascade, ElementKind
from lineage.ids import uid
from tests.support.synthetic import generate_cascade

MEASURES = ["Persentase", "Jumlah", "Rasio", "Tingkat", "Indeks", "Cakupan", "Proporsi"]
#: measure words a planner may use instead, or none
OTHER_MEASURES = ["Jumlah", "Persentase", "Tingkat", "Meningkatnya", "Peningkatan", "Banyaknya", ""]
SUBJECTS = [
    "Koperasi",
    "UMKM",
    "Koperasi Simpan Pinjam",
    "Unit Simpan Pinjam",
    "Wirausaha Muda",
    "Pelaku Usaha Mikro",
    "Pedagang Pasar Rakyat",
    "Penenun Sutra",
    "Nelayan Tradisional",
    "Petani Hortikultura",
    "Pengurus Koperasi",
    "Pengelola Koperasi",
    "Anggota Koperasi",
    "Industri Kecil Menengah",
    "Kelompok Usaha Bersama",
    "Pelaku Ekonomi Kreatif",
    "Produk Unggulan Daerah",
    "Tenaga Kerja Terampil",
    "Pencari Kerja",
    "Pekerja Migran",
    "Kelompok Tani",
    "Badan Usaha Milik Desa",
    "Usaha Kuliner",
    "Pembuat Perahu Pinisi",
    "Toko Swalayan",
    "Lembaga Keuangan Mikro",
    "Kelompok Perempuan Pengusaha",
    "SDM Koperasi",
    "Penyuluh Koperasi",
    "Sentra Industri",
]
PREDICATES = [
    "yang Sehat",
    "yang Aktif",
    "yang Dibina dan Diawasi",
    "yang Diperiksa dan Dinilai",
    "yang Memiliki Izin Usaha",
    "yang Mengakses Pembiayaan",
    "yang Bermitra dengan Usaha Besar",
    "yang Tersertifikasi Halal",
    "yang Naik Kelas",
    "yang Menggunakan Pembayaran Digital",
    "yang Mengikuti Pelatihan dan Pendampingan",
    "yang Memasarkan Produk Secara Daring",
    "yang Melaporkan Rapat Anggota Tahunan",
    "yang Memperoleh Bantuan Modal",
    "yang Terdaftar dan Terverifikasi",
    "yang Menerapkan Standar Mutu",
    "yang Mengekspor Produknya",
    "yang Mendapat Fasilitasi Promosi",
    "yang Memiliki Nomor Induk Berusaha",
    "yang Menyerap Tenaga Lokal",
    "yang Mendaftarkan Merek Dagang",
    "yang Mengelola Keuangan Secara Transparan",
    "yang Memanfaatkan Teknologi Tepat Guna",
    "yang Berbadan Hukum",
    "yang Menerima Kredit Usaha Rakyat",
    "yang Mengikuti Pameran",
    "yang Dilatih dan Dimagangkan",
    "yang Memenuhi Standar Kesehatan",
    "yang Beroperasi Berkelanjutan",
    "yang Menjual Lewat Lokapasar",
]
SECTORS = [
    "Perdagangan",
    "Kuliner",
    "Perikanan",
    "Pertanian",
    "Kerajinan",
    "Jasa",
    "Pariwisata",
    "Fesyen",
    "Peternakan",
    "Manufaktur",
    "Transportasi",
    "Konstruksi",
    "Digital",
    "Kehutanan",
    "Energi",
    "Pendidikan",
]
#: the districts (kecamatan) of Makassar; None: the indicator names none
DISTRICTS = [
    None,
    "Mariso",
    "Mamajang",
    "Tamalate",
    "Rappocini",
    "Makassar",
    "Ujung Pandang",
    "Wajo",
    "Bontoala",
    "Ujung Tanah",
    "Kepulauan Sangkarrang",
    "Tallo",
    "Panakkukang",
    "Manggala",
    "Biringkanaya",
    "Tamalanrea",
]
#: distinct (subject, predicate, sector, district) combinations: one round of names
COMBINATIONS = len(SUBJECTS) * len(PREDICATES) * len(SECTORS) * len(DISTRICTS)
#: written out <-> acronym, as planners write both
ACRONYM_SPELLINGS = [
    ("UMKM", "Usaha Mikro, Kecil, dan Menengah"),
    ("Koperasi Simpan Pinjam", "KSP"),
    ("Unit Simpan Pinjam", "USP"),
    ("Industri Kecil Menengah", "IKM"),
    ("SDM", "Sumber Daya Manusia"),
    ("Kredit Usaha Rakyat", "KUR"),
]


@dataclass(frozen=True)
class IndicatorName:
    measure: str
    subject: str
    predicate: str
    sector: str
    district: str | None
    #: the round of combinations, for cascades larger than one round allows ("Tahap 2", ...)
    round: int = 0

    def text(self) -> str:
        place = f" di Kecamatan {self.district}" if self.district else ""
        stage = f" Tahap {self.round + 1}" if self.round else ""
        return f"{self.measure} {self.subject} {self.predicate} Sektor {self.sector}{place}{stage}".strip()


class Namer:
    """Hands out distinct indicator names: each (subject, predicate, sector, district) once in
    each of `rounds` rounds (more than one for a cascade of a million indicators; with one, the
    names of a smaller cascade are those they always were)."""

    def __init__(self, rng: random.Random, rounds: int = 1) -> None:
        self.rng = rng
        self.sizes = (len(SUBJECTS), len(PREDICATES), len(SECTORS), len(DISTRICTS))
        self.combinations = self.sizes[0] * self.sizes[1] * self.sizes[2] * self.sizes[3]
        self.total = self.combinations * rounds
        self.used: set[int] = set()

    def next(self) -> IndicatorName:
        if len(self.used) >= self.total:
            raise ValueError(f"a labelled cascade has at most {self.total:,} distinct indicator names")
        while (number := self.rng.randrange(self.total)) in self.used:
            pass
        self.used.add(number)
        round_, number = divmod(number, self.combinations)
        number, district = divmod(number, self.sizes[3])
        number, sector = divmod(number, self.sizes[2])
        subject, predicate = divmod(number, self.sizes[1])
        return IndicatorName(
            self.rng.choice(MEASURES),
            SUBJECTS[subject],
            PREDICATES[predicate],
            SECTORS[sector],
            DISTRICTS[district],
            round_,
        )

    def claim(self, name: IndicatorName) -> bool:
        """Take `name`'s combination if no name has it yet."""
        number = (
            name.round * self.combinations
            + (
                (SUBJECTS.index(name.subject) * self.sizes[1] + PREDICATES.index(name.predicate)) * self.sizes[2]
                + SECTORS.index(name.sector)
            )
            * self.sizes[3]
            + DISTRICTS.index(name.district)
        )
        if number in self.used:
            return False
        self.used.add(number)
        return True


@dataclass(frozen=True)
class Label:
    """One finding the audit should make: a rule and the ids (uids) of the nodes involved."""

    rule: str
    nodes: frozenset[str]
    #: how the defect was made (e.g. "near:typo"), for recall per kind of injection
    how: str = ""


@dataclass
class LabelledCascade:
    cascade: Cascade
    labels: list[Label]


def clean_cascade(indicators: int, *, seed: int = 0, cascade_id: str = "labelled") -> Cascade:
    """The base of the labelled set: generated, realistically named, coded; no finding expected."""
    return _Builder(indicators, seed, cascade_id).cascade()


def generate_labelled_cascade(
    indicators: int = 5_000,
    *,
    seed: int = 0,
    cascade_id: str = "labelled",
    per_rule: int = 12,
    near_duplicates: int = 150,
    cycles: bool = True,
) -> LabelledCascade:
    """The clean base with defects injected: `per_rule` of each structural and code defect (of
    each variety), `near_duplicates` near-duplicate pairs and a share of exact ones and copy-downs.
    `cycles=False` leaves cycles out, for a cascade the loader accepts."""
    builder = _Builder(indicators, seed, cascade_id)
    injections: list[tuple[Callable[[], None], int]] = [
        (builder.orphan_element, per_rule),
        (builder.orphan_indicator, per_rule),
        (builder.unmeasured_indicator, per_rule),
        (builder.unsupported_indicator, per_rule),
        (builder.childless_element, per_rule),
        (builder.element_without_indicator, per_rule),
        (builder.element_level_skip, per_rule),
        (builder.indicator_level_skip, per_rule),
        (builder.element_sideways, per_rule),
        (builder.indicator_sideways, per_rule),
        (builder.element_upward, per_rule),
        (builder.indicator_upward, per_rule),
        (builder.missing_owner, per_rule),
        (builder.element_owner_mismatch, per_rule),
        (builder.indicator_owner_mismatch, per_rule),
        (builder.sibling_indicator, per_rule),
        (builder.sibling_element, per_rule),
        (builder.duplicate_indicator, per_rule),
        (builder.near_duplicate, near_duplicates),
        (builder.copy_down, 3 * per_rule),
        (builder.restates_element, per_rule),
        (builder.code_shape, per_rule),
        (builder.code_prefix, per_rule),
        (builder.sub_kegiatan_authority, per_rule),
        (builder.kegiatan_authority, per_rule),
        (builder.refinement, per_rule),
    ]
    if cycles:
        injections += [(builder.indicator_cycle, per_rule), (builder.element_cycle, per_rule)]
    for inject, times in injections:
        for _ in range(times):
            inject()
    return LabelledCascade(builder.cascade(), builder.labels)


class _Builder:
    """The cascade as plain data while defects are injected; `cascade()` validates it."""

    def __init__(self, indicators: int, seed: int, cascade_id: str) -> None:
        self.rng = random.Random(seed)
        self.id = cascade_id
        data = generate_cascade(indicators, seed=seed, cascade_id=cascade_id).model_dump()
        self.data = data
        self.elements = {e["id"]: e for e in data["elements"]}
        self.indicators = {i["id"]: i for i in data["indicators"]}
        # Names are drawn at random among the unused: half of them at most, or drawing slows down.
        self.namer = Namer(self.rng, rounds=max(1, math.ceil(2 * indicators / COMBINATIONS)))
        self.names: dict[str, IndicatorName] = {}
        for ind in data["indicators"]:
            self.names[ind["id"]] = name = self.namer.next()
            ind["name"] = name.text()
        self.children: dict[str, list[str]] = {e: [] for e in self.elements}
        for e in data["elements"]:
            if e["parent"]:
                self.children[e["parent"]].append(e["id"])
        self.measured_by: dict[str, list[str]] = {e: [] for e in self.elements}
        for ind in data["indicators"]:
            self.measured_by[ind["measures"]].append(ind["id"])
        self._code_elements()
        #: the generated elements, by kind (None: all); injected ones are never picked again
        self.base_elements: dict[ElementKind | None, list[dict]] = {None: list(data["elements"])}
        for kind in ElementKind:
            self.base_elements[kind] = [e for e in data["elements"] if e["kind"] == kind]
        self.labels: list[Label] = []
        #: elements and indicators an injection touched: no other injection may touch them
        self.used: set[str] = set()
        self.serial = 0
        self.staff = self._position("staff", "JAFUNG/STAF (injected)")

    def cascade(self) -> Cascade:
        return Cascade.model_validate(self.data)

    # -- building blocks -------------------------------------------------------------------

    def _code_elements(self) -> None:
        """Program 2.BB.PP (bidang and program from the program's number), kegiatan
        <program>.2.KK, sub kegiatan <kegiatan>.SSSS: a city's (authority 2) codes."""
        programs = [e for e in self.data["elements"] if e["kind"] == ElementKind.program]
        for number, program in enumerate(programs):
            bidang, serial = divmod(number, 99)
            program["code"] = f"2.{bidang % 99 + 1:02d}.{serial + 1:02d}"
            for k, kegiatan in enumerate(self.children[program["id"]]):
                self.elements[kegiatan]["code"] = f"{program['code']}.2.{k + 1:02d}"
                for s, sub in enumerate(self.children[kegiatan]):
                    self.elements[sub]["code"] = f"{self.elements[kegiatan]['code']}.{s + 1:04d}"

    def _position(self, tier: str, name: str) -> str:
        position_id = f"x-{tier}-{len(self.data['positions'])}"
        self.data["positions"].append({"id": position_id, "tier": tier, "name": name})
        return position_id

    def _new_id(self, what: str) -> str:
        self.serial += 1
        return f"x-{what}-{self.serial}"

    def _uid(self, local_id: str) -> str:
        return uid(self.id, local_id)

    def _label(self, rule: str, *nodes: str, how: str = "") -> None:
        self.labels.append(Label(rule, frozenset(self._uid(n) for n in nodes), how or rule))

    def _pick(self, kind: ElementKind | None, where: Callable[[dict], bool] = lambda e: True) -> dict:
        """An element of `kind` (None: any) that no injection touched yet, nor its parent, children
        or their indicators."""
        candidates = self.base_elements[kind]
        for _ in range(10_000):
            element = self.rng.choice(candidates)
            family = [element["id"], element["parent"], *self.children[element["id"]]]
            touched = [f for f in family if f] + [i for f in family if f for i in self.measured_by[f]]
            if not self.used.intersection(touched) and where(element):
                self.used.update(touched)
                return element
        raise ValueError(f"the cascade is too small for this many injections (no free {kind or 'element'} left)")

    def _add_element(self, kind: ElementKind, parent: str | None, *, owner: str | None = "", name: str = "") -> str:
        element_id = self._new_id(kind.value.replace("_", ""))
        self.serial += 1
        self.data["elements"].append(
            {
                "id": element_id,
                "kind": kind,
                "parent": parent,
                "owner": self.staff if owner == "" else owner,
                "name": name or f"Kegiatan Tambahan {self.serial}",
                "code": None,
                "note": None,
            }
        )
        self.elements[element_id] = self.data["elements"][-1]
        self.children[element_id] = []
        self.measured_by[element_id] = []
        if parent:
            self.children[parent].append(element_id)
        self.used.add(element_id)
        return element_id

    def _add_indicator(
        self, measures: str | None, *, name: str = "", contributes_to: list[str] | None = None, owner: str | None = None
    ) -> str:
        indicator_id = self._new_id("ik")
        if not name:
            self.names[indicator_id] = fresh = self.namer.next()
            name = fresh.text()
        self.data["indicators"].append(
            {
                "id": indicator_id,
                "name": name,
                "measures": measures,
                "contributes_to": contributes_to,
                "owner": owner,
                "unit": None,
                "also_written_as": [],
                "note": None,
            }
        )
        self.indicators[indicator_id] = self.data["indicators"][-1]
        if measures:
            self.measured_by[measures].append(indicator_id)
        self.used.add(indicator_id)
        return indicator_id

    def _indicator_of(self, element: dict) -> str:
        return self.measured_by[element["id"]][0]

    # -- orphans and completeness --------------------------------------------------------------

    def orphan_element(self) -> None:
        sub = self._add_element(ElementKind.sub_kegiatan, None)
        self._add_indicator(sub)
        self._label("orphan-element", sub)

    def orphan_indicator(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        self._label("orphan-indicator", self._add_indicator(sub["id"], contributes_to=[]))

    def unmeasured_indicator(self) -> None:
        self._label("unmeasured-indicator", self._add_indicator(None, owner=self.staff))

    def unsupported_indicator(self) -> None:
        """A second IK on a program, while its kegiatan's IKs are linked to the first one only."""
        program = self._pick(ElementKind.program, lambda e: len(self.measured_by[e["id"]]) == 1)
        first = self._indicator_of(program)
        for kegiatan in self.children[program["id"]]:
            for ind in self.measured_by[kegiatan]:
                self.indicators[ind]["contributes_to"] = [first]
        self._label("unsupported-indicator", self._add_indicator(program["id"]))

    def childless_element(self) -> None:
        program = self._pick(ElementKind.program)
        kegiatan = self._add_element(ElementKind.kegiatan, program["id"])
        self._add_indicator(kegiatan)
        self._label("childless-element", kegiatan)

    def element_without_indicator(self) -> None:
        kegiatan = self._pick(ElementKind.kegiatan)
        self._label("element-without-indicator", self._add_element(ElementKind.sub_kegiatan, kegiatan["id"]))

    # -- levels and cycles ---------------------------------------------------------------------

    def element_level_skip(self) -> None:
        program = self._pick(ElementKind.program)
        sub = self._add_element(ElementKind.sub_kegiatan, program["id"])
        self._add_indicator(sub)
        self._label("level-skip", sub, program["id"], how="level-skip:element")

    def indicator_level_skip(self) -> None:
        """A sub kegiatan IK linked straight to its program's IK (over the kegiatan)."""

        def program_of(sub: dict) -> dict:
            return self.elements[self.elements[sub["parent"]]["parent"]]

        sub = self._pick(
            ElementKind.sub_kegiatan, lambda e: not self.used.intersection(self.measured_by[program_of(e)["id"]])
        )
        target = self._indicator_of(program_of(sub))
        self.used.add(target)
        ind = self._add_indicator(sub["id"], contributes_to=[target])
        self._label("level-skip", ind, target, how="level-skip:indicator")

    def element_sideways(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        new = self._add_element(ElementKind.sub_kegiatan, sub["id"])
        self._add_indicator(new)
        self._label("level-sideways", new, sub["id"], how="level-sideways:element")

    def indicator_sideways(self) -> None:
        sub, other = self._pick(ElementKind.sub_kegiatan), self._pick(ElementKind.sub_kegiatan)
        target = self._indicator_of(other)
        ind = self._add_indicator(sub["id"], contributes_to=[target])
        self._label("level-sideways", ind, target, how="level-sideways:indicator")

    def element_upward(self) -> None:
        """A new kegiatan (complete, with a sub kegiatan) placed under a sub kegiatan."""
        sub = self._pick(ElementKind.sub_kegiatan)
        kegiatan = self._add_element(ElementKind.kegiatan, sub["id"])
        self._add_indicator(kegiatan)
        below = self._add_element(ElementKind.sub_kegiatan, kegiatan)
        self._add_indicator(below)
        self._label("level-upward", kegiatan, sub["id"], how="level-upward:element")

    def indicator_upward(self) -> None:
        kegiatan, sub = self._pick(ElementKind.kegiatan), self._pick(ElementKind.sub_kegiatan)
        target = self._indicator_of(sub)
        ind = self._add_indicator(kegiatan["id"], contributes_to=[target])
        self._label("level-upward", ind, target, how="level-upward:indicator")

    def indicator_cycle(self) -> None:
        """A kegiatan IK that also rolls up into the IK of its own sub kegiatan."""
        kegiatan = self._pick(ElementKind.kegiatan)
        ind = self._indicator_of(kegiatan)
        sub_ind = self._indicator_of(self.elements[self.children[kegiatan["id"]][0]])
        program = self.elements[kegiatan["parent"]]
        self.indicators[ind]["contributes_to"] = [*self.measured_by[program["id"]], sub_ind]
        self._label("cycle", ind, sub_ind, how="cycle:indicator")
        self._label("level-upward", ind, sub_ind, how="cycle:indicator")

    def element_cycle(self) -> None:
        """A kegiatan moved under its own sub kegiatan (its program keeps another kegiatan)."""
        kegiatan = self._pick(
            ElementKind.kegiatan, lambda e: len(self.children[e["parent"]]) > 1 and e["parent"] not in self.used
        )
        self.used.add(kegiatan["parent"])
        sub = self.children[kegiatan["id"]][0]
        self.children[kegiatan["parent"]].remove(kegiatan["id"])
        kegiatan["parent"] = sub
        self._label("cycle", kegiatan["id"], sub, how="cycle:element")
        self._label("level-upward", kegiatan["id"], sub, how="cycle:element")

    # -- ownership -------------------------------------------------------------------------------

    def missing_owner(self) -> None:
        kegiatan = self._pick(ElementKind.kegiatan)
        sub = self._add_element(ElementKind.sub_kegiatan, kegiatan["id"], owner=None)
        self._add_indicator(sub)
        self._label("missing-owner", sub)

    def element_owner_mismatch(self) -> None:
        program = self._pick(ElementKind.program)
        program["owner"] = self._position("staff", "JAFUNG/STAF owning a program")
        self._label("owner-tier-mismatch", program["id"], how="owner-tier-mismatch:element")

    def indicator_owner_mismatch(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        self._label(
            "owner-tier-mismatch", self._add_indicator(sub["id"], owner="walikota"), how="owner-tier-mismatch:indicator"
        )

    # -- duplicates --------------------------------------------------------------------------------

    def sibling_indicator(self) -> None:
        element = self._pick(None)
        original = self._indicator_of(element)
        copy = self._add_indicator(element["id"], name=exact_variant(self.indicators[original]["name"], self.rng))
        self._label("duplicate-sibling", original, copy, how="duplicate-sibling:indicator")

    def sibling_element(self) -> None:
        kegiatan = self._pick(ElementKind.kegiatan)
        sibling = self.elements[self.children[kegiatan["id"]][0]]
        copy = self._add_element(
            ElementKind.sub_kegiatan, kegiatan["id"], name=exact_variant(sibling["name"], self.rng)
        )
        self._add_indicator(copy)
        self._label("duplicate-sibling", sibling["id"], copy, how="duplicate-sibling:element")

    def _elsewhere(self) -> tuple[str, dict]:
        """An indicator, and a sub kegiatan elsewhere to write it again in."""
        source = self._pick(None)
        return self._indicator_of(source), self._pick(ElementKind.sub_kegiatan)

    def duplicate_indicator(self) -> None:
        original, place = self._elsewhere()
        copy = self._add_indicator(place["id"], name=exact_variant(self.indicators[original]["name"], self.rng))
        self._label("duplicate-indicator", original, copy)

    def near_duplicate(self) -> None:
        original, place = self._elsewhere()
        text, how = near_variant(self.names[original], self.rng)
        copy = self._add_indicator(place["id"], name=text)
        self._label("near-duplicate-indicator", original, copy, how=f"near:{how}")

    def copy_down(self) -> None:
        """A child's new IK that restates an IK of the element above it."""
        kegiatan = self._pick(ElementKind.kegiatan)
        original = self._indicator_of(self.elements[kegiatan["parent"]])
        if self.rng.random() < 0.3:
            text, how = exact_variant(self.indicators[original]["name"], self.rng), "exact"
        else:
            text, how = near_variant(self.names[original], self.rng)
        copy = self._add_indicator(kegiatan["id"], name=text)
        self._label("copy-down", copy, original, how=f"copy-down:{how}")

    def refinement(self) -> None:
        """Not a defect: a child IK that narrows its parent's IK to one district (a hard negative
        for copy-down and near-duplicates)."""
        kegiatan = self._pick(ElementKind.kegiatan)
        original = self.names[self._indicator_of(self.elements[kegiatan["parent"]])]
        for district in self.rng.sample(DISTRICTS, len(DISTRICTS)):
            narrower = dataclasses.replace(original, district=district)
            if district and self.namer.claim(narrower):
                self._add_indicator(kegiatan["id"], name=narrower.text())
                return

    def restates_element(self) -> None:
        element = self._pick(ElementKind.sub_kegiatan)
        measure = self.rng.choice(["Jumlah", "Persentase", ""])
        ind = self._add_indicator(element["id"], name=f"{measure} {element['name'].lower()}".strip())
        self._label("indicator-restates-element", ind, element["id"])

    # -- codes -------------------------------------------------------------------------------------

    def code_shape(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        sub["code"] = sub["code"].rsplit(".", 1)[0] + "." + str(int(sub["code"].rsplit(".", 1)[1]))
        self._label("code-shape", sub["id"])

    def code_prefix(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        other = self._pick(ElementKind.kegiatan, lambda e: e["code"] != self.elements[sub["parent"]]["code"])
        sub["code"] = other["code"] + sub["code"][-5:]
        self._label("code-prefix", sub["id"], sub["parent"])

    def sub_kegiatan_authority(self) -> None:
        sub = self._pick(ElementKind.sub_kegiatan)
        sub["code"] = _with_authority(sub["code"], "1")
        self._label("code-authority", sub["id"], how="code-authority:sub kegiatan")

    def kegiatan_authority(self) -> None:
        """A kegiatan with a province's code, its sub kegiatan coded after it: one finding."""
        kegiatan = self._pick(ElementKind.kegiatan)
        kegiatan["code"] = _with_authority(kegiatan["code"], "1")
        for sub in self.children[kegiatan["id"]]:
            self.elements[sub]["code"] = _with_authority(self.elements[sub]["code"], "1")
        self._label("code-authority", kegiatan["id"], how="code-authority:kegiatan")


def _with_authority(code: str, digit: str) -> str:
    parts = code.split(".")
    parts[3] = digit
    return ".".join(parts)


# -- ways of writing a name again ------------------------------------------------------------------


def exact_variant(name: str, rng: random.Random) -> str:
    """The same words in the same order, written differently: case, punctuation, "Presentase"."""
    ways = [
        str.upper,
        str.lower,
        lambda t: t.title(),
        lambda t: t.replace("Persentase", "Presentase") if "Persentase" in t else t.replace(" ", "  ", 1).lower(),
        lambda t: re.sub(r" (di|Sektor) ", r", \1 ", t, count=1) if re.search(r" (di|Sektor) ", t) else t + ".",
    ]
    for _ in range(20):
        text = rng.choice(ways)(name)
        if text != name and exact_key(text) == exact_key(name):
            return text
    return name + "."


def near_variant(name: IndicatorName, rng: random.Random) -> tuple[str, str]:
    """The same indicator written with other words or order: (text, how it was changed)."""
    if rng.random() < 0.05:
        return _typo(_typo(name.text(), rng), rng, avoid_first=True), "two-typos"
    for _ in range(50):
        ways = [w for w in _NEAR_WAYS if w[1](name)]
        chosen = sorted(rng.sample(ways, k=min(len(ways), rng.choice((1, 1, 2)))), key=_NEAR_WAYS.index)
        text = name.text()
        for _, _, change in chosen:
            text = change(text, name, rng)
        if exact_key(text) != exact_key(name.text()):
            return text, "+".join(how for how, _, _ in chosen)
    raise ValueError(f"no near variant of {name.text()!r}")


def _other_measure(text: str, name: IndicatorName, rng: random.Random) -> str:
    other = rng.choice([m for m in OTHER_MEASURES if m != name.measure])
    return (other + text[len(name.measure) :]).strip()


def _swap_coordination(text: str, name: IndicatorName, rng: random.Random) -> str:
    return re.sub(r"yang (\w+) dan (\w+)", r"yang \2 dan \1", text, count=1)


def _drop_yang(text: str, name: IndicatorName, rng: random.Random) -> str:
    return text.replace(" yang ", " ", 1) if rng.random() < 0.5 else text.replace(" yang ", " yang Telah ", 1)


def _acronym(text: str, name: IndicatorName, rng: random.Random) -> str:
    for long, short in ACRONYM_SPELLINGS:
        if long in text:
            return text.replace(long, short, 1)
    return text


def _district_first(text: str, name: IndicatorName, rng: random.Random) -> str:
    place = f" di Kecamatan {name.district}"
    return f"Di Kecamatan {name.district}, {text.replace(place, '')}"


def _typo(text: str, rng: random.Random, avoid_first: bool = False) -> str:
    """One letter dropped, doubled or two swapped, in a word of at least 8 letters."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
    if avoid_first and len(long) > 1:
        long = long[1:]
    if not long:
        return text
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(2, len(word) - 2)
    change = rng.choice(("drop", "double", "swap"))
    if change == "drop":
        word = word[:at] + word[at + 1 :]
    elif change == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[i] = word
    return " ".join(words)


def _lower(text: str, name: IndicatorName, rng: random.Random) -> str:
    return text[0] + text[1:].lower()


#: (how, applies to the name?, change)
_NEAR_WAYS: list[tuple[str, Callable[[IndicatorName], bool], Callable[[str, IndicatorName, random.Random], str]]] = [
    ("measure", lambda n: True, _other_measure),
    ("word-order", lambda n: re.search(r"yang \w+ dan \w+", n.predicate) is not None, _swap_coordination),
    ("filler", lambda n: True, _drop_yang),
    ("acronym", lambda n: any(long in n.text() for long, _ in ACRONYM_SPELLINGS), _acronym),
    ("district-first", lambda n: n.district is not None, _district_first),
    ("typo", lambda n: True, lambda text, n, rng: _typo(text, rng)),
    ("case", lambda n: True, _lower),
]


# -- scoring an audit against the labels ----------------------------------------------------------


@dataclass
class RuleScore:
    rule: str
    labelled: int = 0
    found: int = 0
    correct: int = 0
    #: labels missed, by how they were made
    missed: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


def score_findings(findings: list, labels: list[Label]) -> dict[str, RuleScore]:
    """Precision and recall per rule: a finding is correct when a label has its rule and exactly
    its nodes."""
    found = {(f.rule, frozenset(n.id for n in f.nodes)) for f in findings}
    expected = {(label.rule, label.nodes): label for label in labels}
    scores: dict[str, RuleScore] = {}
    for rule, nodes in found:
        score = scores.setdefault(rule, RuleScore(rule))
        score.found += 1
        score.correct += (rule, nodes) in expected
    for (rule, nodes), label in expected.items():
        score = scores.setdefault(rule, RuleScore(rule))
        score.labelled += 1
        if (rule, nodes) not in found:
            score.missed[label.how] = score.missed.get(label.how, 0) + 1
    return dict(sorted(scores.items()))
