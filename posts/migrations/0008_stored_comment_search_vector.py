"""PostgreSQL: keep each comment's search vector stored, so matches are not recomputed.

Phrase queries (a symptom's other names) match many comments; checking each against a
stored vector instead of a fresh to_tsvector() made "banding" over 100,000 comments about
ten times faster in `make bench`. SQLite keeps using its FTS5 table.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE posts_comment ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))) STORED",
    "CREATE INDEX comment_search_document ON posts_comment USING GIN (search_document)",
    "DROP INDEX IF EXISTS comment_search",
]
BACKWARD = [
    "CREATE INDEX comment_search ON posts_comment USING GIN ("
    "(to_tsvector('english'::regconfig, COALESCE(body, ''))))",
    "DROP INDEX IF EXISTS comment_search_document",
    "ALTER TABLE posts_comment DROP COLUMN IF EXISTS search_document",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)
    return apply


class Migration(migrations.Migration):
    dependencies = [("posts", "0007_search")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
