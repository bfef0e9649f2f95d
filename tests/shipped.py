"""The rows a freshly migrated database holds (what the data migrations ship: disclaimer,
editorial pages, curated symptoms; and what ``post_migrate`` adds: content types,
permissions, the site), kept across the flushes of transactional tests.

A transactional test (``transactional_db``, ``live_server``) ends with Django flushing every
table, which would take these rows away from every later test. Re-running the installers
and Django's ``post_migrate`` handlers after each flush cost about 0.3 s a test (one commit
a row). Instead the suite copies the rows once, right after the test database is migrated,
and after each flush puts the same rows back, with the same primary keys, in one
transaction: the database every test starts from is the migrated one, whatever ran before
it, and cached content-type ids stay right.

A module of live-server tests that all start from the same data can have the flushes put
that data back too (``RestorePoint.rows``, set by ``live_world`` in tests/worlds.py), instead
of every test building it again.
"""

from django.apps import apps
from django.core.management import call_command
from django.db import transaction


def _models():
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


def take_snapshot(alias):
    """Every row of every table, as model instances, per model (only the non-empty ones)."""
    snapshot = []
    for model in _models():
        rows = list(model._base_manager.using(alias).all())
        if rows:
            snapshot.append((model, rows))
    return snapshot


def flush_and_restore(alias, snapshot, *, allow_cascade=False):
    """Empty every table, then put the snapshot's rows back in one transaction (foreign
    keys are checked at commit, so the order of the models does not matter)."""
    call_command("flush", verbosity=0, interactive=False, database=alias,
                 reset_sequences=False, allow_cascade=allow_cascade,
                 inhibit_post_migrate=True)
    with transaction.atomic(using=alias):
        for model, rows in snapshot:
            model._base_manager.using(alias).bulk_create(rows)


class RestorePoint:
    """What the flush that ends a transactional test puts back, per database alias: the
    shipped rows, or, while a module's tests share a world, the shipped rows and the world's."""

    def __init__(self, shipped):
        self.shipped = shipped
        self.rows = shipped

    def restore(self, alias, *, allow_cascade=False):
        flush_and_restore(alias, self.rows.get(alias, []), allow_cascade=allow_cascade)
