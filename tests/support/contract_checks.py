"""What Schemathesis is told about Lineage beyond its OpenAPI document.

Only one thing: some refusals of a request the document calls valid are right, because no JSON
Schema can state why. A cursor must be one this server handed out (`bad_cursor`); an uploaded
file's content must be a cascade (`import_refused`); a period must not end before it starts
(`bad_period`); a diagram must fit on paper (`too_big_to_draw`); the fields of a body must agree
with each other (a 422 whose every error is a `value_error`, raised by a rule written in Python:
"give the year's value, its quarters, or both"). `schema_valid_requests_are_accepted` is Schemathesis's own
`positive_data_acceptance` check, forgiving exactly these; any other refusal still fails it.
"""

from __future__ import annotations

from typing import Any

from schemathesis import CheckContext, check
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

#: (status, error code) of refusals no schema can foresee.
REFUSALS_NO_SCHEMA_STATES = {
    (400, "bad_cursor"),
    (422, "import_refused"),
    (422, "bad_period"),
    (422, "too_big_to_draw"),
}


@check
def schema_valid_requests_are_accepted(ctx: CheckContext, response: Any, case: Any) -> bool | None:
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if _refusal_no_schema_states(response):
            return None
        raise


def _refusal_no_schema_states(response: Any) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    if (response.status_code, body.get("error")) in REFUSALS_NO_SCHEMA_STATES:
        return True
    errors = body.get("errors") or []
    return (
        response.status_code == 422
        and body.get("error") == "invalid_request"
        and bool(errors)
        and all(error.get("type") == "value_error" for error in errors)
    )
