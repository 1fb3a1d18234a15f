"""Makassar as the database answers it, in a few lines: to show a change of the vocabulary left it as it was.

    .venv/bin/python scripts/makassar_fingerprint.py [--instance test]

Loads data/makassar/dinas-koperasi-ukm.yaml into the Neo4j the settings point at (NEO4J_URI, else
the local instance named by --instance), prints its counts per element kind and per position
tier, its audit findings, and the answer to "which staff indicators roll up into Persentase
Koperasi Sehat?" with a SHA-256 of that answer's JSON (the cursor left out: it is opaque; the
edges sorted: the API lists them in an order that varies from run to run). Run it before and
after a change and compare the lines. It deletes the cascade afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from lineage import cascades, queries
from lineage.audit.database import audit_database
from lineage.cascade import Tier, read_cascade
from lineage.connection import open_driver, resolve_target
from lineage.loader import delete_cascade, load_cascade
from lineage.settings import get_settings

MAKASSAR = Path(__file__).resolve().parent.parent / "data" / "makassar" / "dinas-koperasi-ukm.yaml"
KOPERASI_SEHAT = "makassar-diskopukm:ik-sasaran-2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", default="test")
    args = parser.parse_args()
    target = resolve_target(get_settings(), args.instance)
    cascade = read_cascade(MAKASSAR)
    with open_driver(target) as driver:
        load_cascade(driver, cascade, database=target.database)
        try:
            summary = cascades.get_cascade(driver, cascade.id, database=target.database)
            answer = queries.contributors(
                driver, KOPERASI_SEHAT, tier=Tier.staff, limit=queries.MAX_PAGE, database=target.database
            )
            report = audit_database(driver, cascade=cascade.id, database=target.database)
        finally:
            delete_cascade(driver, cascade.id, database=target.database)
    print(f"elements per kind: {dict(sorted((k.value, n) for k, n in summary.elements.items()))}")
    print(f"indicators: {summary.indicators}")
    print(f"positions per tier: {dict(sorted(Counter(p.tier.value for p in cascade.positions).items()))}")
    print(f"audit findings: {sorted((f.rule, tuple(n.id for n in f.nodes)) for f in report.findings)}")
    body = answer.model_dump(mode="json", by_alias=True, exclude={"next_cursor"})
    body["edges"] = sorted(body["edges"], key=lambda edge: (edge["from"], edge["to"]))  # their order varies
    text = json.dumps(body, sort_keys=True, ensure_ascii=False)
    print(f"Koperasi Sehat staff: total {answer.total}, {[n.local_id for n in answer.nodes]}")
    print(f"Koperasi Sehat staff answer sha256: {hashlib.sha256(text.encode()).hexdigest()}")


if __name__ == "__main__":
    main()
