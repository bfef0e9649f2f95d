"""Full-text search: weighted GIN indexes on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE posts_search USING fts5("
    "title, body, post_id UNINDEXED, comment_id UNINDEXED, tokenize='porter unicode61')",
    # rowid = 2 * post id for a post, 2 * comment id + 1 for a comment.
    "CREATE TRIGGER posts_search_post_insert AFTER INSERT ON posts_post BEGIN "
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "VALUES (new.id * 2, new.title, new.body, new.id, NULL); END",
    "CREATE TRIGGER posts_search_post_update AFTER UPDATE OF title, body ON posts_post BEGIN "
    "DELETE FROM posts_search WHERE rowid = old.id * 2; "
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "VALUES (new.id * 2, new.title, new.body, new.id, NULL); END",
    "CREATE TRIGGER posts_search_post_delete AFTER DELETE ON posts_post BEGIN "
    "DELETE FROM posts_search WHERE rowid = old.id * 2; END",
    "CREATE TRIGGER posts_search_comment_insert AFTER INSERT ON posts_comment BEGIN "
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "VALUES (new.id * 2 + 1, '', new.body, new.post_id, new.id); END",
    "CREATE TRIGGER posts_search_comment_update AFTER UPDATE OF body ON posts_comment BEGIN "
    "DELETE FROM posts_search WHERE rowid = old.id * 2 + 1; "
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "VALUES (new.id * 2 + 1, '', new.body, new.post_id, new.id); END",
    "CREATE TRIGGER posts_search_comment_delete AFTER DELETE ON posts_comment BEGIN "
    "DELETE FROM posts_search WHERE rowid = old.id * 2 + 1; END",
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "SELECT id * 2, title, body, id, NULL FROM posts_post",
    "INSERT INTO posts_search(rowid, title, body, post_id, comment_id) "
    "SELECT id * 2 + 1, '', body, post_id, id FROM posts_comment",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS posts_search_post_insert",
    "DROP TRIGGER IF EXISTS posts_search_post_update",
    "DROP TRIGGER IF EXISTS posts_search_post_delete",
    "DROP TRIGGER IF EXISTS posts_search_comment_insert",
    "DROP TRIGGER IF EXISTS posts_search_comment_update",
    "DROP TRIGGER IF EXISTS posts_search_comment_delete",
    "DROP TABLE IF EXISTS posts_search",
]
POSTGRES_FORWARD = [
    "CREATE INDEX post_search ON posts_post USING GIN (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')))",
    "CREATE INDEX comment_search ON posts_comment USING GIN ("
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS post_search", "DROP INDEX IF EXISTS comment_search"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)
    return apply


class Migration(migrations.Migration):
    dependencies = [("posts", "0006_polls_reactions_bookmarks")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
