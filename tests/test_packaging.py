"""What the Docker image holds: no Docker engine runs here, so its recipe is checked as text."""

from __future__ import annotations

import re
import tomllib

from lineage.settings import REPO_ROOT


def test_the_image_copies_every_package_the_project_installs():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {name.rstrip("*") for name in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    copied = set(re.findall(r"^COPY (\S+) \./", (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE))
    assert packages <= copied, f"Dockerfile does not COPY {sorted(packages - copied)}"
    assert "data" in copied  # `lineage serve` loads data/makassar/ when the database holds no cascade
