"""Generated cascades of any size, shaped like real ones, for benchmarks and scale tests.

Why generated: the one real cascade we hold has 33 indicators; questions about speed and
usability at 5,000 or 100,000 indicators need bigger ones. The shape follows the Makassar
cascade: mayor goals, agency targets, programs (Eselon III), kegiatan and sub kegiatan
(JAFUNG/STAF), one to three indicators each, names built from Indonesian planning vocabulary.
The same seed always gives the same cascade.
"""

from __future__ import annotations

import random

from lineage.cascade.model import Cascade, Element, ElementKind, Indicator, Period, Position, Tier

# (children per parent) for target, program, kegiatan, sub kegiatan under each level above.
FAN_OUT = {
    ElementKind.agency_target: (2, 4),
    ElementKind.program: (2, 5),
    ElementKind.kegiatan: (1, 4),
    ElementKind.sub_kegiatan: (1, 6),
}

_SUBJECTS = [
    "Koperasi",
    "Usaha Mikro",
    "UMKM",
    "Wirausaha",
    "Koperasi Simpan Pinjam",
    "SDM Koperasi",
    "Pelaku Usaha",
    "Produk Lokal",
    "Pasar Rakyat",
    "Kelompok Usaha",
    "Unit Simpan Pinjam",
    "Pengurus Koperasi",
]
_ACTIONS = [
    "Pembinaan",
    "Pengawasan",
    "Pemeriksaan",
    "Fasilitasi",
    "Pendataan",
    "Pemberdayaan",
    "Pelatihan",
    "Pendampingan",
    "Penilaian",
    "Pengembangan",
    "Koordinasi",
    "Perlindungan",
]
_QUALITIES = [
    "yang Sehat",
    "yang Aktif",
    "yang Terfasilitasi",
    "yang Dibina",
    "yang Meningkat Omsetnya",
    "yang Memiliki Izin",
    "yang Bermitra",
    "yang Tersertifikasi",
    "yang Mengakses Pembiayaan",
]
_MEASURES = ["Persentase", "Jumlah", "Rasio", "Tingkat", "Indeks"]


def _complete(kind: ElementKind) -> int:
    """The fewest indicators an element of `kind` and a chain of children down to a sub kegiatan
    need: one per level generated (no agency goal)."""
    return 1 + sum(1 for below in FAN_OUT if below.level > kind.level)


def generate_cascade(indicators: int, *, seed: int = 0, cascade_id: str = "synthetic") -> Cascade:
    """A valid cascade with exactly `indicators` indicators (at least 10), complete at every
    level: each element has an indicator, and each element above the sub kegiatan has a child."""
    if indicators < 10:
        raise ValueError("a generated cascade has at least 10 indicators")
    rng = random.Random(seed)
    positions = [Position(id="walikota", tier=Tier.walikota, name="Walikota")]
    elements: list[Element] = []
    inds: list[Indicator] = []
    serial = {kind: 0 for kind in ElementKind}

    subject_of: dict[str, str] = {}
    serial_of: dict[str, int] = {}

    def remaining() -> int:
        return indicators - len(inds)

    def add_indicator(element: Element, number: int) -> None:
        inds.append(
            Indicator(
                id=f"ik-{element.id}-{number}",
                measures=element.id,
                name=f"{rng.choice(_MEASURES)} {subject_of[element.id]} {rng.choice(_QUALITIES)} "
                f"({element.kind.value} {serial_of[element.id]}.{number})",
            )
        )

    def add_element(kind: ElementKind, parent: Element | None, owner: str) -> Element:
        serial[kind] += 1
        n = serial[kind]
        subject, action = rng.choice(_SUBJECTS), rng.choice(_ACTIONS)
        element = Element(
            id=f"{kind.value}-{n}",
            kind=kind,
            parent=parent.id if parent else None,
            owner=owner,
            name=f"{action} {subject} {n}" if kind is not ElementKind.mayor_goal else f"Meningkatnya {subject} {n}",
        )
        elements.append(element)
        subject_of[element.id], serial_of[element.id] = subject, n
        wanted = 1 if kind is not ElementKind.program else rng.choice((1, 1, 2))
        # Keep one indicator for each level below: the element's first chain down must be complete.
        for k in range(min(wanted, remaining() - (_complete(kind) - 1))):
            add_indicator(element, k + 1)
        return element

    def room_for(kind: ElementKind, first: bool) -> bool:
        """An element's first child is always made (indicators were kept for it); another one
        only while a complete one still fits, so no element is left without children or IK."""
        return first or remaining() >= _complete(kind)

    def add_position(tier: Tier, label: str) -> str:
        position = Position(id=f"{tier.value}-{len(positions)}", tier=tier, name=f"{tier.label} {label}")
        positions.append(position)
        return position.id

    while remaining() >= _complete(ElementKind.mayor_goal):
        goal = add_element(ElementKind.mayor_goal, None, "walikota")
        for t in range(rng.randint(*FAN_OUT[ElementKind.agency_target])):
            if not room_for(ElementKind.agency_target, t == 0):
                break
            head = add_position(Tier.kepala_dinas, f"OPD {serial[ElementKind.agency_target] + 1}")
            target = add_element(ElementKind.agency_target, goal, head)
            for p in range(rng.randint(*FAN_OUT[ElementKind.program])):
                if not room_for(ElementKind.program, p == 0):
                    break
                program = add_element(ElementKind.program, target, add_position(Tier.eselon_iii, "bidang"))
                for k in range(rng.randint(*FAN_OUT[ElementKind.kegiatan])):
                    if not room_for(ElementKind.kegiatan, k == 0):
                        break
                    staff = add_position(Tier.staff, "kegiatan")
                    kegiatan = add_element(ElementKind.kegiatan, program, staff)
                    for s in range(rng.randint(*FAN_OUT[ElementKind.sub_kegiatan])):
                        if not room_for(ElementKind.sub_kegiatan, s == 0):
                            break
                        add_element(ElementKind.sub_kegiatan, kegiatan, staff)
    # Fewer left than a whole new goal needs: the last sub kegiatan measures itself a little more.
    for number in range(2, 2 + remaining()):
        add_indicator(elements[-1], number)
    return Cascade(
        id=cascade_id,
        agency=f"Generated agency ({indicators} indicators, seed {seed})",
        region="Kota Contoh",
        period=Period(start=2025, end=2029),
        positions=positions,
        elements=elements,
        indicators=inds,
    )
