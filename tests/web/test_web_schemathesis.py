"""Property tests generated from the application's OpenAPI description: no server errors,
and every response matches the schema it is described with."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    response_schema_conformance,
    status_code_conformance,
)

OPERATIONS = [
    ("POST", "/api/check"),
    ("POST", "/api/annotate"),
    ("GET", "/api/applies"),
    ("GET", "/api/documents/{ref}"),
]


@pytest.fixture(scope="module")
def web_schema(app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_covered(web_schema: Any) -> None:
    described = {(op.ok().method.upper(), op.ok().path) for op in web_schema.get_all_operations()}
    assert described == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_never_fails_on_generated_requests(web_schema: Any, method: str, path: str) -> None:
    operation = web_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
    )
    def run(case: Any) -> None:
        response = case.call()
        case.validate_response(
            response,
            checks=(not_a_server_error, status_code_conformance, response_schema_conformance),
        )

    run()
