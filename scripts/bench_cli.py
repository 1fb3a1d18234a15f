"""Start-up time of the `lineage` command, against a bare Python start measured in the same run.

    .venv/bin/python scripts/bench_cli.py                 # this checkout only
    .venv/bin/python scripts/bench_cli.py --before main   # and a git revision, for before/after

Each run is a fresh interpreter (`python -c` calling `lineage.cli.main`, as the installed
`lineage` script does), timed from launch to exit (wall) and by the CPU time it used (user +
system, which waiting for a busy machine's cores does not inflate). Variants are interleaved run
by run, so a busy machine slows all of them alike; the figures are medians, and the ratio to the
bare start (`python -c pass`, same interpreter) is what to compare across machines.

The revision given to --before is exported with `git archive` into a temporary folder and laid
out as the package installs (pyproject's package-dir), so it runs as it would installed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASCADE = ROOT / "data" / "makassar" / "dinas-koperasi-ukm.yaml"
LAUNCH = "import sys; from lineage.cli import main; sys.exit(main())"
COMMANDS = {
    "--help": ["--help"],
    "--version": ["--version"],
    "validate": ["validate", str(CASCADE)],
    "search --help": ["search", "--help"],
}


def lay_out(source: Path, tree: Path) -> Path:
    """A folder where `import lineage` finds the package as installed (see scripts/check)."""
    mapping = tomllib.loads((source / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    top = tree / "lineage"
    top.mkdir(parents=True)
    for entry in (source / mapping["lineage"]).iterdir():
        (top / entry.name).symlink_to(entry.resolve())
    for package, folder in mapping.items():
        if package != "lineage":
            top.joinpath(*package.split(".")[1:]).symlink_to((source / folder).resolve(), target_is_directory=True)
    return tree


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True).stdout
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds from launch to exit, CPU seconds, and the exit status (a revision may lack a
    command: exit 2)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", metavar="REVISION", help="also time this git revision (e.g. main)")
    parser.add_argument("--runs", type=int, default=10, help="runs of each variant (default 10)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-cli-") as temp:
        work = Path(temp)
        trees = {"after": lay_out(ROOT, work / "after")}
        if args.before:
            trees = {"before": lay_out(export(args.before, work / "source"), work / "before"), **trees}
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        variants: dict[str, list[str] | None] = {"bare python": None}
        for name in COMMANDS:
            for label in trees:
                variants[f"{name} ({label})"] = [label, name]
        times: dict[str, list[float]] = {v: [] for v in variants}
        cpu_times: dict[str, list[float]] = {v: [] for v in variants}
        failed: dict[str, int] = {}
        for _ in range(args.runs):
            for variant, spec in variants.items():
                if variant in failed:
                    continue
                if spec is None:
                    argv, run_env = [sys.executable, "-c", "pass"], env
                else:
                    label, name = spec
                    argv = [sys.executable, "-c", LAUNCH, *COMMANDS[name]]
                    run_env = {**env, "PYTHONPATH": str(trees[label])}
                seconds, cpu, status = timed(argv, run_env, work)
                if status:
                    failed[variant] = status
                times[variant].append(seconds)
                cpu_times[variant].append(cpu)

    bare = statistics.median(times["bare python"])
    bare_cpu = statistics.median(cpu_times["bare python"])
    print(f"median of {args.runs} runs, interleaved; {sys.executable}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'variant':<28} {'wall s':>7} {'x bare':>7} {'min s':>7} {'max s':>7} {'cpu s':>7} {'x bare':>7}")
    for variant, values in times.items():
        if variant in failed:
            print(f"{variant:<28} {'exit ' + str(failed[variant]):>7}  (not in this revision?)")
            continue
        median, cpu = statistics.median(values), statistics.median(cpu_times[variant])
        print(
            f"{variant:<28} {median:>7.3f} {median / bare:>7.1f} {min(values):>7.3f} {max(values):>7.3f} "
            f"{cpu:>7.3f} {cpu / bare_cpu:>7.1f}"
        )


if __name__ == "__main__":
    main()
