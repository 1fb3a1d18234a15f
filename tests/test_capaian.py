"""Achievement (capaian): polarity-aware per year, and a roll-up that never averages percentages.

Every figure here is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import pytest

from lineage.capaian import ContributorYear, capaian, roll_up
from lineage.cascade.model import Measure, Polarity


def test_higher_is_better_achievement_is_realised_over_target():
    # 72 of a target of 80: 72 / 80 = 90%
    assert capaian(80, 72, Polarity.higher).value == 90.0
    # overshooting counts: 88 / 80 = 110%
    assert capaian(80, 88, Polarity.higher).value == 110.0


def test_lower_is_better_achievement_charges_the_overshoot():
    # unemployment target 10%, realised 12%: (2 x 10 - 12) / 10 = 80%
    assert capaian(10, 12, Polarity.lower).value == 80.0
    # realised 8%, better than the target: (20 - 8) / 10 = 120%
    assert capaian(10, 8, Polarity.lower).value == 120.0


def test_no_polarity_means_higher_is_better():
    assert capaian(50, 25, None).value == 50.0


@pytest.mark.parametrize(
    "target, realised, reason",
    [(None, 5, "no target"), (5, None, "no realisation"), (0, 3, "the target is 0")],
)
def test_achievement_that_cannot_be_computed_says_why(target, realised, reason):
    answer = capaian(target, realised, Polarity.higher)
    assert answer.value is None and reason in answer.reason


def _child(id: str, unit: str | None, target, realised, polarity=Polarity.higher) -> ContributorYear:
    def as_measure(v):
        return (
            None
            if v is None
            else (Measure(value=v[0], numerator=v[1], denominator=v[2]) if isinstance(v, tuple) else Measure(value=v))
        )

    return ContributorYear(id, unit, polarity, as_measure(target), as_measure(realised))


def test_percentages_with_counts_are_pooled_not_averaged():
    # A small program: target 2 of 2 cooperatives (100%), realised 2 of 2 (100%).
    # A large one: target 150 of 200 (75%), realised 100 of 200 (50%).
    # Pooled: target 152/202, realised 102/202, achievement 102/152 = 67.11%
    # (the mean of the two achievements, (100% + 66.7%) / 2 = 83.3%, would be wrong).
    up = roll_up([_child("small", "%", (100, 2, 2), (100, 2, 2)), _child("large", "%", (75, 150, 200), (50, 100, 200))])
    assert up.method == "pooled_ratio"
    assert up.capaian == 67.11
    assert up.target == round(152 / 202, 2) and up.realised == round(102 / 202, 2)


def test_counts_in_one_unit_are_summed():
    # 40 + 60 = 100 targeted, 30 + 60 = 90 realised: 90%
    up = roll_up([_child("a", "Unit Usaha", 40, 30), _child("b", "unit usaha", 60, 60)])
    assert (up.method, up.target, up.realised, up.capaian) == ("sum", 100, 90, 90.0)


def test_percentages_without_counts_give_no_figure_and_say_why():
    up = roll_up([_child("a", "%", 80, 72), _child("b", "%", 60, 60)])
    assert up.method == "none" and up.capaian is None
    assert "without numerators and denominators" in up.reason


def test_mixed_units_give_no_figure():
    up = roll_up([_child("a", "orang", 80, 72), _child("b", "dokumen", 6, 6)])
    assert up.capaian is None and "different units" in up.reason


def test_mixed_polarities_give_no_figure():
    up = roll_up([_child("a", "orang", 80, 72), _child("b", "orang", 6, 6, Polarity.lower)])
    assert up.capaian is None and "polarity" in up.reason


def test_contributors_without_figures_are_listed_as_missing():
    up = roll_up([_child("a", "orang", 10, 5), _child("b", "orang", 10, None)])
    assert up.contributors == ["a"] and up.missing == ["b"]
    assert up.capaian == 50.0 and "1 of 2" in up.reason


def test_nothing_to_roll_up_without_contributors():
    assert roll_up([]) is None
