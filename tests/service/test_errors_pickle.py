"""Errors that reach users cross process boundaries (Ray actors, worker processes) intact: same class, message,
code and limit fields on the other side."""

import pickle

import pytest

from service.errors import Cancelled, LimitExceeded, ModelUnavailable, WirebriefError


def test_a_limit_error_keeps_its_fields_across_pickling():
    error = LimitExceeded("WIREBRIEF_MAX_CHARS", 20_000, 20_001, "The text")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is LimitExceeded
    assert str(copy) == str(error) == "The text is 20,001 but the limit is 20,000 (setting WIREBRIEF_MAX_CHARS)"
    assert (copy.limit_name, copy.limit, copy.actual) == ("WIREBRIEF_MAX_CHARS", 20_000, 20_001)
    assert copy.to_dict() == error.to_dict() and copy.status == 413


@pytest.mark.parametrize("error", [WirebriefError("odd", code="custom_code"), ModelUnavailable("no model"), Cancelled("gone")])
def test_code_and_message_survive(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and copy.to_dict() == error.to_dict() and copy.status == error.status
