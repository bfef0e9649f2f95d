import os

import pytest

from tests.factories import make_post, make_user
from tests.shipped import install_shipped_content

# With CI=true a missing service is a failure, never a silent skip.
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def shipped_content(request):
    """Transactional tests start from a flushed database: put the shipped rows back."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or "transactional_db" in \
            request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        install_shipped_content()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a page stored by an earlier test, whose data was
    rolled back, must not answer a later one that happens to reach the same versions."""
    from django.core.cache import cache

    cache.clear()


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
