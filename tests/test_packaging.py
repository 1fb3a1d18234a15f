"""What gets installed: one import namespace, every package of the tree, the Docker image built
from the wheel. (No Docker engine runs here, so the image's recipe is checked as text.)"""

from __future__ import annotations

import re
import tomllib

from tests.support.paths import REPO_ROOT

PROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PROJECT["tool"]["setuptools"]


def _packages_in_the_tree() -> set[str]:
    """Every folder holding an __init__.py, named as it installs (api/routes -> lineage.api.routes)."""
    found = set()
    for name, folder in SETUPTOOLS["package-dir"].items():
        for init in (REPO_ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO_ROOT / folder).parts
            found.add(".".join((name, *parts)))
    return found


def test_everything_installs_under_the_lineage_namespace():
    assert all(package == "lineage" or package.startswith("lineage.") for package in SETUPTOOLS["packages"])
    assert set(SETUPTOOLS["package-dir"]) == {"lineage", "lineage.api", "lineage.cypher", "lineage.web", "lineage.data"}


def test_the_package_list_names_every_package_of_the_tree():
    assert _packages_in_the_tree() <= set(SETUPTOOLS["packages"])


def test_the_distribution_has_a_name_of_its_own():
    assert PROJECT["project"]["name"] == "sakip-lineage"  # `lineage` on PyPI is another project


def test_the_image_installs_the_wheel_built_from_every_folder_it_packages():
    dockerfile = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = set(re.findall(r"^COPY (\S+) \./", dockerfile, re.MULTILINE))
    assert set(SETUPTOOLS["package-dir"].values()) <= copied
    assert "pip wheel" in dockerfile and "pip install --no-cache-dir /wheels/" in dockerfile
    assert "-e ." not in dockerfile
    assert re.search(r"^USER (?!root)\S+", dockerfile, re.MULTILINE)
