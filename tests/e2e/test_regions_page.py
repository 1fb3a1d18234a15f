"""A regency's cascade on the page: its head is the Bupati, the agency's goal has its row, and a
box sits in the row of its owner's tier (Eselon IV above JAFUNG/STAF), in a real Chromium."""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from lineage.cascade import read_cascade
from lineage.loader import load_cascade
from tests.support.paths import REGENCY

CASCADE = "gowa-diskopukm"
#: The rows top to bottom, read off the example file by hand: (tier label, Indonesian caption, English caption).
ROWS = [
    ("BUPATI", "Tujuan Bupati", "Regent's goals"),
    ("KEPALA DINAS", "Tujuan Perangkat Daerah", "Agency goals"),
    ("KEPALA DINAS", "Sasaran Perangkat Daerah", "Agency targets"),
    ("ESELON III", "Program", "Programs"),
    ("ESELON IV", "Kegiatan", "Activities"),
    ("ESELON IV", "Sub Kegiatan", "Sub-activities"),
    ("JAFUNG/STAF", "Sub Kegiatan", "Sub-activities"),
]


@pytest.fixture
def regency(graph, database) -> str:
    load_cascade(graph, read_cascade(REGENCY), database=database)
    return CASCADE


def _owner_tiers() -> dict[str, str]:
    """Element id -> its owner's tier, from the file itself (not from Lineage's code)."""
    data = yaml.safe_load(REGENCY.read_text(encoding="utf-8"))
    tiers = {p["id"]: p["tier"] for p in data["positions"]}
    return {f"{CASCADE}:{e['id']}": tiers[e["owner"]] for e in data["elements"]}


def _row_labels(lineage_page) -> list[tuple[str, str]]:
    return [
        (label.locator("strong").inner_text(), label.locator("span").inner_text())
        for label in lineage_page.page.locator(".row-label").all()
    ]


def test_a_regency_has_a_bupati_row_an_agency_goal_row_and_rows_that_follow_the_owners_tier(regency, lineage_page):
    lineage_page.open(regency, lang="id")
    boxes = lineage_page.boxes()
    owner_tier = _owner_tiers()

    assert _row_labels(lineage_page) == [(tier, caption) for tier, caption, _ in ROWS]
    assert len(boxes) == len(owner_tier)
    tops = defaultdict(set)
    for box in boxes:
        tops[(box["kind"], owner_tier[box["id"]])].add(box["top"])
    assert all(len(row) == 1 for row in tops.values()), tops  # every row at one height
    order = sorted(tops, key=lambda row: min(tops[row]))
    assert order == [
        ("mayor_goal", "bupati"),
        ("agency_goal", "kepala_dinas"),
        ("agency_target", "kepala_dinas"),
        ("program", "eselon_iii"),
        ("kegiatan", "eselon_iv"),
        ("sub_kegiatan", "eselon_iv"),
        ("sub_kegiatan", "staff"),
    ]
    tier_labels = lineage_page.page.locator(".box .owner .tier").all_text_contents()
    assert "Bupati" in tier_labels and "Eselon IV" in tier_labels and "Walikota" not in tier_labels
    heads = lineage_page.page.locator(".box .kind").all_text_contents()
    assert "Tujuan PD" in heads

    lineage_page.click("#zoom-fit")
    lineage_page.screenshot("gowa-cascade.png")

    lineage_page.click('[data-lang="en"]')
    assert _row_labels(lineage_page) == [(tier, caption) for tier, _, caption in ROWS]
    assert "Agency goal" in lineage_page.page.locator(".box .kind").all_text_contents()
    lineage_page.screenshot("gowa-cascade-en.png")
