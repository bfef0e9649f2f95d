"""Data built once and shared by several tests, each of which still starts from it untouched.

A query-budget test proves its budget with a large world; building that world again for every
view it budgets cost seconds a test. ``shared_world`` builds it once (per module, per size) in
an outer transaction; each test's own transaction (pytest-django's ``db``) is a savepoint
inside it, rolled back when the test ends, so every test sees exactly the world as built,
whatever the test before it wrote; the outer transaction is rolled back after the last one
(so only a module whose every test uses the world can share one).

Live-server tests cannot share a transaction with the server's thread: each is transactional
and ends with a flush. ``flushed_world`` builds their common data once and has every flush put
it back, row for row (tests/shipped.py), so each still starts from the world as built.
"""

import pytest
from django.db import connections, transaction

from tests.shipped import take_snapshot


def _fail_unless_every_test_uses(request):
    """A module-scoped world lives until the module's last test, so every test of the module
    must use it (one that did not would run inside the world without knowing)."""
    strangers = [item.name for item in request.session.items
                 if item.module is request.module and request.fixturename not in item.fixturenames]
    if strangers:
        pytest.fail(f"{request.fixturename} is shared by every test of {request.module.__name__}, "
                    f"but these do not use it: {', '.join(strangers)}", pytrace=False)


def flushed_world(request, django_db_blocker, point):
    """Yield ``build_once(build)`` for a module-scoped fixture of live-server tests: it runs
    ``build()`` once, committed, and sets the restore point (``point``) to the database as it
    then is, so the flush after every test of the module puts the world back. After the
    module, the flushes put back the shipped rows alone, and the world is flushed away."""
    _fail_unless_every_test_uses(request)
    aliases = list(point.shipped)

    def build_once(build):
        with django_db_blocker.unblock():
            world = build()  # if it fails, what it wrote goes with the module (below)
            point.rows = {alias: take_snapshot(alias) for alias in aliases}
        return world

    def forget():
        point.rows = point.shipped
        for alias in aliases:
            point.restore(alias)
            # Closed here: while Playwright runs, this connection is not the one the end of
            # the session closes, and PostgreSQL would refuse to drop the test database.
            connections[alias].close()

    try:
        yield build_once
    finally:
        with django_db_blocker.unblock():
            forget()


def shared_world(request, django_db_blocker, build, *args):
    """Yield ``build(*args)``, built in an outer transaction kept open until the generator
    ends: ``yield from shared_world(request, ...)`` in a module-scoped fixture.

    Every test of the module must use it: checked here.
    """
    _fail_unless_every_test_uses(request)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase marks its own class-wide transaction: a durable atomic block
        # inside a test then behaves as it does under TestCase.
        outer._from_testcase = True
        outer.__enter__()
        try:
            world = build(*args)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
