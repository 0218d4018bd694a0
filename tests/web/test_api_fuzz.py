"""Schemathesis against the OpenAPI document: every operation, no 500, no answer outside it.

Bounded and seeded (derandomised) so that a run takes seconds and every run is the same.
"""

from __future__ import annotations

from datetime import timedelta

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from calendar_app.web.api.views import openapi_document
from tests.conftest import NOW
from tests.factories import (
    make_campaign,
    make_channel,
    make_idea,
    make_item,
    make_rule,
    make_workspace,
)
from tests.web.api_helpers import bearer, token_for

CHECKS = [not_a_server_error, response_schema_conformance]


def test_every_operation_answers_without_a_server_error_and_within_its_schema(fresh_app) -> None:
    app = fresh_app(API_RATE_LIMIT="100000 per minute")
    with app.app_context():
        make_workspace()
        blog = make_channel("blog")
        make_rule(blog)
        make_campaign("Winter push")
        make_idea("Winter cycling for beginners")
        for day in range(3):
            make_item(blog, NOW + timedelta(days=day))
        headers = bearer(token_for("owner"))
        with app.test_request_context():
            document = openapi_document()
        schema = schemathesis.openapi.from_dict(document)
        schema.app = app
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 41
        for operation in operations:
            fuzz(operation, headers)


def fuzz(operation, headers: dict[str, str]) -> None:
    @settings(
        max_examples=25,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def answers_well(case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers_well()
