import os

import pytest

from tests.factories import make_post, make_user
from tests.shipped import flush_and_restore, take_snapshot

# With CI=true a missing service is a failure, never a silent skip.
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session", autouse=True)
def shipped_rows_survive_flushes(django_db_setup, django_db_blocker):
    """After each transactional test's flush, put back the rows the migrations shipped
    (see tests/shipped.py), so every test starts from the migrated database."""
    from django.db import connections
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        snapshots = {alias: take_snapshot(alias) for alias in connections}

    def flush_keeping_shipped_rows(test_case):
        for alias in test_case._databases_names(include_mirrors=False):
            flush_and_restore(alias, snapshots[alias],
                              allow_cascade=test_case.available_apps is not None)

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = flush_keeping_shipped_rows
    yield
    TransactionTestCase._fixture_teardown = original


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
