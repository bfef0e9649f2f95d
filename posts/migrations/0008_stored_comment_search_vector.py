"""PostgreSQL: keep each comment's search vector stored, so matches are not recomputed.

Phrase queries (a symptom's other names) match many comments; checking each against a
stored vector instead of a fresh to_tsvector() made "banding" over 100,000 comments about
ten times faster in `make bench`. SQLite keeps using its FTS5 table.

Edited in place after release: the SQL used to run inside RunPython (invisible to
`sqlmigrate`) and built the index with a plain CREATE INDEX. It now runs through VendorSQL
and builds and drops the indexes concurrently. The end state (column, index names and
definitions) is the same, so databases that applied the old version need nothing.
"""

from django.db import migrations

from posts.migrations._operations import VendorSQL

ADD_COLUMN = [
    "ALTER TABLE posts_comment ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))) STORED",
]
DROP_COLUMN = ["ALTER TABLE posts_comment DROP COLUMN IF EXISTS search_document"]
# CONCURRENTLY cannot run inside a transaction, hence atomic = False below.
SWAP_INDEXES = [
    "CREATE INDEX CONCURRENTLY comment_search_document ON posts_comment "
    "USING GIN (search_document)",
    "DROP INDEX CONCURRENTLY IF EXISTS comment_search",
]
SWAP_INDEXES_BACK = [
    "CREATE INDEX CONCURRENTLY comment_search ON posts_comment USING GIN ("
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))))",
    "DROP INDEX CONCURRENTLY IF EXISTS comment_search_document",
]


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("posts", "0007_search")]
    operations = [
        VendorSQL(vendor="postgresql", sql=ADD_COLUMN, reverse_sql=DROP_COLUMN),
        VendorSQL(
            vendor="postgresql", sql=SWAP_INDEXES, reverse_sql=SWAP_INDEXES_BACK, atomic=False
        ),
    ]
