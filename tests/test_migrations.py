"""Migrations stand alone: they ship their own data, and their SQL can be read before it runs.

The test database itself is built by running every migration from zero, so each run of the
suite (on SQLite and on PostgreSQL) also proves a fresh install works.
"""

import ast
import importlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils.text import slugify

from forum.models import Page
from posts.migrations._operations import VendorSQL
from posts.models import Disclaimer, Symptom, SymptomSynonym
from posts.rendering import render_markdown

ROOT = Path(__file__).resolve().parent.parent

first_disclaimer = importlib.import_module("posts.migrations.0002_first_disclaimer")
curated_symptoms = importlib.import_module("posts.migrations.0005_curated_symptoms")
editorial_pages = importlib.import_module("forum.migrations.0002_editorial_pages")
tappable_helplines = importlib.import_module("forum.migrations.0004_tappable_helplines")
privacy_page = importlib.import_module("forum.migrations.0005_privacy_page")


def _shipped_page(page):
    """A page as the migrations leave it: 0004 made the crisis page's helplines tappable."""
    if page["slug"] == "crisis-support":
        return {**page, "body": tappable_helplines.TAPPABLE_BODY,
                "body_html": tappable_helplines.TAPPABLE_BODY_HTML}
    return page


def _project_migration_packages():
    """{migrations package: its folder} for every installed app of this project (not
    Django's or a library's), read from INSTALLED_APPS, so a new app is checked too."""
    packages = {}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if ROOT not in path.parents:
            continue
        inside = path.relative_to(ROOT).parts  # a virtualenv in the checkout (.venv) is not ours
        if inside[0].startswith(".") or "site-packages" in inside:
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
    for page in map(_shipped_page, editorial_pages.PAGES):
        yield page["slug"], page["body"], page["body_html"]
    yield privacy_page.SLUG, privacy_page.BODY, privacy_page.BODY_HTML


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
        [(page["slug"], page["title"], page["body"], page["body_html"])
         for page in map(_shipped_page, editorial_pages.PAGES)]
        + [(privacy_page.SLUG, privacy_page.TITLE, privacy_page.BODY, privacy_page.BODY_HTML)]
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
    # Every app, not only posts: going back to 0006 also unapplied the migrations of other
    # apps that depend on a later posts migration (moderation 0002: reports of private
    # messages), and the tests that run after this one need the whole schema.
    call_command("migrate", verbosity=0)
    assert schema() == migrated
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


# The large, busy tables (docs/architecture.md, "Migrations"): an index added to one once it
# exists is built CONCURRENTLY on PostgreSQL (a plain CREATE INDEX locks the table's writes for
# the whole build), through VendorSQL in a migration with atomic = False; SeparateDatabaseAndState
# gives Django's model state the same index (posts/migrations/0017_*.py).
LARGE_TABLES = {"posts_post", "posts_comment"}
PLAIN_CREATE_INDEX = re.compile(
    r"\bCREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY\b)(?:IF\s+NOT\s+EXISTS\s+)?\S+\s+ON\s+"
    r"(?:ONLY\s+)?\"?(?P<table>\w+)\"?", re.IGNORECASE)
CONCURRENTLY = re.compile(r"\bCONCURRENTLY\b", re.IGNORECASE)


def _database_operations(operations):
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _database_operations(operation.database_operations)
        else:
            yield operation


def _table(state, app_label, model_name):
    model = state.models.get((app_label, model_name.lower()))
    if model is None:  # created by this very migration: an empty table
        return None
    return model.options.get("db_table") or f"{app_label}_{model.name_lower}"


def _builds_an_index(operation):
    if type(operation).__name__.endswith("Concurrently"):  # django.contrib.postgres's own
        return False
    if isinstance(operation, migrations.AddIndex):
        return True
    if isinstance(operation, migrations.AddConstraint):
        return isinstance(operation.constraint, models.UniqueConstraint)
    if isinstance(operation, migrations.AddField):
        return bool(operation.field.db_index or operation.field.unique)
    return False


def _postgresql_statements(operation):
    if isinstance(operation, VendorSQL):
        return operation.sql if operation.vendor == "postgresql" else []
    if isinstance(operation, migrations.RunSQL):
        sql = operation.sql
        return [sql] if isinstance(sql, str) else [s if isinstance(s, str) else s[0]
                                                   for s in sql]
    return []


