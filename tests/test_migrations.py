"""Migrations stand alone: they ship their own data, and their SQL can be read before it runs.

The test database itself is built by running every migration from zero, so each run of the
suite (on SQLite and on PostgreSQL) also proves a fresh install works.
"""

import ast
import importlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.text import slugify

from forum.models import Page
from posts.models import Disclaimer, Symptom, SymptomSynonym
from posts.rendering import render_markdown

ROOT = Path(__file__).resolve().parent.parent

first_disclaimer = importlib.import_module("posts.migrations.0002_first_disclaimer")
curated_symptoms = importlib.import_module("posts.migrations.0005_curated_symptoms")
editorial_pages = importlib.import_module("forum.migrations.0002_editorial_pages")


def _project_migration_packages():
    """{migrations package: its folder} for every installed app of this project (not
    Django's or a library's), read from INSTALLED_APPS, so a new app is checked too."""
    packages = {}
    for config in apps.get_app_configs():
        if ROOT not in Path(config.path).resolve().parents:
            continue
        module, _ = MigrationLoader.migrations_module(config.label)
        if module:
            packages[module] = ROOT.joinpath(*module.split("."))
    return packages


MIGRATION_PACKAGES = _project_migration_packages()
APPS = {package.split(".")[0] for package in MIGRATION_PACKAGES}  # accounts, forum, posts


def _imported_modules(tree, package):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                yield node.module
                continue
            # Relative: resolve against the migrations package.
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1])
            if node.module:
                yield f"{base}.{node.module}"
            else:
                yield from (f"{base}.{alias.name}" for alias in node.names)


def _in_a_migrations_package(name):
    return any(name == package or name.startswith(f"{package}.")
               for package in MIGRATION_PACKAGES)


def _app_code_imported_by(path, root=ROOT):
    package = ".".join(path.relative_to(root).parent.parts)  # forum.moderation.migrations
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        name for name in _imported_modules(tree, package)
        if name.split(".")[0] in APPS and not _in_a_migrations_package(name)
    ]


def test_the_import_check_reads_the_migrations_of_every_installed_app_of_the_project():
    assert set(MIGRATION_PACKAGES) >= {
        "accounts.migrations", "posts.migrations", "forum.migrations",
        "forum.moderation.migrations", "forum.notifications.migrations",
        "forum.conversations.migrations"}
    assert all(folder.is_dir() for folder in MIGRATION_PACKAGES.values())
    assert "django.contrib.auth.migrations" not in MIGRATION_PACKAGES


def test_no_migration_imports_app_code_so_old_migrations_never_change_meaning():
    files = sorted(path for folder in MIGRATION_PACKAGES.values() for path in folder.glob("*.py"))
    assert len(files) > 10
    offenders = {
        str(path.relative_to(ROOT)): names for path in files
        if (names := _app_code_imported_by(path))
    }
    assert offenders == {}


def test_the_import_check_catches_app_code_imported_inside_a_function(tmp_path):
    migration = tmp_path / "posts" / "migrations" / "0099_sneaky.py"
    migration.parent.mkdir(parents=True)
    migration.write_text(
        "from posts.migrations._operations import VendorSQL\n"
        "def forwards(apps, schema_editor):\n"
        "    from posts.rendering import render_markdown\n"
        "    from .. import symptoms\n"
    )
    assert _app_code_imported_by(migration, tmp_path) == ["posts.rendering", "posts.symptoms"]


def test_the_import_check_resolves_relative_imports_in_an_app_inside_forum(tmp_path):
    migration = tmp_path / "forum" / "moderation" / "migrations" / "0099_sneaky.py"
    migration.parent.mkdir(parents=True)
    migration.write_text(
        "from posts.migrations._operations import VendorSQL\n"
        "from ..services import hide\n"
        "from .. import queue\n"
    )
    assert _app_code_imported_by(migration, tmp_path) == [
        "forum.moderation.services", "forum.moderation.queue"]


def _shipped_markdown_and_html():
    yield "disclaimer", first_disclaimer.MARKDOWN, first_disclaimer.HTML
    for page in editorial_pages.PAGES:
        yield page["slug"], page["body"], page["body_html"]


