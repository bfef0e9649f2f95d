"""A post its author deleted while other members' replies hang under it becomes a tombstone:
`deleted_at` says when. Nullable, so SQLite adds the column in place (a table rebuild would
drop the search triggers), and reversible: going back drops the column, and a tombstone then
reads as an ordinary post whose title is "The author deleted this post" and body is empty.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("posts", "0017_comment_after_seen_and_waiting_indexes")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="deleted_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
