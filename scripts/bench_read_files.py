"""Benchmark: reading cascade files with Lineage against the C parsers, measured in the same run.

    .venv/bin/python scripts/bench_read_files.py                  # 10k and 100k indicators
    .venv/bin/python scripts/bench_read_files.py --size 1000000   # a nation's cascade (GBs of memory)

For each size a cascade is generated (tests/support/synthetic.py, each indicator with a unit, a
type, a baseline and five yearly targets, as planners fill them; above 100k, copies of the 100k
one with prefixed ids) and written as YAML and JSON under --folder. Each step then runs in a fresh process, so its peak memory is its own:

    lineage      lineage.cascade.read_cascade(file): read, parse, validate (references, cycles)
    json         json.loads + Cascade.model_validate, the JSON baseline of issue 13
    csafe        yaml.load(CSafeLoader): PyYAML's C parser, the YAML baseline of issue 13
    csafe+model  the same and Cascade.model_validate

Printed: seconds (the median of --repeat runs), peak resident memory (MiB) of the step's
process and the ratio to its baseline. `run(sizes)` gives the same figures to scripts/bench.py.
Children get a memory ceiling (--memory-gb, ulimit -v) so that a step cannot starve the machine;
a step beyond it is reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.support: the generator the tests use

STEPS = ("lineage", "json", "csafe", "csafe+model")
#: (file kind, step) -> the step it is compared with
BASELINES = {
    ("json", "lineage"): "json",
    ("yaml", "lineage"): "csafe",
}


#: Above this many indicators a file is made of copies of the cascade of this size (its ids
#: prefixed, so still one valid cascade), written item by item: generating a million indicators
#: as models would take more memory than reading them.
TILE = 100_000


def _generated(size: int) -> dict[str, Any]:
    from tests.support.synthetic import generate_cascade

    data: dict[str, Any] = generate_cascade(size, seed=1, cascade_id=f"bench-{size}").model_dump(
        mode="json", exclude_defaults=True
    )
    for n, indicator in enumerate(data["indicators"]):
        indicator.update(
            unit="persen",
            type="output",
            baseline={"value": 50 + n % 7},
            baseline_year=2024,
            targets={str(year): 60 + (n + year) % 30 for year in range(2025, 2030)},
        )
    return data


def _copy(item: dict[str, Any], prefix: str) -> dict[str, Any]:
    refs = ("id", "parent", "measures", "owner")
    out = {k: (f"{prefix}{v}" if k in refs and v else v) for k, v in item.items()}
    if item.get("contributes_to"):
        out["contributes_to"] = [f"{prefix}{v}" for v in item["contributes_to"]]
    return out


def _items(data: dict[str, Any], key: str, copies: int) -> Any:
    for copy in range(copies):
        for item in data[key]:
            yield _copy(item, f"t{copy}-") if copies > 1 else item


def write_files(size: int, folder: Path, kinds: tuple[str, ...] = ("yaml", "json")) -> dict[str, Path]:
    """The cascade of `size` indicators in the `kinds` of file asked for (made once per folder;
    writing a million indicators as YAML alone takes minutes)."""
    paths = {kind: folder / f"cascade-{size}.{kind}" for kind in kinds}
    if all(p.exists() for p in paths.values()):
        return paths
    import yaml

    copies = -(-size // TILE) if size > TILE else 1
    data = _generated(TILE if copies > 1 else size)
    head = {k: v for k, v in data.items() if k not in ("positions", "elements", "indicators")}
    folder.mkdir(parents=True, exist_ok=True)
    if "json" in paths and not paths["json"].exists():
        with paths["json"].open("w", encoding="utf-8") as out:
            out.write(json.dumps(head, ensure_ascii=False)[:-1])
            for key in ("positions", "elements", "indicators"):
                out.write(f', "{key}": [\n')
                out.write(",\n".join(json.dumps(item, ensure_ascii=False) for item in _items(data, key, copies)))
                out.write("\n]")
            out.write("}\n")
    if "yaml" in paths and not paths["yaml"].exists():
        with paths["yaml"].open("w", encoding="utf-8") as out:
            yaml.dump(head, out, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
            for key in ("positions", "elements", "indicators"):
                out.write(f"{key}:\n")
                for item in _items(data, key, copies):
                    yaml.dump([item], out, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    return paths


def step(name: str, path: Path) -> dict[str, float]:
    """One step, in this process: seconds and peak memory (MiB)."""
    import yaml

    from lineage.cascade import read_cascade
    from lineage.cascade.model import Cascade

    start = time.perf_counter()
    if name == "lineage":
        read_cascade(path)
    else:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if name == "json" else yaml.load(text, Loader=yaml.CSafeLoader)
        if name in ("json", "csafe+model"):
            Cascade.model_validate(data)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(name: str, path: Path, memory_gb: float) -> dict[str, float] | None:
    limit = int(memory_gb * 2**30)
    env = {**os.environ, "LINEAGE_MAX_FILE_BYTES": "4GiB", "LINEAGE_MAX_VALUES": "100000000"}
    done = subprocess.run(
        [sys.executable, __file__, "--step", name, "--file", str(path)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
        check=False,
    )
    if done.returncode != 0:
        print(
            f"    {name} on {path.name} failed (beyond {memory_gb} GB?): {done.stderr.strip()[-200:]}", file=sys.stderr
        )
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(
    sizes: list[int] | tuple[int, ...] = (10_000, 100_000), folder: Path | None = None, **options: Any
) -> dict[str, Any]:
    """{size: {"yaml"|"json": {step: {seconds, peak_mib}, "ratio": lineage/baseline}, "bytes": ...}}."""
    folder = folder or Path(tempfile.gettempdir()) / "lineage-bench-read-files"
    memory_gb = float(options.get("memory_gb", 8))
    figures: dict[str, Any] = {}
    for size in sizes:
        repeat = int(options.get("repeat") or (3 if size <= 10_000 else 1))
        paths = write_files(size, folder, tuple(options.get("kinds") or ("yaml", "json")))
        figures[str(size)] = {}
        for kind, path in paths.items():
            steps = [
                name
                for name in (("lineage", "json") if kind == "json" else ("lineage", "csafe", "csafe+model"))
                if name in options.get("steps", STEPS)
            ]
            results: dict[str, Any] = {"bytes": path.stat().st_size}
            for name in steps:
                runs = [r for r in (_child(name, path, memory_gb) for _ in range(repeat)) if r]
                if runs:
                    results[name] = {
                        "seconds": statistics.median(r["seconds"] for r in runs),
                        "peak_mib": max(r["peak_mib"] for r in runs),
                    }
            baseline = BASELINES[(kind, "lineage")]
            if "lineage" in results and baseline in results:
                results["ratio"] = results["lineage"]["seconds"] / results[baseline]["seconds"]
            figures[str(size)][kind] = results
    return figures


def _print(figures: dict[str, Any]) -> None:
    print(f"{'indicators':>10} {'file':>5} {'MiB':>7}  {'step':<12} {'seconds':>8} {'peak MiB':>9}  ratio")
    for size, kinds in figures.items():
        for kind, results in kinds.items():
            baseline = BASELINES[(kind, "lineage")]
            for name in STEPS:
                if name not in results:
                    continue
                ratio = ""
                if name == "lineage" and "ratio" in results:
                    ratio = f"{results['ratio']:.2f}x {baseline}"
                print(
                    f"{int(size):>10,} {kind:>5} {results['bytes'] / 2**20:>7.1f}  {name:<12} "
                    f"{results[name]['seconds']:>8.2f} {results[name]['peak_mib']:>9.0f}  {ratio}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, action="append", help="indicators (repeatable; default 10k and 100k)")
    parser.add_argument("--folder", type=Path, help="where the generated files are kept (reused)")
    parser.add_argument("--repeat", type=int, help="runs per step (default 3 up to 10k, else 1)")
    parser.add_argument("--memory-gb", type=float, default=8, help="memory ceiling of each step (default 8)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"which steps (default {','.join(STEPS)})")
    parser.add_argument("--kinds", default="yaml,json", help="which files (default yaml,json)")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.file)))
        return
    figures = run(
        args.size or [10_000, 100_000],
        args.folder,
        repeat=args.repeat,
        memory_gb=args.memory_gb,
        steps=args.steps.split(","),
        kinds=tuple(args.kinds.split(",")),
    )
    _print(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