def locking_index_builds(migration, state):
    """What `migration`, run on `state` (the schema before it), does to a large table that
    locks its writes, and concurrent SQL it cannot run (inside a transaction)."""
    found = []
    for operation in _database_operations(migration.operations):
        if _builds_an_index(operation) and _table(
                state, migration.app_label, operation.model_name) in LARGE_TABLES:
            found.append(f"{operation.describe()}: a plain CREATE INDEX")
        for statement in _postgresql_statements(operation):
            plain = PLAIN_CREATE_INDEX.search(statement)
            if plain and plain["table"] in LARGE_TABLES:
                found.append(f"{statement[:60]}…: not CONCURRENTLY")
            if CONCURRENTLY.search(statement) and (
                    migration.atomic or getattr(operation, "atomic", True)):
                found.append(f"{statement[:60]}…: CONCURRENTLY inside a transaction")
    return found


def _project_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = {config.label for config in apps.get_app_configs()
              if MigrationLoader.migrations_module(config.label)[0] in MIGRATION_PACKAGES}
    return loader, sorted(key for key in loader.disk_migrations if key[0] in labels)


def test_indexes_on_the_large_tables_are_built_concurrently_on_postgresql():
    loader, keys = _project_migrations()
    assert ("posts", "0012_comment_helped") in keys
    offenders = {
        f"{app_label}.{name}": found for app_label, name in keys
        if (found := locking_index_builds(loader.disk_migrations[app_label, name],
                                          loader.project_state((app_label, name),
                                                               at_end=False)))
    }
    assert offenders == {}


