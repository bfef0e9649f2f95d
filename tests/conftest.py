import os

import pytest
from asgiref.local import Local
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.tasks import task_backends

from tests.factories import make_post, make_user
from tests.shipped import RestorePoint, take_snapshot
from tests.worlds import flushed_world

# With CI=true a missing service is a failure, never a silent skip.
IN_CI = os.environ.get("CI", "").lower() == "true"


def _is_a_test_database(settings_dict):
    """Set up for this run: named as its TEST NAME says (SQLite's file, xdist's
    test_kindred_gw0) or with Django's test_ prefix (PostgreSQL in one process)."""
    name = str(settings_dict["NAME"])
    return name == str(settings_dict.get("TEST", {}).get("NAME")) or name.startswith("test_")


@pytest.fixture(scope="session", autouse=True)
def shipped_rows_survive_flushes(django_db_setup, django_db_blocker):
    """After each transactional test's flush, put back the rows the migrations shipped
    (see tests/shipped.py), so every test starts from the migrated database."""
    from django.db import connections
    from django.test import TransactionTestCase

    # Only databases pytest-django set up for this run (none when no test needs one): never
    # read the development database behind a test run's back.
    with django_db_blocker.unblock():
        point = RestorePoint({alias: take_snapshot(alias) for alias in connections
                              if _is_a_test_database(connections[alias].settings_dict)})

    def flush_keeping_shipped_rows(test_case):
        for alias in test_case._databases_names(include_mirrors=False):
            point.restore(alias, allow_cascade=test_case.available_apps is not None)

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = flush_keeping_shipped_rows
    yield point
    TransactionTestCase._fixture_teardown = original


@pytest.fixture(scope="module")
def live_world(request, shipped_rows_survive_flushes, django_db_blocker):
    """``live_world(build)``: the module's live-server tests all start from what ``build()``
    made, built once (see tests/worlds.py)."""
    yield from flushed_world(request, django_db_blocker, shipped_rows_survive_flushes)


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


@receiver(setting_changed)
def _reset_task_backends(setting, **kwargs):
    """Django caches its task backends; a test that switches TASKS gets the new one."""
    if setting == "TASKS":
        task_backends._settings = None
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)


@pytest.fixture
def task_queue(settings, monkeypatch):
    """The production queue (django-tasks-db): tasks wait in the database; calling the
    fixture runs what is due, as `manage.py db_worker --batch` would."""
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes stale connections between tasks; inside a test's transaction the
    # connection must stay open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run_due_tasks():
        db_worker.Worker(queue_names=["default"], interval=0, batch=True,
                         backend_name="default", startup_delay=False, max_tasks=None,
                         worker_id="test-worker", excluded_queue_names=[]).run()

    return run_due_tasks
