"""Schemathesis against the API in-process, on every operation, with all its checks, on a real
Neo4j holding the Makassar cascade: no server error, no answer the OpenAPI document does not
describe, every invalid request refused, every valid one accepted (tests/support/contract_checks.py
says which refusals no schema can foresee).

Bounded for CI: EXAMPLES per operation, the same ones every run. `scripts/fuzz_api.py` runs it
deeper and randomised (LINEAGE_FUZZ_EXAMPLES, LINEAGE_FUZZ_SEED) and prints the tally that each
run writes to artifacts/schemathesis.json: requests per operation, failures per check, seconds.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, seed, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

from lineage.api.main import create_app
from lineage.settings import get_settings
from tests.support.contract_checks import schema_valid_requests_are_accepted
from tests.support.paths import REPO_ROOT

TOKEN = "schemathesis-token"
EXAMPLES = int(os.environ.get("LINEAGE_FUZZ_EXAMPLES", "25"))
SEED = os.environ.get("LINEAGE_FUZZ_SEED")
TALLY = REPO_ROOT / "artifacts" / "schemathesis.json"

#: The app connects at start-up as the settings say: to the tests' Neo4j (fixture `serving`).
APP = create_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
requests: Counter[str] = Counter()
failures: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def tally() -> Iterator[None]:
    started = time.monotonic()
    yield
    TALLY.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "examples_per_operation": EXAMPLES,
        "seed": SEED or "fixed (derandomized)",
        "operations": len(requests),
        "requests": sum(requests.values()),
        "requests_by_operation": dict(sorted(requests.items())),
        "failures_by_check": dict(sorted(failures.items())),
        "seconds": round(time.monotonic() - started, 1),
    }
    TALLY.write_text(json.dumps(summary, indent=2) + "\n")


@pytest.fixture
def serving(makassar, lineage_env, monkeypatch) -> Iterator[None]:
    """The app started on the Makassar cascade, taking writes with `TOKEN`."""
    monkeypatch.setenv("LINEAGE_WRITE_TOKEN", TOKEN)
    get_settings.cache_clear()
    try:
        with TestClient(APP):  # runs the app's start-up and shut-down, as a server would
            yield
    finally:
        get_settings.cache_clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=SEED is None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@seed(int(SEED or 0))
def test_every_operation_keeps_the_contract_its_document_states(case, serving):
    requests[case.operation.label] += 1
    try:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {TOKEN}"},
            excluded_checks=[positive_data_acceptance],
            additional_checks=[schema_valid_requests_are_accepted],
            timeout=60,  # the first audit of a busy machine may take more than the default 10 s
        )
    except FailureGroup as group:
        failures.update(type(failure).__name__ for failure in group.exceptions)
        raise