def test_the_concurrency_check_names_a_plain_add_index_on_comments_as_0012_had_it():
    loader, _ = _project_migrations()
    state = loader.project_state(("posts", "0012_comment_helped"), at_end=False)
    old = migrations.Migration("0012_comment_helped", "posts")
    old.operations = [
        migrations.AddField("comment", "helped_at", models.DateTimeField(blank=True, null=True)),
        migrations.AddIndex("comment", models.Index(
            condition=models.Q(("helped_at__isnull", False)), fields=["post", "helped_at"],
            name="comment_helped")),
    ]
    assert len(locking_index_builds(old, state)) == 1
    # A table created by the same migration is empty: a plain index on it is fine.
    new_table = migrations.Migration("0001_initial", "posts")
    new_table.operations = [
        migrations.CreateModel("Post", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AddIndex("post", models.Index(fields=["id"], name="post_id_again")),
    ]
    assert locking_index_builds(new_table, loader.project_state(("posts", "0001_initial"),
                                                               at_end=False)) == []


@pytest.mark.parametrize(("sql", "atomic", "problem"), [
    ('CREATE INDEX "x" ON "posts_comment" ("post_id")', False, "not CONCURRENTLY"),
    ("CREATE UNIQUE INDEX x ON posts_post (slug)", False, "not CONCURRENTLY"),
    ('CREATE INDEX CONCURRENTLY "x" ON "posts_comment" ("post_id")', True, "transaction"),
    ('CREATE INDEX CONCURRENTLY "x" ON "posts_comment" ("post_id")', False, None),
    ('CREATE INDEX "x" ON "posts_postfollow" ("post_id")', False, None),
])
def test_the_concurrency_check_reads_postgresql_sql(sql, atomic, problem):
    migration = migrations.Migration("0099_sql", "posts")
    migration.atomic = atomic
    migration.operations = [VendorSQL(vendor="postgresql", sql=[sql], atomic=atomic),
                            VendorSQL(vendor="sqlite", sql=['CREATE INDEX "x" ON posts_post'])]
    found = locking_index_builds(migration, None)
    assert (problem in found[0]) if problem else found == []


# --- Rolling back one release ------------------------------------------------------------------
# The last release's migrations (each app's latest then); everything after is this release's.
# A rollback that loses data does so on purpose, named here: private messages did not exist
# in the last release, so their conversations, the reports about them and the notifications
# of them go (docs: back up before rolling back); every other row stays.
LAST_RELEASE = [("accounts", "0009_reading_and_following_settings"), ("forum", "0003_cache_table"),
                ("moderation", "0001_initial"),
                ("notifications", "0005_notification_kinds_helped_and_watched"),
                ("posts", "0015_post_excerpt_and_last_activity"), ("conversations", None)]


def _a_release_of_real_data():
    from forum.conversations.services import start_conversation
    from forum.moderation.reports import file_message_report, file_report
    from forum.moderation.services import hide
    from forum.moderation.services.messages import hide_message
    from posts.models import Poll
    from posts.services import post_comment
    from posts.services.comments import delete_comment
    from posts.services.community import set_poll, vote
    from tests.factories import make_post, make_user

    author, reader = make_user("rb_author"), make_user("rb_reader")
    moderator = make_user("rb_mod", moderator=True)
    post = make_post(author, title="Cooling vests in a heatwave")
    poll = set_poll(author=author, post=post, question="Do they help?", choices=["Yes", "No"])
    vote(user=reader, poll=poll, choice_id=poll.choices.first().pk)
    comment = post_comment(author=reader, post=post, body="I wear one every day.")
    post_comment(author=author, post=post, parent=comment, body="Which one?")
    delete_comment(actor=reader, comment=comment)  # a tombstone: it holds a reply
    file_report(reporter=reader, post=post, reason="spam", details="")
    for member in (author, reader):
        member.emailaddress_set.create(email=member.email, verified=True, primary=True)
    message = start_conversation(sender=author, recipient_handle=reader.username,
                                 body="Thank you for the tip.")
    file_message_report(reporter=reader, message=message, reason="spam", details="")
    second = start_conversation(sender=author, recipient_handle=reader.username,
                                body="Another message.")
    file_message_report(reporter=reader, message=second, reason="other", details="Unkind")
    hide_message(moderator=moderator, message=second, guideline="be_gentle",
                 statement="Please be kind.")
    hide(moderator=moderator, post=post, comment=None, guideline="be_gentle",
         statement="Hidden for a while.")
    assert Poll.objects.count() == 1
    return post


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("back", ["to the last release", "migrate posts 0008"])
def test_one_release_rolls_back_and_forward_with_reported_messages_polls_and_tombstones(back):
    from posts.models import Comment, PollVote

    post = _a_release_of_real_data()
    if back == "migrate posts 0008":  # as the report tried it: further back, the same rows
        call_command("migrate", "posts", "0008", verbosity=0)
    else:
        MigrationExecutor(connection).migrate(LAST_RELEASE)
        with connection.cursor() as cursor:
            assert "conversations_message" not in connection.introspection.table_names(cursor)
        kinds = {kind for (kind,) in _rows("SELECT kind FROM notifications_notification")}
        assert "message" not in kinds and "moderation" in kinds
    # Read with SQL: today's models have columns the old schema does not.
    # The post's report stays; the reports of messages went.
    assert _rows("SELECT post_id, comment_id FROM moderation_report") == [(post.pk, None)]
    assert _rows("SELECT id FROM posts_post") == [(post.pk,)]
    assert _rows("SELECT count(*) FROM posts_pollvote") == [(1,)]
    assert _rows("SELECT count(*) FROM posts_comment WHERE status = 'deleted'") == [(1,)]
    assert len(_rows("SELECT id FROM moderation_moderationaction")) == 2  # still on the record

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert Comment.objects.count() == 2 and PollVote.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_email_queued_before_the_plumbing_moved_is_sent_after_the_upgrade(settings):
    """notifications 0009: a task queued under accounts.mail.send_email (the path before the
    plumbing left accounts/) points at plumbing.mail.send_email after migrating, and back."""
    from django_tasks_db.models import DBTaskResult

    from plumbing.mail import Email, as_data, send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("migrate", "notifications", "0008", verbosity=0)
    result = send_email.enqueue(as_data(Email(subject="Hello", body="Hi", to=["a@b.org"])))
    DBTaskResult.objects.filter(pk=result.id).update(task_path="accounts.mail.send_email")
    call_command("migrate", verbosity=0)
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.task_path == "plumbing.mail.send_email"
    assert stored.task.func is send_email.func
    call_command("migrate", "notifications", "0008", verbosity=0)
    assert DBTaskResult.objects.get(pk=result.id).task_path == "accounts.mail.send_email"
    call_command("migrate", verbosity=0)
