"""Answers a reload cannot break: a cascade reloaded or deleted between the statements of a
question (by another session, with the real loader) gives the old answer whole or the new one
whole, never an error or a mixture; a cursor pages through the version it began on or expires.
"""

from __future__ import annotations

import pytest

from lineage import cascades, indicators, outline, pins, rollups, search
from lineage.cascade import read_cascade
from lineage.errors import CursorExpired, NotFound
from lineage.loader import load_cascade
from lineage.settings import get_settings
from tests.support.makassar import CASCADE, KOPERASI_SEHAT
from tests.support.paths import MAKASSAR
from tests.support.reloads import delete_once, reload_once, revised, versions_read

GOAL = f"{CASCADE}:ik-tujuan-1"


@pytest.fixture
def revision():
    return revised(read_cascade(MAKASSAR))


def test_one_indicator_reloaded_between_its_statements_is_old_or_new_whole(makassar, database, revision):
    with pins.between_statements(reload_once(makassar, revision, database, "indicator_detail")):
        detail = indicators.get_indicator(makassar, KOPERASI_SEHAT, database=database)
    names = [detail.name, *(i.name for i in detail.contributors), *(i.name for i in detail.contributes_to)]
    assert len(versions_read(names)) == 1
    assert detail.data is not None and detail.contributors


@pytest.mark.parametrize("question", ["contributors", "contributes_to", "lineage_of"])
def test_a_roll_up_reloaded_while_it_is_read_is_old_or_new_whole(makassar, database, revision, question):
    hook = reload_once(makassar, revision, database, "indicator_contributors", "indicator_contributes_to")
    start = f"{CASCADE}:ik-subkegiatan-3.1.1" if question == "contributes_to" else GOAL
    with pins.between_statements(hook):
        if question == "lineage_of":
            down, up = rollups.lineage_of(makassar, start, database=database)
            names = [down.indicator.name, *(n.name for n in down.items), *(n.name for n in up.items)]
        else:
            answer = getattr(rollups, question)(makassar, start, database=database)
            names = [answer.indicator.name, *(n.name for n in answer.items)]
    assert hook.done and len(versions_read(names)) == 1 and len(names) > 1


def test_search_boxes_and_places_reloaded_while_read_are_old_or_new_whole(makassar, database, revision):
    with pins.between_statements(reload_once(makassar, revision, database, "search_scope", "search_words")):
        found = search.search_indicators(makassar, "koperasi", database=database)
    assert found.items and len(versions_read([i.name for i in found.items])) == 1
    with pins.between_statements(reload_once(makassar, read_cascade(MAKASSAR), database, "cascade_elements")):
        boxes = cascades.cascade_elements(makassar, CASCADE, database=database)
    assert len(versions_read([i.name for box in boxes.items for i in box.indicators])) == 1
    with pins.between_statements(reload_once(makassar, revision, database, "locate_nodes")):
        placed = outline.locate(makassar, CASCADE, [KOPERASI_SEHAT], database=database)
    assert placed.items[0].box == f"{CASCADE}:sasaran-2"


def test_a_cascade_deleted_while_it_is_read_answers_not_found_or_whole(makassar, database):
    with pins.between_statements(delete_once(makassar, CASCADE, database, "indicator_contributors")):
        try:
            answer = rollups.contributors(makassar, GOAL, database=database)
        except NotFound:
            return
    assert answer.total == 16 and len(answer.items) == 16


@pytest.fixture
def grace(monkeypatch):
    """Replaced loads stay readable for two minutes (the default), not zero seconds (the tests')."""
    monkeypatch.setenv("LINEAGE_RETIRED_GRACE_SECONDS", "120")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_a_cursor_pages_through_the_version_it_began_on_during_its_grace(makassar, database, revision, grace):
    first = rollups.contributors(makassar, GOAL, limit=5, database=database)
    load_cascade(makassar, revision, database=database)
    rest = rollups.contributors(makassar, GOAL, limit=50, cursor=first.next_cursor, database=database)
    assert versions_read([n.name for n in [*first.items, *rest.items]]) == {"old"}
    assert len(first.items) + len(rest.items) == first.total == 16
    assert versions_read([n.name for n in rollups.contributors(makassar, GOAL, database=database).items]) == {"new"}


def test_a_question_begun_on_a_replaced_version_finishes_on_it_during_its_grace(makassar, database, revision, grace):
    hook = reload_once(makassar, revision, database, "indicator_detail")
    with pins.between_statements(hook):
        detail = indicators.get_indicator(makassar, KOPERASI_SEHAT, database=database)
    assert hook.done and detail.name == "Persentase Koperasi Sehat"  # the old version, whole
    assert versions_read([i.name for i in detail.contributors]) == {"old"}


def test_a_cursor_whose_version_was_deleted_expires(makassar, database, revision):
    first = rollups.contributors(makassar, GOAL, limit=5, database=database)
    load_cascade(makassar, revision, database=database)  # no grace in the tests: the old load is gone
    with pytest.raises(CursorExpired):
        rollups.contributors(makassar, GOAL, limit=50, cursor=first.next_cursor, database=database)


def test_a_search_cursor_pages_the_version_it_began_on_or_expires(makassar, database, revision):
    first = search.search_indicators(makassar, "", limit=10, database=database)
    load_cascade(makassar, revision, database=database)
    try:
        rest = search.search_indicators(makassar, "", limit=50, cursor=first.next_cursor, database=database)
    except CursorExpired:
        return
    assert versions_read([i.name for i in [*first.items, *rest.items]]) == {"old"}
