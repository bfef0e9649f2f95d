"""Full-text search over titles, bodies and comments.

PostgreSQL: weighted search vectors (title above body) with GIN indexes, ranking and
highlighted snippets. SQLite: an FTS5 table kept in step by triggers (migration 0007).
Symptom names and synonyms expand the query: "banding" also finds the MS hug.
Only what the searcher may see comes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.expressions import RawSQL

from accounts.refusals import Refused

from .models import Comment, Post, Symptom, SymptomSynonym

if TYPE_CHECKING:
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import QuerySet
    from django.db.models.expressions import CombinedExpression

    from accounts.types import Viewer

# Highlighted snippets (post id -> HTML) for the post ids of one page.
type Snippets = Callable[[Iterable[int]], dict[int, str]]

MAX_QUERY = 200
MAX_TERMS = 12
MAX_HITS = 500
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


def expansions(query: str) -> tuple[set[int], list[str]]:
    """Symptoms the query names, by name or synonym, and all the words people use for them."""
    text = f" {' '.join(re.findall(r'\w+', query.lower()))} "
    names = list(Symptom.objects.filter(is_curated=True).values_list("pk", "name")) + list(
        SymptomSynonym.objects.filter(symptom__is_curated=True).values_list("symptom_id", "name"))
    matched = {pk for pk, name in names
               if f" {' '.join(re.findall(r'\w+', name.lower()))} " in text}
    phrases = sorted({name for pk, name in names if pk in matched})
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
        ranked, snippets = _postgres(terms, phrases)
    else:
        ranked, snippets = _sqlite(terms, phrases)
    listed = Post.objects.listed_for(user)
    if tag is not None:
        listed = listed.tagged(tag)
    candidates = set(ranked)
    if symptom_ids:
        candidates |= set(listed.filter(tagged_items__tag__in=symptom_ids)
                          .values_list("pk", flat=True)[:MAX_HITS])
    allowed = set(listed.filter(pk__in=candidates).values_list("pk", flat=True))
    order = [pk for pk in ranked if pk in allowed]
    order += sorted(allowed - set(order), reverse=True)  # tag-only hits, newest first
    return order, snippets


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


def _sqlite(terms: list[str], phrases: list[str]) -> tuple[list[int], Snippets]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT post_id, comment_id, bm25(posts_search, 10.0, 1.0), "
            "snippet(posts_search, 1, %s, %s, '…', 16) FROM posts_search "
            "WHERE posts_search MATCH %s ORDER BY bm25(posts_search, 10.0, 1.0) LIMIT %s",
            [MARK_OPEN, MARK_CLOSE, _fts_query(terms, phrases), MAX_HITS],
        )
        rows = cursor.fetchall()
    comment_posts = _visible_comment_posts({c: p for p, c, _, _ in rows if c is not None})
    ranked, found = [], {}
    for post_id, comment_id, _rank, snippet in rows:
        if comment_id is not None and comment_id not in comment_posts:
            continue
        if post_id not in found:
            ranked.append(post_id)
            found[post_id] = _marked(snippet)
    return ranked, lambda page_ids: {pk: found[pk] for pk in page_ids if pk in found}


def _post_vector() -> CombinedExpression:
    """Title above body: the same expression as the GIN index post_search (migration 0007)."""
    from django.contrib.postgres.search import SearchVector

    return (SearchVector("title", weight="A", config="english")
            + SearchVector("body", weight="B", config="english"))


def _comment_vector() -> RawSQL:
    """The stored, GIN-indexed column added by migration 0008 (PostgreSQL only)."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL("search_document", (), output_field=SearchVectorField())


def postgres_ranked(terms: list[str],
                    phrases: list[str]) -> tuple[QuerySet[Post, int], SearchQuery]:
    """The ranked query (a QuerySet, so `make bench` can show its plan) and the search query."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    pg_query = SearchQuery(" ".join(terms), search_type="plain", config="english")
    for phrase in phrases:
        pg_query |= SearchQuery(phrase, search_type="phrase", config="english")
    post_vector = _post_vector()
    comment_hits = (Comment.objects.annotate(document=_comment_vector())
                    .filter(document=pg_query).public()
                    .values("post_id"))
    ranked = (Post.objects.annotate(document=post_vector)
              .filter(Q(document=pg_query) | Q(pk__in=comment_hits))
              .annotate(rank=SearchRank(post_vector, pg_query))
              .order_by("-rank", "-published_at").values_list("pk", flat=True)[:MAX_HITS])
    return ranked, pg_query


def _postgres(terms: list[str], phrases: list[str]) -> tuple[list[int], Snippets]:
    from django.contrib.postgres.search import SearchHeadline

    ranked_query, pg_query = postgres_ranked(terms, phrases)
    ranked = list(ranked_query)

    def headline() -> SearchHeadline:
        return SearchHeadline("body", pg_query, config="english", start_sel=MARK_OPEN,
                              stop_sel=MARK_CLOSE, max_words=30, min_words=12)

    def snippets(page_ids: Iterable[int]) -> dict[int, str]:
        # Headlines are costly: only for the posts on the page being shown. Where the post's
        # own words did not match, the snippet comes from its best matching comment.
        rows = (Post.objects.filter(pk__in=page_ids).annotate(document=_post_vector())
                .annotate(matched=ExpressionWrapper(Q(document=pg_query),
                                                    output_field=BooleanField()),
                          snippet=headline())
                .values_list("pk", "matched", "snippet"))
        found = {pk: _marked(snippet) for pk, matched, snippet in rows if matched}
        first_match = (
            Comment.objects.public()
            .filter(post_id__in=[pk for pk in page_ids if pk not in found])
            .annotate(document=_comment_vector())
            .filter(document=pg_query).order_by("post_id", "id").distinct("post_id")
            .values("id"))
        # One headline per post: the first matching comment's, not every match's.
        from_comments = (Comment.objects.filter(pk__in=first_match).annotate(snippet=headline())
                         .values_list("post_id", "snippet"))
        found.update({pk: _marked(snippet) for pk, snippet in from_comments})
        return found
    return ranked, snippets
