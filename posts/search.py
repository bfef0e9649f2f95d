"""Full-text search over titles, bodies and comments.

PostgreSQL: weighted search vectors (title above body) with GIN indexes, ranking and
highlighted snippets. SQLite: an FTS5 table kept in step by triggers (migration 0007).
Symptom names, synonyms and the telling words of names expand the query: "banding" also
finds the MS hug, "spasticity" finds leg and back spasticity. Each path only reports where
the words matched; the order comes from posts/search_ranking.py, the same for both.
Only what the searcher may see comes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, Q, Value
from django.db.models.expressions import RawSQL

from plumbing.refusals import Refused

from . import cache_versions
from .models import Comment, Post, Symptom, SymptomSynonym
from .search_ranking import Signals, ranked_ids, telling_words, words

if TYPE_CHECKING:
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import QuerySet

    from accounts.types import Viewer

# Highlighted snippets (post id -> HTML) for the post ids of one page.
type Snippets = Callable[[Iterable[int]], dict[int, str]]
# A row of postgres_ranked: post id, rank, and whether the words matched its title, its
# body, title and body together.
type RankedRow = tuple[int, float, bool, bool, bool]

MAX_QUERY = 200
MAX_TERMS = 12
MAX_HITS = 500
# PostgreSQL ranks at most this many of the newest matching posts and of the newest matching
# comments: a common word ("banding" matches one comment in six) would otherwise rank tens
# of thousands of posts to show 500. Newest first by primary key, so the planner can walk the
# id index and stop (or, for a rare word, sort the few rows the GIN index finds).
CANDIDATES = 500
# Posts that only carry a symptom the query names (no word matched) join the results newest
# first, up to this many: finding them walks the latest-posts index and stops.
TAGGED_ONLY = 100
MARK_OPEN, MARK_CLOSE = "\u2039\u2039", "\u203a\u203a"  # replaced by <mark> after escaping


@dataclass
class Hit:
    post: Post
    snippet: str


def terms_of(query: str | None) -> tuple[str, list[str]]:
    query = (query or "").replace("\x00", " ").strip()
    if not query:
        raise Refused("Type a word or two to search for.")
    if len(query) > MAX_QUERY:
        raise Refused(f"Please keep your search under {MAX_QUERY} characters.")
    terms = re.findall(r"\w+", query.lower())[:MAX_TERMS]
    if not terms:
        raise Refused("Type a word or two to search for (letters or numbers).")
    return query, terms


Vocabulary = tuple[list[tuple[int, str]], list[tuple[int, str]]]


def _vocabulary_from_the_database() -> Vocabulary:
    rows = (Symptom.objects.filter(is_curated=True).annotate(synonym=Value(False))
            .values_list("pk", "name", "synonym").order_by()
            .union(SymptomSynonym.objects.filter(symptom__is_curated=True)
                   .annotate(synonym=Value(True))
                   .values_list("symptom_id", "name", "synonym").order_by(), all=True))
    names: list[tuple[int, str]] = []  # one query for both
    synonyms: list[tuple[int, str]] = []
    for pk, name, synonym in rows:
        (synonyms if synonym else names).append((pk, name))
    return names, synonyms


def vocabulary() -> Vocabulary:
    """(names, synonyms) of the curated symptoms: read once per site version (a symptom or
    a synonym saved or deleted bumps it, posts/cache_hooks.py), from the database when the
    cache is down."""
    versions = cache_versions.current_versions([cache_versions.SITE])
    return cache_versions.remembered(f"symptom-words-v1:{versions[0]}",
                                     _vocabulary_from_the_database, 60 * 60,
                                     what="symptom words")


def expansions(query: str) -> tuple[set[int], list[str]]:
    """Symptoms the query names, by name or synonym or by a telling word of a name (see
    search_ranking), and all the words people use for them."""
    query_words = words(query)
    text, said = f" {' '.join(query_words)} ", set(query_words)
    names, synonyms = vocabulary()
    matched = {pk for pk, name in names + synonyms if f" {' '.join(words(name))} " in text}
    matched |= {pk for pk, name in names if telling_words(name) & said}
    phrases = sorted({name for pk, name in names + synonyms if pk in matched})
    return matched, phrases


def _marked(text: str | None) -> str:
    return escape(text or "").replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def search(query: str | None, user: Viewer, *,
           tag: Symptom | None = None) -> tuple[list[int], Snippets]:
    """Matching post ids in rank order, and a function giving highlighted snippets for the
    ids of one page."""
    query, terms = terms_of(query)
    symptom_ids, phrases = expansions(query)
    if connection.vendor == "postgresql":
        found, snippets = _postgres(terms, phrases)
    else:
        found, snippets = _sqlite(terms, phrases)
    listed = Post.objects.listed_for(user)
    if tag is not None:
        listed = listed.tagged(tag)
    tagged_only: set[int] = set()
    in_tags: Exists | Value = Value(False, output_field=BooleanField())
    if symptom_ids:
        # The newest tagged posts, from the latest-posts index (a join read every tagging);
        # whether a matching post carries the symptom is asked of that post alone.
        tagged_only = set(listed.tagged_any(symptom_ids).latest()
                          .values_list("pk", flat=True)[:TAGGED_ONLY])
        in_tags = Post.objects.carries_any(symptom_ids)
    signals: dict[int, Signals] = {}
    # has_helped is with_helped()'s annotation, which the stubs cannot see through Self.
    rows = (listed.filter(pk__in=set(found) | tagged_only).with_helped()
            .annotate(in_tags=in_tags)
            .values_list("pk", "published_at", "has_helped", "in_tags"))
    for pk, published_at, helped, is_tagged in rows:
        signal = found.get(pk) or Signals()
        signal.tagged, signal.helped, signal.published_at = is_tagged, helped, published_at
        signals[pk] = signal
    return ranked_ids(signals), snippets


def _visible_comment_posts(comment_hits: dict[int, int]) -> dict[int, int]:
    """Comment hits count only for comments others can see."""
    visible = set(Comment.objects.public().filter(pk__in=comment_hits)
                  .values_list("pk", flat=True))
    return {cid: pid for cid, pid in comment_hits.items() if cid in visible}


def _fts_query(terms: list[str], phrases: list[str]) -> str:
    # Every term and phrase is quoted, so nothing the member types is FTS syntax.
    words = " AND ".join(f'"{term}"' for term in terms)
    alternatives = [f"({words})"] + [
        '"' + " ".join(re.findall(r"\w+", phrase.lower())) + '"' for phrase in phrases]
    return " OR ".join(alternatives)


def _sqlite(terms: list[str], phrases: list[str]) -> tuple[dict[int, Signals], Snippets]:
    match = _fts_query(terms, phrases)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT post_id, comment_id, bm25(posts_search, 10.0, 1.0), "
            "snippet(posts_search, 1, %s, %s, '…', 16) FROM posts_search "
            "WHERE posts_search MATCH %s ORDER BY bm25(posts_search, 10.0, 1.0) LIMIT %s",
            [MARK_OPEN, MARK_CLOSE, match, MAX_HITS],
        )
        rows = cursor.fetchall()
        # Where a post's own words matched: its title, its body (one statement for both).
        cursor.execute(
            "SELECT post_id, 'title' FROM posts_search WHERE posts_search MATCH %s "
            "AND comment_id IS NULL UNION ALL SELECT post_id, 'body' FROM posts_search "
            "WHERE posts_search MATCH %s AND comment_id IS NULL",
            [f"title : ({match})", f"body : ({match})"])
        in_column: dict[str, set[int]] = {"title": set(), "body": set()}
        for post_id, column in cursor.fetchall():
            in_column[column].add(post_id)
    comment_posts = _visible_comment_posts({c: p for p, c, _, _ in rows if c is not None})
    found: dict[int, Signals] = {}
    snippets: dict[int, str] = {}
    for post_id, comment_id, bm25, snippet in rows:
        if comment_id is not None and comment_id not in comment_posts:
            continue
        signal = found.setdefault(post_id, Signals(score=-bm25))  # bm25: lower is better
        if comment_id is None:
            signal.title = post_id in in_column["title"]
            # Words spread over title and body match the post, though neither alone.
            signal.body = post_id in in_column["body"] or not signal.title
        else:
            signal.comment = True
        snippets.setdefault(post_id, _marked(snippet))
    return found, lambda page_ids: {pk: snippets[pk] for pk in page_ids if pk in snippets}


def _post_vector() -> RawSQL:
    """Title above body, stored and GIN-indexed by migration 0010 (PostgreSQL only).
    Unqualified on purpose: inside a subquery the post table has another alias, and the
    innermost table with the column is the one meant."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL("search_document", (), output_field=SearchVectorField())


