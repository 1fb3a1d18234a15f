"""The product as a user installs it: the wheel built from this checkout, installed into a fresh
virtual environment in a temporary folder outside the checkout, run from there with a home and a
Neo4j port of its own.

The wheel is installed without its dependencies (`pip install --no-deps`); the fresh environment
reads them from the suite's own environment through a `.pth` line. Why: no dependency is
resolved or downloaded (seconds, not minutes; the wheel's build still fetches setuptools, as
`scripts/setup`'s install does), and they are the versions the rest of the suite ran with. Only third-party packages
come from there: the test checks that `lineage` is imported from the fresh environment's
site-packages, and every command runs from the temporary folder, so nothing is read from the
checkout (the Makassar cascade `serve` loads, the Cypher files, the Neo4j pom are the wheel's).

Needs Java and Maven as `lineage db start` does (its jars come from ~/.m2 once resolved).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.faults import free_port
from tests.support.makassar import KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF
from tests.support.paths import MAKASSAR, REPO_ROOT

pytestmark = pytest.mark.neo4j  # it starts a Neo4j server of its own


@dataclass(frozen=True)
class Installed:
    """The fresh environment, and how to run its `lineage` as a user would."""

    venv: Path
    folder: Path
    env: dict[str, str]
    wheel: Path
    build_log: str

    def lineage(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "lineage"), *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def serve(self, port: int) -> subprocess.Popen[str]:
        """`lineage serve` on `port`, running on (its output kept, for a failure's message)."""
        return subprocess.Popen(
            [str(self.venv / "bin" / "lineage"), "serve", "--port", str(port)],
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    folder = tmp_path_factory.mktemp("user")
    assert not folder.resolve().is_relative_to(REPO_ROOT.resolve())
    wheels, venv = folder / "wheels", folder / "venv"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    # verbose: the build backend's warnings (packaging mistakes) reach the log only so
    build = [*pip, "wheel", "--no-deps", "--verbose", "--wheel-dir", str(wheels), str(REPO_ROOT)]
    built = subprocess.run(build, cwd=folder, capture_output=True, text=True, timeout=300)
    build_log = built.stdout + built.stderr
    assert built.returncode == 0, f"{build} exited {built.returncode}:\n{build_log}"
    (wheel,) = wheels.glob("sakip_lineage-*.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=folder)
    python = venv / "bin" / "python"
    site_packages = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]))
    (site_packages / "suite-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([*pip, "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)], cwd=folder)
    print(_run([*pip, "--python", str(python), "show", "sakip-lineage"], cwd=folder))

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LINEAGE_", "NEO4J_", "PYTHON"))}
    env |= {
        "LINEAGE_HOME": str(folder / "home"),
        "LINEAGE_BOLT_PORT": str(free_port()),
        "LINEAGE_NEO4J_HEAP": "384m",
        "LINEAGE_NEO4J_PAGECACHE": "64m",
    }
    user = Installed(venv, folder, env, wheel, build_log)
    yield user
    user.lineage("db", "stop", timeout=90)  # when a test failed half-way; a no-op otherwise


def _run(command: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout.strip()


def test_the_wheel_builds_without_a_warning_and_holds_the_offline_docs_assets(installed: Installed) -> None:
    warnings = [line for line in installed.build_log.splitlines() if re.search(r"\w+Warning\b", line)]
    assert not warnings, "\n".join(warnings)
    with zipfile.ZipFile(installed.wheel) as wheel:
        static = {Path(name).name for name in wheel.namelist() if name.startswith("lineage/api/static/")}
    assert set(os.listdir(REPO_ROOT / "api" / "static")) <= static


def test_the_installed_package_is_the_wheel_under_its_own_distribution_name(installed: Installed) -> None:
    version = installed.lineage("--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout, version
    where = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", "import lineage, lineage.api; print(lineage.__file__)"],
        cwd=installed.folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.venv), where


def test_the_installed_command_validates_and_audits_a_cascade_file(installed: Installed) -> None:
    cascade = shutil.copy(MAKASSAR, installed.folder / "cascade.yaml")
    validated = installed.lineage("validate", str(cascade))
    assert validated.returncode == 0, validated
    audited = installed.lineage("audit", str(cascade), "--format", "json")
    assert audited.returncode in (0, 1), audited  # 1: findings of the severity that fails a check
    assert '"findings"' in audited.stdout


def test_the_installed_command_starts_neo4j_serves_a_roll_up_and_stops(installed: Installed) -> None:
    started = installed.lineage("db", "start")
    assert started.returncode == 0, started
    port = free_port()
    server = installed.serve(port)
    try:
        health = _wait_for_health(server, port)
        assert health["status"] == "ok" and health["cascades"] == 1  # the Makassar cascade of the wheel
        answer = httpx.get(
            f"http://127.0.0.1:{port}/indicators/{KOPERASI_SEHAT}/contributors", params={"tier": "staff"}
        ).json()
        assert {n["local_id"] for n in answer["items"]} == set(KOPERASI_SEHAT_STAFF)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stopped = installed.lineage("db", "stop", timeout=90)
    assert stopped.returncode == 0, stopped
    assert "not running" in installed.lineage("db", "status").stdout + installed.lineage("db", "status").stderr


def _wait_for_health(server: subprocess.Popen[str], port: int, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            answer: dict[str, object] = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
            return answer
        except httpx.TransportError:
            assert server.poll() is None, server.stdout.read() if server.stdout else server.returncode
            assert time.monotonic() < deadline, f"serve did not answer within {timeout} s"
            time.sleep(0.5)


def test_serve_stops_the_neo4j_it_started_when_the_api_stops(installed: Installed) -> None:
    installed.lineage("db", "stop", timeout=90)  # whatever another test left running
    port = free_port()
    server = installed.serve(port)
    try:
        assert _wait_for_health(server, port)["status"] == "ok"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=90)
    assert server.returncode == 0, output
    assert "Stopping the local Neo4j that `serve` started" in output
    status = installed.lineage("db", "status")
    assert "not running" in status.stdout + status.stderr
