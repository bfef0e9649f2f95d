"""Lists show an excerpt and the last reply's time without reading bodies or comments.

`excerpt` is the body's first ~200 characters as plain text; `last_activity_at` is the time
of the newest visible comment. Both are nullable so SQLite adds the columns in place (a
table rebuild would drop the search triggers). The backfill repeats the excerpt rules of
posts.models.posts.plain_excerpt here: migrations do not import app code.
"""

import re

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery

IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MARKS = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+[.)])\s+|[*_~`]+", re.MULTILINE)
LENGTH = 200


def excerpt(body):
    text = LINK.sub(r"\1", IMAGE.sub(r"\1", body or ""))
    text = " ".join(MARKS.sub(r"\1", text).split())
    if len(text) <= LENGTH:
        return text
    cut = text[:LENGTH].rsplit(" ", 1)[0] or text[:LENGTH]
    return cut.rstrip(" ,.;:") + "…"


def backfill(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    Comment = apps.get_model("posts", "Comment")
    newest = (Comment.objects.filter(post=OuterRef("pk"), status="visible")
              .values("post").annotate(newest=Max("created_at")).values("newest"))
    Post.objects.update(last_activity_at=Subquery(newest))
    batch = []
    for post in Post.objects.only("pk", "body").iterator(chunk_size=2000):
        post.excerpt = excerpt(post.body)
        batch.append(post)
        if len(batch) >= 2000:
            Post.objects.bulk_update(batch, ["excerpt"])
            batch = []
    Post.objects.bulk_update(batch, ["excerpt"])


class Migration(migrations.Migration):
    dependencies = [("posts", "0014_read_marks_and_post_follows")]
    operations = [
        migrations.AddField(
            model_name="post", name="excerpt",
            field=models.CharField(blank=True, editable=False, max_length=240, null=True),
        ),
        migrations.AddField(
            model_name="post", name="last_activity_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
