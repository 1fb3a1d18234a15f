#!/usr/bin/env python3
"""Print the figures issue 5 asks for, measured on a real Neo4j, from the example files.

  .venv/bin/python scripts/make_renstra_examples.py        # (the files are committed; this remakes them)
  .venv/bin/python scripts/demo_renstra_import.py --erase  # ERASES the database it is pointed at

It uses the Neo4j the settings name (NEO4J_URI, or the local server: set LINEAGE_INSTANCE=test
to use the tests' one), and erases it first, so it refuses to run without --erase.

1. The Renstra workbook imported: counts per level, time taken; the lineage questions asked of
   the YAML cascade, asked through the API of the imported plan.
2. The same plan from CSV tables and from a SQL dump: compared node for node, link for link.
3. Capaian per year for a higher-is-better and a lower-is-better indicator (realisations entered
   through the API), with the roll-up of their parents.
4. The revised workbook loaded as a new version; the diff.
5. The broken workbook: the import report; nothing loaded.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from lineage.api.main import create_app  # noqa: E402
from lineage.connection import open_driver, resolve_target  # noqa: E402
from lineage.importers import ImportOptions, ImportRefused, import_source, load_imported  # noqa: E402
from lineage.settings import get_settings  # noqa: E402
from tests.support.graph_state import counts, snapshot  # noqa: E402

EXAMPLES = ROOT / "data" / "examples"
KOPERASI = "kota-makassar-dinas-koperasi-dan-ukm-2025-2029"
PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"
RPJMD = "kota-makassar-rpjmd-2025-2029"
TOKEN = "demo-token"


def erase(driver, database):
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def timed_import(driver, database, path, **options):
    started = time.perf_counter()
    imported = import_source(str(path), options=ImportOptions(**options))
    read = time.perf_counter() - started
    load_imported(driver, imported, database=database)
    return imported, read, time.perf_counter() - started - read


def section(title):
    print(f"\n=== {title} " + "=" * max(0, 90 - len(title)))


def without_files(nodes_rels):
    nodes, rels = nodes_rels
    return {(labels, tuple(p for p in props if p[0] not in ("file", "source"))) for labels, props in nodes}, rels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--erase", action="store_true", help="agree to erase the database first")
    if not parser.parse_args().erase:
        parser.error("this script erases the database it uses: pass --erase")
    os.environ["LINEAGE_WRITE_TOKEN"] = TOKEN
    get_settings.cache_clear()
    settings = get_settings()
    target = resolve_target(settings)
    driver = open_driver(target)
    database = target.database
    erase(driver, database)
    with TestClient(create_app(driver, database)) as client:
        return run(client, driver, database)


def run(client, driver, database) -> int:
    auth = {"Authorization": f"Bearer {TOKEN}"}

    section("1. Renstra workbook (2 agencies, merged cells, 2 header styles, 2025-2029)")
    imported, read, load = timed_import(driver, database, EXAMPLES / "renstra-makassar-2025-2029.xlsx", version="awal")
    print(f"read {imported.report.rows_read} rows in {read:.2f}s, loaded in {load:.2f}s")
    for c in imported.report.cascades:
        print(
            f"  {c.id}: "
            + ", ".join(
                f"{k.value} {n} elements/{(c.indicators_by_kind or {}).get(k, 0)} IK" for k, n in c.elements.items()
            )
        )
    for row in imported.report.skipped:
        print(f"  left out: sheet {row.sheet}, row {row.row}: {'; '.join(row.reasons)}")
    print(f"  graph: {counts(driver, database)}")
    print("\n  The questions asked of the YAML cascade, through the API:")
    found = client.get("/indicators", params={"q": "koperasi sehat"}).json()["items"]
    print(f"  GET /indicators?q=koperasi sehat -> {[i['id'] for i in found]}")
    ind = f"{KOPERASI}:ik-sasaran-1-1"
    detail = client.get(f"/indicators/{ind}").json()
    print(
        f"  GET /indicators/{ind} -> {detail['name']!r}, {detail['unit']}, owner {detail['owner']['name']!r}, "
        f"rolls up into {[i['name'] for i in detail['contributes_to']]}"
    )
    down = client.get(f"/indicators/{ind}/contributors", params={"tier": "staff"}).json()
    print(
        f"  GET .../contributors?tier=staff -> {down['total']} JAFUNG/STAF indicators: "
        f"{[n['name'] for n in down['nodes']]}"
    )
    goal = f"{RPJMD}:ik-tujuan-1-1"
    both = client.get(f"/indicators/{goal}/contributors", params={"depth": 1}).json()
    print(f"  GET /indicators/{goal}/contributors?depth=1 -> {[(n['agency'], n['name']) for n in both['nodes']]}")
    scoped = client.get(f"/indicators/{goal}/contributors", params={"depth": 1, "agency": "Dinas Perdagangan"}).json()
    print(f"    ...&agency=Dinas Perdagangan -> {[n['name'] for n in scoped['nodes']]}")
    leaf = f"{KOPERASI}:ik-subkegiatan-2.17.04.2.01.0002-1"
    up = client.get(f"/indicators/{leaf}/contributes-to").json()
    names = {n["id"]: n["name"] for n in up["nodes"]}
    print(f"  GET /indicators/{leaf}/contributes-to -> {len(up['paths'])} path(s):")
    for path in up["paths"]:
        print("    " + " -> ".join(names.get(i, up["indicator"]["name"]) for i in path))
    roots = client.get(f"/cascades/{RPJMD}/elements", params={"roots": True}).json()["items"]
    print(f"  GET /cascades/{RPJMD}/elements?roots=true -> {[b['name'] for b in roots]}")

    section("2. The same plan from CSV tables and from a SQL dump")
    workbook_graph = without_files(snapshot(driver, database))
    for export in ("renstra-makassar-2025-2029-tables", "renstra-makassar-2025-2029.sql"):
        erase(driver, database)
        imported, read, load = timed_import(driver, database, EXAMPLES / export, version="awal")
        same = without_files(snapshot(driver, database)) == workbook_graph
        print(
            f"  {export}: {imported.report.rows_read} rows, read {read:.2f}s, loaded {load:.2f}s; "
            f"graph identical to the workbook's (every node's labels and properties but the file name, every link): {same}"
        )

    section("3. Capaian per year, one indicator of each polarity (realisations entered through the API)")
    entries = [
        (f"{KOPERASI}:ik-sasaran-1-1", {2025: 42.0, 2026: 47.0}),  # Persentase Koperasi Sehat (higher is better)
        (f"{PERDAGANGAN}:ik-sasaran-1-1", {2025: 8.8, 2026: 7.6}),  # Koefisien Variasi Harga (lower is better)
        (f"{KOPERASI}:ik-subkegiatan-2.17.07.2.01.0002-1", {2025: 110}),
        (f"{KOPERASI}:ik-subkegiatan-2.17.07.2.01.0003-1", {2025: 400}),
    ]
    for indicator, values in entries:
        for year, value in values.items():
            answer = client.put(f"/indicators/{indicator}/realisations/{year}", json={"value": value}, headers=auth)
            assert answer.status_code == 200, answer.text
    for indicator, _ in entries[:2]:
        series = client.get(f"/indicators/{indicator}/series").json()
        print(f"  {series['indicator']['name']} ({series['indicator']['unit']}, polarity {series['polarity']}):")
        for point in series["years"]:
            target = point["target"]["value"] if point["target"] else None
            real = point["realised"]["value"] if point["realised"] else None
            print(
                f"    {point['year']}: target {target}, realised {real}, capaian {point['capaian']['value']}"
                + (f" ({point['capaian']['reason']})" if point["capaian"]["reason"] else "")
            )
    kegiatan = f"{KOPERASI}:ik-kegiatan-2.17.07.2.01-1"
    point = client.get(f"/indicators/{kegiatan}/series").json()["years"][0]
    print(f"  roll-up into {kegiatan} in 2025: {point['rollup']}")
    program = f"{KOPERASI}:ik-program-2.17.07-1"
    point = client.get(f"/indicators/{program}/series").json()["years"][0]
    print(f"  roll-up into {program} in 2025: {point['rollup']}")

    section("4. The revised workbook as a new version, and the diff")
    imported, read, load = timed_import(
        driver, database, EXAMPLES / "renstra-makassar-2025-2029-v2.xlsx", version="perubahan"
    )
    print(
        f"  loaded in {load:.2f}s; {KOPERASI} versions: "
        f"{[(v['version'], v['current']) for v in client.get(f'/cascades/{KOPERASI}/versions').json()['items']]}"
    )
    for cascade in (KOPERASI, PERDAGANGAN):
        diff = client.get(f"/cascades/{cascade}/diff", params={"against": "awal"}).json()
        print(f"  GET /cascades/{cascade}/diff?against=awal:")
        print(f"    added {[i['name'] for i in diff['added']]}")
        print(f"    removed {[i['name'] for i in diff['removed']]}")
        print(f"    renamed {[(r['old']['name'], r['new']['name'], r['similarity']) for r in diff['renamed']]}")
        print(f"    re-parented {[(r['new']['name'], r['old_parent'], r['new_parent']) for r in diff['reparented']]}")
        print(
            f"    targets changed {[(t['indicator']['name'], [(c['year'], c['old'], c['new']) for c in t['changes']]) for t in diff['targets_changed']]}"
        )
        print(f"    unchanged {diff['unchanged']}")
    kept = client.get(f"/indicators/{KOPERASI}:ik-sasaran-1-1", params={"version": "awal"}).json()["name"]
    print(f"  the old version is still queryable: ?version=awal -> {kept!r}")
    realised = client.get(f"/indicators/{PERDAGANGAN}:ik-sasaran-1-1/series").json()["years"][0]["realised"]
    print(f"  the realisation entered before the new version is still there: {realised}")

    section("5. The broken workbook")
    before = snapshot(driver, database)
    try:
        import_source(str(EXAMPLES / "renstra-rusak.xlsx"))
    except ImportRefused as exc:
        print("  " + str(exc).replace("\n", "\n  "))
    answer = client.post(
        "/cascades",
        files={"file": ("renstra-rusak.xlsx", (EXAMPLES / "renstra-rusak.xlsx").read_bytes())},
        headers=auth,
    )
    print(
        f"  POST /cascades -> {answer.status_code} {answer.json()['error']}; "
        f"graph unchanged: {snapshot(driver, database) == before}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
