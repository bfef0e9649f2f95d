"""Two comment indexes that keep a member's lists and story page to a range at any size:
- comment_after_seen (post_id, id): "N new" counts a post's comments after the id the
  member last saw (capped at 101) instead of every comment of the post;
- comment_waiting (post_id, author_id, status): a member's own comments waiting for review
  on a story page.

Database side by hand, as in 0011: CONCURRENTLY on PostgreSQL (atomic = False), so building
them never locks comment writes on a large site; plain CREATE INDEX on SQLite.
"""

from django.db import migrations, models

from posts.migrations._operations import VendorSQL

INDEXES = {
    "comment_after_seen": '"posts_comment" ("post_id", "id")',
    "comment_waiting": '"posts_comment" ("post_id", "author_id", "status")',
}


def statements(concurrently):
    create = "CREATE INDEX CONCURRENTLY" if concurrently else "CREATE INDEX"
    drop = "DROP INDEX CONCURRENTLY IF EXISTS" if concurrently else "DROP INDEX IF EXISTS"
    return {"sql": [f'{create} "{name}" ON {on}' for name, on in INDEXES.items()],
            "reverse_sql": [f'{drop} "{name}"' for name in INDEXES]}


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0016_rate_counts")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="comment",
                    index=models.Index(fields=["post", "id"], name="comment_after_seen"),
                ),
                migrations.AddIndex(
                    model_name="comment",
                    index=models.Index(fields=["post", "author", "status"],
                                       name="comment_waiting"),
                ),
            ],
            database_operations=[
                VendorSQL(vendor="postgresql", **statements(concurrently=True), atomic=False),
                VendorSQL(vendor="sqlite", **statements(concurrently=False)),
            ],
        ),
    ]
