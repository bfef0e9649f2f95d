"""The rows the data migrations install (disclaimer, editorial pages, curated symptoms).

Transactional tests flush the database afterwards, which removes them for every later
test; the migrations' install functions are idempotent, so tests that need a clean slate
run them again. The migrations hold the data: there is no second copy to drift apart.
"""

import importlib

from django.apps import apps

DATA_MIGRATIONS = (
    "posts.migrations.0002_first_disclaimer",
    "forum.migrations.0002_editorial_pages",
    "posts.migrations.0005_curated_symptoms",
)


def install_shipped_content():
    # The global app registry answers get_model() like a migration's historical one.
    for name in DATA_MIGRATIONS:
        importlib.import_module(name).forwards(apps, schema_editor=None)
