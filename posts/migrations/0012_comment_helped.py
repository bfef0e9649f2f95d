"""Replies the asker marked as helpful: the time they were marked, and an index for a post's
marked replies (comment_helped (post_id, helped_at) WHERE helped_at IS NOT NULL).

Edited in place after release: the index was a plain AddIndex, a CREATE INDEX that locks
comment writes on a large PostgreSQL site for the whole build. The database side is now by
hand, as in 0017: CONCURRENTLY on PostgreSQL (atomic = False), plain CREATE INDEX on SQLite;
the model state gets the same index. The end state (column, index name and definition) is
the same, so databases that applied the old version need nothing. If the build is
interrupted on PostgreSQL, drop the invalid index it leaves and the helped_at column before
migrating again (the column was added before the index, outside a transaction).
"""

from django.conf import settings
from django.db import migrations, models

from posts.migrations._operations import VendorSQL

INDEX = ('"comment_helped" ON "posts_comment" ("post_id", "helped_at") '
         'WHERE "helped_at" IS NOT NULL')


def statements(concurrently):
    create = "CREATE INDEX CONCURRENTLY" if concurrently else "CREATE INDEX"
    drop = "DROP INDEX CONCURRENTLY IF EXISTS" if concurrently else "DROP INDEX IF EXISTS"
    return {"sql": [f"{create} {INDEX}"], "reverse_sql": [f'{drop} "comment_helped"']}


class Migration(migrations.Migration):
    atomic = False
    dependencies = [
        ("posts", "0011_top_level_comments_covering_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]
    operations = [
        migrations.AddField(
            model_name="comment",
            name="helped_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="comment",
                    index=models.Index(condition=models.Q(("helped_at__isnull", False)),
                                       fields=["post", "helped_at"], name="comment_helped"),
                ),
            ],
            database_operations=[
                VendorSQL(vendor="postgresql", **statements(concurrently=True), atomic=False),
                VendorSQL(vendor="sqlite", **statements(concurrently=False)),
            ],
        ),
    ]
