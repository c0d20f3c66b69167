"""Each review form's fields are its service's keyword arguments, so the admin passes the
form's cleaned data as it is (the API's input serializers follow the same names)."""

import inspect

import pytest

from claims.admin.forms import REVIEW_FORMS
from claims.models import CLAIM_STATUS_ACTIONS, LINK_STATUS_ACTIONS
from claims.services.review_actions import REVIEW_ACTIONS


def test_review_forms_cover_every_action_a_status_allows():
    allowed = set().union(*CLAIM_STATUS_ACTIONS.values(), *LINK_STATUS_ACTIONS.values())
    assert set(REVIEW_FORMS) >= allowed


@pytest.mark.parametrize("action", sorted(REVIEW_ACTIONS))
def test_review_form_fields_are_the_service_keyword_arguments(action):
    spec = REVIEW_ACTIONS[action]
    parameters = inspect.signature(spec.service).parameters
    fields = set(REVIEW_FORMS[action].base_fields)

    assert fields <= set(parameters) - {"actor", spec.subject}
    required = {
        name
        for name, parameter in parameters.items()
        if parameter.default is inspect.Parameter.empty
    }
    assert required - {"actor", spec.subject} <= fields
