import os

import pytest

from tests.factories import make_post, make_user

# With CI=true a missing service is a failure, never a silent skip.
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def member(db):
    return make_user("rowan")


@pytest.fixture
def other_member(db):
    return make_user("ash")


@pytest.fixture
def moderator(db):
    return make_user("marshal", moderator=True)


@pytest.fixture
def post(member):
    return make_post(member, title="Back spasticity in the mornings",
                     body="Does anyone else wake up *stiff*?")


@pytest.fixture
def other_post(other_member):
    return make_post(other_member, title="Heat and fatigue")