@pytest.mark.parametrize(
    ("name", "markdown", "html"), list(_shipped_markdown_and_html()),
    ids=[name for name, _, _ in _shipped_markdown_and_html()],
)
def test_shipped_html_is_what_todays_renderer_makes_of_the_shipped_markdown(
    name, markdown, html
):
    # If this fails, the renderer changed: ship the new HTML in a new data migration.
    assert html == render_markdown(markdown)


def test_shipped_symptom_slugs_are_what_the_site_would_make_of_their_names():
    for row in curated_symptoms.CURATED_SYMPTOMS:
        assert row["slug"] == slugify(row["name"])
        assert all(slug == slugify(name) for slug, name in row["synonyms"].items())


@pytest.mark.django_db
def test_a_fresh_database_holds_exactly_the_rows_the_migrations_ship():
    assert list(Disclaimer.objects.values_list("version", "body", "body_html")) == [
        (1, first_disclaimer.MARKDOWN, first_disclaimer.HTML)
    ]
    assert sorted(Page.objects.values_list("slug", "title", "body", "body_html")) == sorted(
        (page["slug"], page["title"], page["body"], page["body_html"])
        for page in editorial_pages.PAGES
    )
    shipped = curated_symptoms.CURATED_SYMPTOMS
    assert sorted(Symptom.objects.values_list("slug", "name", "description", "is_curated")) \
        == sorted((row["slug"], row["name"], row["description"], True) for row in shipped)
    assert sorted(SymptomSynonym.objects.values_list("slug", "name", "symptom__slug")) \
        == sorted(
            (slug, name, row["slug"]) for row in shipped for slug, name in row["synonyms"].items()
        )
    assert (Symptom.objects.count(), SymptomSynonym.objects.count()) == (23, 67)


def _sqlmigrate(*args):
    out = io.StringIO()
    call_command("sqlmigrate", *args, stdout=out)
    return out.getvalue()


# What `sqlmigrate` must print for each database; the other database's statements show
# as "-- (no-op)".
SEARCH_SQL = {
    "postgresql": {
        "0007": [
            "CREATE INDEX CONCURRENTLY post_search ON posts_post USING GIN",
            "CREATE INDEX CONCURRENTLY comment_search ON posts_comment USING GIN",
        ],
        "0008": [
            "ALTER TABLE posts_comment ADD COLUMN search_document tsvector",
            "CREATE INDEX CONCURRENTLY comment_search_document ON posts_comment",
            "DROP INDEX CONCURRENTLY IF EXISTS comment_search;",
        ],
    },
    "sqlite": {
        "0007": [
            "CREATE VIRTUAL TABLE posts_search USING fts5(",
            "CREATE TRIGGER posts_search_comment_delete AFTER DELETE ON posts_comment",
            "SELECT id * 2 + 1, '', body, post_id, id FROM posts_comment;",
        ],
        "0008": ["-- (no-op)"],
    },
}


# Transactional: SQLite's schema editor, even one that only collects SQL, refuses to open
# inside the transaction a plain database test runs in.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("migration", ["0007", "0008"])
def test_sqlmigrate_prints_the_search_sql_for_this_database(migration):
    printed = _sqlmigrate("posts", migration)
    assert "Raw Python operation" not in printed
    for statement in SEARCH_SQL[connection.vendor][migration]:
        assert statement in printed
    for vendor, expected in SEARCH_SQL.items():
        if vendor != connection.vendor:
            assert not [s for s in expected[migration] if s != "-- (no-op)" and s in printed]
    # Non-atomic (indexes are built concurrently), so no BEGIN/COMMIT around it.
    assert "BEGIN;" not in printed


@pytest.mark.django_db(transaction=True)
def test_the_search_migrations_can_be_unapplied_and_applied_again():
    def schema():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                    "('posts_post', 'posts_comment') AND indexname LIKE '%search%' ORDER BY 1"
                )
                return cursor.fetchall()
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE 'posts_search%' ORDER BY 1"
            )
            return cursor.fetchall()

    migrated = schema()
    assert migrated
    call_command("migrate", "posts", "0006", verbosity=0)
    assert schema() == []
    call_command("migrate", "posts", verbosity=0)
    assert schema() == migrated
