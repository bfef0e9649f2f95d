"""An index that serves the home page's "Most discussed" list without reading every post.

The model state gets the index as usual; the database builds it CONCURRENTLY on PostgreSQL
(posts_post is large and busy), hence atomic = False, and plainly on SQLite.
"""

from django.db import migrations, models

from posts.migrations._operations import VendorSQL

COLUMNS = '"posts_post" ("comment_count" DESC, "published_at" DESC, "id" DESC) ' \
    "WHERE (\"comment_count\" > 0 AND \"status\" = 'published')"
INDEX = models.Index(
    condition=models.Q(("comment_count__gt", 0), ("status", "published")),
    fields=["-comment_count", "-published_at", "-id"], name="post_most_discussed",
)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0008_stored_comment_search_vector")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="post", index=INDEX)],
            database_operations=[
                VendorSQL(
                    vendor="postgresql",
                    sql=[f'CREATE INDEX CONCURRENTLY "post_most_discussed" ON {COLUMNS}'],
                    reverse_sql=['DROP INDEX CONCURRENTLY IF EXISTS "post_most_discussed"'],
                    atomic=False,
                ),
                VendorSQL(
                    vendor="sqlite",
                    sql=[f'CREATE INDEX "post_most_discussed" ON {COLUMNS}'],
                    reverse_sql=['DROP INDEX IF EXISTS "post_most_discussed"'],
                ),
            ],
        ),
    ]