def _post_vector_part(weight: str) -> RawSQL:
    """The title ('a') or body ('b') part of the stored post vector (migration 0010 weights
    title A and body B), so "matched in the title" needs no to_tsvector per row."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL(f"ts_filter(search_document, '{{{weight}}}')", (),
                  output_field=SearchVectorField())


def _comment_vector() -> RawSQL:
    """The stored, GIN-indexed column added by migration 0008 (PostgreSQL only)."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL("search_document", (), output_field=SearchVectorField())


def search_query(terms: list[str], phrases: list[str]) -> SearchQuery:
    from django.contrib.postgres.search import SearchQuery

    pg_query = SearchQuery(" ".join(terms), search_type="plain", config="english")
    for phrase in phrases:
        pg_query |= SearchQuery(phrase, search_type="phrase", config="english")
    return pg_query


def comment_candidates(pg_query: SearchQuery) -> QuerySet[Comment, tuple[int, int]]:
    """(comment id, post id) of the newest CANDIDATES public comments that match, from the
    GIN index (a rare word) or the id index walked backwards (a common one)."""
    return (Comment.objects.annotate(document=_comment_vector()).filter(document=pg_query)
            .public().order_by("-pk").values_list("pk", "post_id")[:CANDIDATES])


def postgres_ranked(terms: list[str], phrases: list[str], *,
                    comment_posts: Iterable[int] | None = None
                    ) -> tuple[QuerySet[Post, RankedRow], SearchQuery]:
    """The ranked query (a QuerySet, so `make bench` can show its plan) and the search query.
    Each row says where the post matched: its title, its body (a public comment: the posts
    of comment_candidates, `comment_posts`, asked here when not given)."""
    from django.contrib.postgres.search import SearchRank

    pg_query = search_query(terms, phrases)
    if comment_posts is None:
        comment_posts = {post_id for _, post_id in comment_candidates(pg_query)}
    post_vector = _post_vector()
    # Two index lookups joined by UNION: "matches the post OR has a matching comment" in
    # one WHERE would check every post row. Each capped to the newest CANDIDATES.
    post_hits = (Post.objects.annotate(document=post_vector).filter(document=pg_query)
                 .order_by("-pk").values("pk")[:CANDIDATES])
    with_comments = Post.objects.filter(pk__in=list(comment_posts)).values("pk")
    ranked = (Post.objects.filter(pk__in=post_hits.union(with_comments))
              .annotate(document=post_vector)
              .annotate(rank=SearchRank(post_vector, pg_query),
                        title_vector=_post_vector_part("a"),
                        body_vector=_post_vector_part("b"))
              .annotate(
                  in_title=ExpressionWrapper(Q(title_vector=pg_query), BooleanField()),
                  in_body=ExpressionWrapper(Q(body_vector=pg_query), BooleanField()),
                  in_post=ExpressionWrapper(Q(document=pg_query), BooleanField()))
              .order_by("-rank", "-published_at")
              .values_list("pk", "rank", "in_title", "in_body", "in_post")
              [:MAX_HITS])
    return ranked, pg_query


