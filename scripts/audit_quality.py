#!/usr/bin/env python3
"""Precision and recall of each audit rule on the labelled test set (tests/support/synthetic_audit.py).

    .venv/bin/python scripts/audit_quality.py [--indicators 5000] [--seed 7] [--per-rule 12] [--near 150]

The set is generated (seeded): a clean cascade, then defects injected and recorded. The offline
audit runs on it; a finding is correct when a label has its rule and exactly its nodes. The
database path gives the same findings (tests/test_audit_paths.py), so these figures hold for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support: the generators the tests use

from lineage.audit.offline import audit_cascade
from tests.support.synthetic_audit import clean_cascade, generate_labelled_cascade, score_findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-rule", type=int, default=12, help="injections of each structural and code defect")
    parser.add_argument("--near", type=int, default=150, help="near-duplicate pairs injected")
    args = parser.parse_args()

    base = clean_cascade(args.indicators, seed=args.seed)
    print(
        f"clean base: {len(base.indicators):,} indicators, {len(base.elements):,} elements, "
        f"{len(audit_cascade(base))} findings (must be 0)"
    )

    labelled = generate_labelled_cascade(
        args.indicators, seed=args.seed, per_rule=args.per_rule, near_duplicates=args.near
    )
    started = time.perf_counter()
    findings = audit_cascade(labelled.cascade)
    elapsed = time.perf_counter() - started
    print(
        f"labelled set: {len(labelled.cascade.indicators):,} indicators, {len(labelled.labels)} labels; "
        f"{len(findings)} findings in {elapsed:.1f}s\n"
    )

    print(f"{'rule':28} {'labels':>6} {'found':>6} {'correct':>7} {'precision':>9} {'recall':>7}  missed")
    for rule, score in score_findings(findings, labelled.labels).items():
        missed = ", ".join(f"{how} {n}" for how, n in sorted(score.missed.items()))
        print(
            f"{rule:28} {score.labelled:6} {score.found:6} {score.correct:7} {score.precision:9.3f} {score.recall:7.3f}  {missed}"
        )

    near = [label for label in labelled.labels if label.rule == "near-duplicate-indicator"]
    found = {frozenset(n.id for n in f.nodes) for f in findings if f.rule == "near-duplicate-indicator"}
    print("\nnear-duplicates, recall by how the second name was written:")
    for how in sorted({label.how for label in near}):
        of_kind = [label for label in near if label.how == how]
        hit = sum(label.nodes in found for label in of_kind)
        print(f"  {how:32} {hit:4}/{len(of_kind):<4} {hit / len(of_kind):.2f}")


if __name__ == "__main__":
    main()
