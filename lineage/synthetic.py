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
    "Koperasi", "Usaha Mikro", "UMKM", "Wirausaha", "Koperasi Simpan Pinjam", "SDM Koperasi", "Pelaku Usaha",
    "Produk Lokal", "Pasar Rakyat", "Kelompok Usaha", "Unit Simpan Pinjam", "Pengurus Koperasi",
]
_ACTIONS = [
    "Pembinaan", "Pengawasan", "Pemeriksaan", "Fasilitasi", "Pendataan", "Pemberdayaan", "Pelatihan",
    "Pendampingan", "Penilaian", "Pengembangan", "Koordinasi", "Perlindungan",
]
_QUALITIES = [
    "yang Sehat", "yang Aktif", "yang Terfasilitasi", "yang Dibina", "yang Meningkat Omsetnya",
    "yang Memiliki Izin", "yang Bermitra", "yang Tersertifikasi", "yang Mengakses Pembiayaan",
]
_MEASURES = ["Persentase", "Jumlah", "Rasio", "Tingkat", "Indeks"]


def generate_cascade(indicators: int, *, seed: int = 0, cascade_id: str = "synthetic") -> Cascade:
    """A valid cascade with exactly `indicators` indicators (at least 10)."""
    if indicators < 10:
        raise ValueError("a generated cascade has at least 10 indicators")
    rng = random.Random(seed)
    positions = [Position(id="walikota", tier=Tier.walikota, name="Walikota")]
    elements: list[Element] = []
    inds: list[Indicator] = []
    serial = {kind: 0 for kind in ElementKind}

    def add_element(kind: ElementKind, parent: Element | None, owner: str) -> Element:
        serial[kind] += 1
        n = serial[kind]
        subject, action = rng.choice(_SUBJECTS), rng.choice(_ACTIONS)
        element = Element(
            id=f"{kind.value}-{n}", kind=kind, parent=parent.id if parent else None, owner=owner,
            name=f"{action} {subject} {n}" if kind is not ElementKind.mayor_goal else f"Meningkatnya {subject} {n}",
        )
        elements.append(element)
        for k in range(1 if kind is not ElementKind.program else rng.choice((1, 1, 2))):
            if len(inds) >= indicators:
                break
            inds.append(Indicator(
                id=f"ik-{element.id}-{k + 1}", measures=element.id,
                name=f"{rng.choice(_MEASURES)} {subject} {rng.choice(_QUALITIES)} ({kind.value} {n}.{k + 1})",
            ))
        return element

    def add_position(tier: Tier, label: str) -> str:
        position = Position(id=f"{tier.value}-{len(positions)}", tier=tier, name=f"{tier.label} {label}")
        positions.append(position)
        return position.id

    goal_count = 0
    while len(inds) < indicators:
        goal_count += 1
        goal = add_element(ElementKind.mayor_goal, None, "walikota")
        for _ in range(rng.randint(*FAN_OUT[ElementKind.agency_target])):
            if len(inds) >= indicators:
                break
            head = add_position(Tier.kepala_dinas, f"OPD {serial[ElementKind.agency_target] + 1}")
            target = add_element(ElementKind.agency_target, goal, head)
            for _ in range(rng.randint(*FAN_OUT[ElementKind.program])):
                if len(inds) >= indicators:
                    break
                program = add_element(ElementKind.program, target, add_position(Tier.eselon_iii, "bidang"))
                for _ in range(rng.randint(*FAN_OUT[ElementKind.kegiatan])):
                    if len(inds) >= indicators:
                        break
                    staff = add_position(Tier.staff, "kegiatan")
                    kegiatan = add_element(ElementKind.kegiatan, program, staff)
                    for _ in range(rng.randint(*FAN_OUT[ElementKind.sub_kegiatan])):
                        if len(inds) >= indicators:
                            break
                        add_element(ElementKind.sub_kegiatan, kegiatan, staff)
    return Cascade(
        id=cascade_id, agency=f"Generated agency ({indicators} indicators, seed {seed})", region="Kota Contoh",
        period=Period(start=2025, end=2029), positions=positions, elements=elements, indicators=inds,
    )
