"""Full-text search: weighted GIN indexes on PostgreSQL, an FTS5 table on SQLite.

Edited in place after release: the SQL used to run inside RunPython, which `sqlmigrate`
cannot print, and built the indexes with a plain CREATE INDEX, which locks posts and
comments against writes for the whole build. The statements now run through VendorSQL and
PostgreSQL builds the indexes concurrently. The end state (tables, triggers, index names and
definitions) is the same, so databases that applied the old version need nothing.
"""

from django.db import migrations

from posts.migrations._operations import VendorSQL

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
# CONCURRENTLY cannot run inside a transaction, hence atomic = False below.
POSTGRES_FORWARD = [
    "CREATE INDEX CONCURRENTLY post_search ON posts_post USING GIN (("
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')))",
    "CREATE INDEX CONCURRENTLY comment_search ON posts_comment USING GIN ("
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX CONCURRENTLY IF EXISTS post_search",
    "DROP INDEX CONCURRENTLY IF EXISTS comment_search",
]


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0006_polls_reactions_bookmarks")]
    operations = [
        # The table, its triggers and the backfill stand or fall together.
        VendorSQL(vendor="sqlite", sql=SQLITE_FORWARD, reverse_sql=SQLITE_BACKWARD),
        VendorSQL(
            vendor="postgresql", sql=POSTGRES_FORWARD, reverse_sql=POSTGRES_BACKWARD,
            atomic=False,
        ),
    ]
