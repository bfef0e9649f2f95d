"""Bulk rows for `make bench`: posts and comments written by INSERT … SELECT in the database.

One statement per table builds 100,000 posts or 1,000,000 comments without a Python object
per row. PostgreSQL counts with generate_series; SQLite with a recursive CTE. Comments come
in pairs (a top-level comment and one reply), spread evenly over the bulk posts.
"""

from datetime import UTC, datetime

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from forum.demo.content import COMMENT_CLOSERS, COMMENT_MIDDLES, COMMENT_OPENERS
from posts.models import Comment, Disclaimer, Post, Symptom

SERIES = {
    "postgresql": "SELECT g FROM generate_series(1, %s) AS g",
    "sqlite": "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %s) "
              "SELECT g FROM s",
}
MINUTES_BEFORE = {
    "postgresql": "(%s::timestamptz - make_interval(mins => ({n})::int))",
    "sqlite": "datetime(%s, '-' || ({n}) || ' minutes')",
}
SEGMENT = {
    "postgresql": "lpad(({n})::text, 10, '0')",
    "sqlite": "substr('0000000000' || ({n}), -10, 10)",
}


# Small talk that matches none of the bench's searches. One row in TOPICAL takes its text
# from the demo's comments, which do (all rows from them made "cooling towels" match a
# quarter of the site, which no real forum does).
SMALL_TALK = [
    "Thank you for sharing this with us.", "Good morning everyone, hope today is kind.",
    "I read this twice and nodded all the way through.", "Welcome, glad you found us.",
    "Same here, you put it better than I could.", "Following along, thanks for posting.",
    "Hope the appointment went well.", "That made me smile this morning.",
]
TOPICAL = 50


def _bodies():
    return [f"{opener} {middle} {closer}".strip()
            for opener in COMMENT_OPENERS for middle in COMMENT_MIDDLES
            for closer in COMMENT_CLOSERS]


def _fill_bodies(cursor):
    """A temporary table of texts, and the SQL that picks row g's text from it."""
    cursor.execute("DROP TABLE IF EXISTS bench_bodies")
    cursor.execute("CREATE TEMPORARY TABLE bench_bodies (i integer PRIMARY KEY, body text)")
    topical = _bodies()
    cursor.executemany("INSERT INTO bench_bodies (i, body) VALUES (%s, %s)",
                       list(enumerate(topical + SMALL_TALK)))
    return (f"CASE WHEN g %% {TOPICAL} = 0 THEN (g / {TOPICAL}) %% {len(topical)} "
            f"ELSE {len(topical)} + g %% {len(SMALL_TALK)} END")


def _now():
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _reset_sequences(*models):
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)


def bulk_posts(author, count, *, every_minutes=10):
    """`count` published posts, one every `every_minutes` back from now, a fifth of them
    members-only, each tagged with one curated symptom in turn. Returns the first new id."""
    vendor = connection.vendor
    first = (Post.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    disclaimer = Disclaimer.objects.order_by("-id").values_list("id", flat=True).first()
    symptoms = list(Symptom.objects.filter(is_curated=True).order_by("id")
                    .values_list("id", flat=True))
    published = MINUTES_BEFORE[vendor].format(n=f"g * {every_minutes}")
    tag_of = " ".join(f"WHEN {n} THEN {pk}" for n, pk in enumerate(symptoms))
    with connection.cursor() as cursor:
        pick = _fill_bodies(cursor)
        cursor.execute(
            "INSERT INTO posts_post (id, kind, title, slug, author_name, body, body_html, "
            "status, visibility, is_locked, created_at, published_at, edited_at, "
            "comment_count, author_id, disclaimer_id) "
            f"SELECT %s + g - 1, 'story', 'Bulk story ' || g, 'bulk-story-' || (%s + g), %s, "
            "b.body, '<p>' || b.body || '</p>', 'published', "
            "CASE WHEN g %% 5 = 0 THEN 'members' ELSE 'public' END, false, "
            f"{published}, {published}, NULL, 0, %s, %s "
            f"FROM ({SERIES[vendor]}) AS series JOIN bench_bodies b ON b.i = {pick}",
            [first, first, author.username, _now(), _now(), author.pk, disclaimer, count],
        )
        cursor.execute(
            "INSERT INTO posts_taggedpost (content_object_id, tag_id) "
            f"SELECT %s + g - 1, CASE g %% %s {tag_of} END "
            f"FROM ({SERIES[vendor]}) AS series",
            [first, len(symptoms), count],
        )
    _reset_sequences(Post)
    return first


def bulk_comments(author, pairs, *, first_post, posts):
    """`pairs` top-level comments, each with one reply, spread over posts
    first_post … first_post + posts - 1; their comment counts are updated."""
    vendor = connection.vendor
    base = (Comment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    own, parent = "(%s + g - 1)", "(%s + g - 2)"
    root_seg = SEGMENT[vendor].format(n=parent)
    with connection.cursor() as cursor:
        pick = _fill_bodies(cursor)
        # g odd: a top-level comment; g even: its reply. Ids are base + g - 1.
        cursor.execute(
            "INSERT INTO posts_comment (id, depth, path, reply_to_name, author_name, body, "
            "body_html, status, created_at, edited_at, reply_count, author_id, parent_id, "
            "post_id, root_id) "
            f"SELECT {own}, CASE WHEN g %% 2 = 1 THEN 0 ELSE 1 END, "
            f"CASE WHEN g %% 2 = 1 THEN {SEGMENT[vendor].format(n=own)} "
            f"ELSE {root_seg} || '/' || {SEGMENT[vendor].format(n=own)} END, "
            "'', %s, b.body, '<p>' || b.body || '</p>', 'visible', %s, NULL, "
            "CASE WHEN g %% 2 = 1 THEN 1 ELSE 0 END, %s, "
            f"CASE WHEN g %% 2 = 1 THEN NULL ELSE {parent} END, "
            "%s + ((g - 1) / 2) %% %s, "
            f"CASE WHEN g %% 2 = 1 THEN {own} ELSE {parent} END "
            f"FROM ({SERIES[vendor]}) AS series JOIN bench_bodies b ON b.i = {pick}",
            [base, base, base, base, author.username, _now(), author.pk,
             base, first_post, posts, base, base, pairs * 2],
        )
        cursor.execute(
            "UPDATE posts_post SET comment_count = (SELECT COUNT(*) FROM posts_comment c "
            "WHERE c.post_id = posts_post.id) WHERE id >= %s AND id < %s",
            [first_post, first_post + posts],
        )
    _reset_sequences(Comment)


def analyze():
    """Statistics, and on PostgreSQL what autovacuum does for a live site: the visibility map
    (index-only scans) and GIN pending lists merged (a bulk load leaves them full)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