def _postgres(terms: list[str], phrases: list[str]) -> tuple[dict[int, Signals], Snippets]:
    from django.contrib.postgres.search import SearchHeadline

    # Each post's oldest comment among the candidates (newest first): its snippet.
    comment_of = {post_id: pk for pk, post_id in comment_candidates(search_query(terms, phrases))}
    ranked, pg_query = postgres_ranked(terms, phrases, comment_posts=comment_of)
    found = {
        pk: Signals(title=in_title, comment=pk in comment_of, score=rank,
                    # Words spread over title and body match the post, though neither alone.
                    body=in_body or (in_post and not in_title))
        for pk, rank, in_title, in_body, in_post in ranked}

    def headline() -> SearchHeadline:
        return SearchHeadline("body", pg_query, config="english", start_sel=MARK_OPEN,
                              stop_sel=MARK_CLOSE, max_words=30, min_words=12)

    def snippets(page_ids: Iterable[int]) -> dict[int, str]:
        # Headlines are costly: only for the posts on the page being shown, and only where
        # they will be used. Where the post's own words did not match, the snippet comes
        # from a matching comment: a candidate's, else the post's first matching one.
        page_ids = list(page_ids)
        rows = (Post.objects.filter(pk__in=page_ids).annotate(document=_post_vector())
                .filter(document=pg_query).annotate(snippet=headline())
                .values_list("pk", "snippet"))
        found = {pk: _marked(snippet) for pk, snippet in rows}
        rest = [pk for pk in page_ids if pk not in found]
        chosen = [comment_of[pk] for pk in rest if pk in comment_of]
        others = [pk for pk in rest if pk not in comment_of]
        first_match = (
            Comment.objects.public().filter(post_id__in=others)
            .annotate(document=_comment_vector())
            .filter(document=pg_query).order_by("post_id", "id").distinct("post_id")
            .values("id"))
        # One headline per post: one matching comment's, not every match's.
        sources = [Comment.objects.filter(pk__in=chosen)] if chosen else []
        if others:
            sources.append(Comment.objects.filter(pk__in=first_match))
        for source in sources:
            found.update({pk: _marked(snippet) for pk, snippet in
                          source.annotate(snippet=headline()).values_list("post_id", "snippet")})
        return found
    return found, snippets
