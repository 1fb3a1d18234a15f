"""The bad-input corpus and the worst inputs at the size limits: time and peak memory of each refusal.

    .venv/bin/python scripts/bench_bad_inputs.py                 # corpus + worst cases at 50 MiB
    .venv/bin/python scripts/bench_bad_inputs.py --size-mib 100  # worst cases at 100 MiB

1. The corpus (tests/bad_inputs/manifest.yaml): each input through `lineage validate` and
   `lineage import --dry-run`, each run in a fresh process (its own peak memory), in-process CLI
   there. Totals: inputs, exit statuses, refusals naming a place, the slowest and the largest.
2. Worst cases: inputs built to cost the most per byte within the limits (a JSON list of empty
   lists, YAML of empty lists, a CSV of separators, a SQL dump of one-value rows, an XLSX and a
   zip inflating to LINEAGE_MAX_INFLATED_BYTES, YAML aliases at LINEAGE_MAX_ALIAS_VALUES, the
   billion laughs), each refused or read under the default limits, with time and peak memory.
   The file limit is raised to the size measured when that size is above it.

Each child runs with a memory ceiling (--memory-gb, ulimit -v) and a timeout so that no input can
starve the machine; one beyond them is reported as such (a failure of the limits, to fix).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LOCATION = re.compile(r":\d+:|\brow \d+|\bcolumn [A-Z]+|\bsheet \S+|\bline \d+")


def child(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """In the child: run `lineage COMMAND` in this process; its status, message, time, peak memory."""
    os.environ.update(env)
    import openpyxl  # noqa: F401  (imported before the clock starts: the CLI imports lazily)

    import lineage.cascade.reader
    import lineage.cli.imports
    import lineage.cli.load
    import lineage.importers  # noqa: F401
    from tests.support.cli import run_cli

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    ran = run_cli(command)
    return {
        "status": ran.status,
        "seconds": time.perf_counter() - start,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        #: the peak above what the interpreter and Lineage's modules hold before reading
        "added_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - baseline,
        "message": ran.err[-2000:],
    }


def measure(command: list[str], env: dict[str, Any], memory_gb: float, timeout: float) -> dict[str, Any]:
    limit = int(memory_gb * 2**30)
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", json.dumps([command, {k: str(v) for k, v in env.items()}])],
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": None, "seconds": timeout, "peak_mib": None, "message": f"still running after {timeout} s"}
    if done.returncode != 0 or not done.stdout.strip():
        return {
            "status": None,
            "seconds": None,
            "peak_mib": None,
            "message": f"the process failed: {done.stderr[-500:]}",
        }
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def corpus(memory_gb: float, timeout: float) -> dict[str, Any]:
    from tests.support.bad_inputs import bad_inputs

    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for bad in bad_inputs(Path(folder)):
            for command in (["validate", str(bad.path)], ["import", str(bad.path), "--dry-run"]):
                result = measure(command, bad.env, memory_gb, timeout)
                result.update(input=bad.file, command=command[0], limit=bad.limit)
                result["located"] = bool(LOCATION.search(result["message"].replace(str(bad.path), "")))
                runs.append(result)
    inputs = {r["input"] for r in runs}
    imports = [r for r in runs if r["command"] == "import"]
    timed = [r for r in runs if r["seconds"] is not None]
    sized = [r for r in runs if r["peak_mib"] is not None]
    return {
        "inputs": len(inputs),
        "runs": len(runs),
        "statuses": dict(Counter(str(r["status"]) for r in runs)),
        "import_refusals_naming_a_place": sum(r["located"] for r in imports),
        "slowest": max(timed, key=lambda r: r["seconds"]),
        "largest": max(sized, key=lambda r: r["peak_mib"]),
        "by_limit": {
            limit: {
                "inputs": len({r["input"] for r in runs if r["limit"] == limit}),
                "worst_seconds": max(r["seconds"] or 0 for r in runs if r["limit"] == limit),
                "worst_peak_mib": max(r["peak_mib"] or 0 for r in runs if r["limit"] == limit),
            }
            for limit in sorted({r["limit"] for r in runs if r["limit"]})
        },
        "failures": [r for r in runs if r["status"] != 1],
    }


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _repeat(unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> bytes:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


def _sheet_xml(size: int) -> bytes:
    row = b'<row r="%d"><c r="A%d"><v>1</v></c></row>'
    rows = []
    total, n = 0, 0
    while total < size - 200 and n < 1_048_000:
        n += 1
        piece = row % (n, n)
        rows.append(piece)
        total += len(piece)
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b"".join(rows)
        + b"</sheetData></worksheet>"
    )


def worst_cases(size: int) -> dict[str, Callable[[], bytes]]:
    """Inputs of about `size` bytes (archives: inflating to the inflated limit) that cost the most."""
    from lineage.settings import get_settings
    from tests.bad_inputs.generate import workbook as sample_workbook

    inflated = int(get_settings().max_inflated_bytes) - 4096
    laughs = (REPO / "tests" / "bad_inputs" / "yaml" / "billion-laughs.yaml").read_bytes()
    aliases = b"a: &a [" + b"x, " * 9 + b"x]\nb: [" + b"*a, " * 999 + b"*a]\n"

    def workbook() -> bytes:
        with zipfile.ZipFile(io.BytesIO(sample_workbook())) as book:
            parts = {name: book.read(name) for name in book.namelist()}
        parts["xl/worksheets/sheet1.xml"] = _sheet_xml(inflated)
        return _zip(parts)

    return {
        "json-empty-lists.json": lambda: _repeat(b"[],", size, b"[", b"[]]"),
        "json-numbers.json": lambda: _repeat(b"10,", size, b"[", b"1]"),
        "json-one-string.json": lambda: _repeat(b"x", size, b'{"notes": "', b'"}'),
        "json-short-keys.json": lambda: _repeat(b'{"a":1},', size, b"[", b"{}]"),
        "yaml-empty-lists.yaml": lambda: _repeat(b"- []\n", size),
        "yaml-flow-scalars.yaml": lambda: _repeat(b"a,", size, b"[", b"a]\n"),
        "yaml-billion-laughs.yaml": lambda: laughs,
        "yaml-aliases-at-the-limit.yaml": lambda: aliases,
        "csv-separators.csv": lambda: _repeat(b";" * 999 + b"\n", size),
        "csv-short-rows.csv": lambda: _repeat(b"1;2\n", size, b"Kode;Indikator\n"),
        "sql-one-value-rows.sql": lambda: _repeat(b"(1),", size, b"INSERT INTO tujuan (id) VALUES ", b"(1);\n"),
        "xlsx-cells-to-the-inflated-limit.xlsx": workbook,
        "zip-tables-to-the-inflated-limit.zip": lambda: _zip(
            {"tujuan.csv": _repeat(b"1,Tujuan\n", inflated, b"id,nama\n")}
        ),
    }


def worst(size_mib: float, memory_gb: float, timeout: float) -> dict[str, Any]:
    size = int(size_mib * 2**20)
    env = {"LINEAGE_MAX_FILE_BYTES": str(max(size + 2**20, 256 * 2**20))}
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("LINEAGE_HOME")) as folder:
        for name, make in worst_cases(size).items():
            path = Path(folder) / name
            path.write_bytes(make())
            command = ["import", str(path), "--dry-run"]
            result = measure(command, env, memory_gb, timeout)
            result.update(bytes=path.stat().st_size, message=result["message"].replace(str(path), name)[-300:])
            results[name] = result
            path.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=float, default=50, help="size of the worst-case inputs (default 50 MiB)")
    parser.add_argument("--memory-gb", type=float, default=6, help="memory ceiling of each run (default 6)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed each run (default 600)")
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--skip-worst", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        command, env = json.loads(args.child)
        print(json.dumps(child(command, env)))
        return
    figures: dict[str, Any] = {}
    if not args.skip_corpus:
        figures["corpus"] = found = corpus(args.memory_gb, args.timeout)
        print(f"corpus: {found['inputs']} inputs, {found['runs']} runs (validate and import --dry-run)")
        print(f"  exit statuses: {found['statuses']}")
        print(f"  import refusals naming a place: {found['import_refusals_naming_a_place']} of {found['inputs']}")
        for key in ("slowest", "largest"):
            r = found[key]
            print(
                f"  {key}: {r['input']} ({r['command']}): {r['seconds']:.3f} s, {r['peak_mib']:.0f} MiB peak "
                f"({r['added_mib']:.0f} MiB above the process before reading)"
            )
        for limit, worst_of in found["by_limit"].items():
            print(
                f"  {limit:<28} {worst_of['inputs']} inputs, worst {worst_of['worst_seconds']:.3f} s, "
                f"{worst_of['worst_peak_mib']:.0f} MiB peak"
            )
        for r in found["failures"]:
            print(f"  NOT REFUSED AS IT SHOULD BE: {r['input']} ({r['command']}): {r['status']} {r['message'][-200:]}")
    if args.skip_worst:
        return _write(figures, args.json)
    figures["worst"] = cases = worst(args.size_mib, args.memory_gb, args.timeout)
    print(f"\nworst cases at {args.size_mib:g} MiB (archives: at the inflated limit), `lineage import --dry-run`:")
    print(f"{'input':<40} {'MiB':>7} {'status':>6} {'seconds':>8} {'peak MiB':>9} {'added':>6}  message")
    for name, r in cases.items():
        seconds = f"{r['seconds']:.2f}" if r["seconds"] is not None else "-"
        peak = f"{r['peak_mib']:.0f}" if r["peak_mib"] is not None else "-"
        added = f"{r['added_mib']:.0f}" if r.get("added_mib") is not None else "-"
        message = r["message"].strip().splitlines()[-1][:110] if r["message"].strip() else ""
        print(f"{name:<40} {r['bytes'] / 2**20:>7.1f} {r['status']!s:>6} {seconds:>8} {peak:>9} {added:>6}  {message}")
    _write(figures, args.json)


def _write(figures: dict[str, Any], path: Path | None) -> None:
    if path:
        path.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
