"""PostgreSQL: keep each post's weighted search vector stored, as comments already do (0008).

Search used to compute to_tsvector() for the title and body of every post row it checked
and ranked; at 100,000 posts that was most of a search's 290-340 ms. The generated column
holds the same expression as the old post_search index (title weighted A, body B), and a
GIN index over the column replaces it. SQLite keeps its FTS5 table (0007).
"""

from django.db import migrations

from posts.migrations._operations import VendorSQL

DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')"
)
ADD_COLUMN = [
    f"ALTER TABLE posts_post ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
    f"({DOCUMENT}) STORED",
]
DROP_COLUMN = ["ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document"]
# CONCURRENTLY cannot run inside a transaction, hence atomic = False below.
SWAP_INDEXES = [
    "CREATE INDEX CONCURRENTLY post_search_document ON posts_post USING GIN (search_document)",
    "DROP INDEX CONCURRENTLY IF EXISTS post_search",
]
SWAP_INDEXES_BACK = [
    f"CREATE INDEX CONCURRENTLY post_search ON posts_post USING GIN (({DOCUMENT}))",
    "DROP INDEX CONCURRENTLY IF EXISTS post_search_document",
]


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0009_most_discussed_index")]
    operations = [
        VendorSQL(vendor="postgresql", sql=ADD_COLUMN, reverse_sql=DROP_COLUMN),
        VendorSQL(
            vendor="postgresql", sql=SWAP_INDEXES, reverse_sql=SWAP_INDEXES_BACK, atomic=False
        ),
    ]
