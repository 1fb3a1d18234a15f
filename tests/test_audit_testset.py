"""The generated cascades behind the audit's figures: clean where they should be, and a labelled
set on which the structural rules are exact and near-duplicates reach the issue's aims."""

from __future__ import annotations

import pytest

from lineage.audit.offline import audit_cascade
from lineage.audit.rules import Category
from tests.support.synthetic import generate_cascade
from tests.support.synthetic_audit import clean_cascade, generate_labelled_cascade, score_findings


@pytest.mark.parametrize("size, seed", [(10, 0), (11, 1), (57, 2), (1_003, 3)])
def test_a_generated_cascade_is_complete_at_every_level_to_its_last_element(size, seed):
    cascade = generate_cascade(size, seed=seed)
    structural = [f for f in audit_cascade(cascade) if f.category is not Category.duplicates]
    assert len(cascade.indicators) == size
    assert structural == []


@pytest.mark.parametrize("seed", [1, 2])
def test_the_base_of_the_labelled_set_has_no_finding_at_all(seed):
    assert audit_cascade(clean_cascade(2_000, seed=seed)) == []


def test_the_same_seed_gives_the_same_labelled_set():
    first, second = (generate_labelled_cascade(600, seed=4, per_rule=1, near_duplicates=5) for _ in range(2))
    assert first.cascade == second.cascade and first.labels == second.labels


def test_on_the_labelled_set_structural_rules_are_exact_and_near_duplicates_reach_the_aims():
    labelled = generate_labelled_cascade(3_000, seed=11, per_rule=4, near_duplicates=80)
    scores = score_findings(audit_cascade(labelled.cascade), labelled.labels)

    near = scores.pop("near-duplicate-indicator")
    assert near.precision >= 0.95 and near.recall >= 0.9
    assert set(near.missed) <= {"near:two-typos"}  # the documented blind spot, and only it
    assert {rule: (s.precision, s.recall) for rule, s in scores.items()} == {rule: (1.0, 1.0) for rule in scores}
    assert len(scores) == 19  # every other rule was injected
