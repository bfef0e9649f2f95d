"""Top-level comments of a post get an index that holds everything their pages check.

The story page counts its top-level comments (a few pages ahead) and the redirect after a
new comment counts those before it. Over comment_post_roots (post_id, id) PostgreSQL
preferred walking the primary key or the parent_id index across the whole table (1.2 s and
0.9 s at 1,000,000 comments in `make bench`); this index also holds status, reply_count
and author_id, so both become index-only scans of one post's top-level comments.

Built CONCURRENTLY on PostgreSQL (atomic = False), then the old index is dropped.
"""

from django.db import migrations, models

from posts.migrations._operations import VendorSQL

NEW = ('"comment_roots_shown" ON "posts_comment" '
       '("post_id", "id", "status", "reply_count", "author_id") WHERE "parent_id" IS NULL')
OLD = '"comment_post_roots" ON "posts_comment" ("post_id", "id") WHERE "parent_id" IS NULL'


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0010_stored_post_search_vector")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="comment", name="comment_post_roots"),
                migrations.AddIndex(
                    model_name="comment",
                    index=models.Index(
                        condition=models.Q(("parent__isnull", True)),
                        fields=["post", "id", "status", "reply_count", "author"],
                        name="comment_roots_shown",
                    ),
                ),
            ],
            database_operations=[
                VendorSQL(
                    vendor="postgresql",
                    sql=[f"CREATE INDEX CONCURRENTLY {NEW}",
                         'DROP INDEX CONCURRENTLY IF EXISTS "comment_post_roots"'],
                    reverse_sql=[f"CREATE INDEX CONCURRENTLY {OLD}",
                                 'DROP INDEX CONCURRENTLY IF EXISTS "comment_roots_shown"'],
                    atomic=False,
                ),
                VendorSQL(
                    vendor="sqlite",
                    sql=[f"CREATE INDEX {NEW}", 'DROP INDEX IF EXISTS "comment_post_roots"'],
                    reverse_sql=[f"CREATE INDEX {OLD}", 'DROP INDEX IF EXISTS "comment_roots_shown"'],
                ),
            ],
        ),
    ]
