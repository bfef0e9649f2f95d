"""The database cache's table (settings.CACHES without REDIS_URL): created here so every
deploy has it, on SQLite and PostgreSQL, without a separate `createcachetable` step."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "kindred_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_editorial_pages")]
    operations = [migrations.RunPython(create, drop)]
