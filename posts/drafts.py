"""Words kept in the session when the login has expired, so publishing never costs them.

What is kept is bounded, so an anonymous visitor cannot grow a session without limit: one
comment draft per post (a new one replaces the old, whatever it replies to), one post draft
per post (or one new post), each cut to its form's own maximum length, only the few most
recent of each, and anonymous saving is rate-limited per session (beyond the limit the words
are shown back on a page, not stored).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from plumbing.refusals import Refused

from .forms import COMMENT_BODY_MAX, PostForm
from .models import MAX_TAGS_PER_POST

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.http import HttpRequest, QueryDict

    from .models import Post

COMMENT_DRAFTS, POST_DRAFTS = "comment-drafts", "post-drafts"
KEEP_AT_MOST = 5  # posts with a kept draft, per kind; the oldest goes first
DEFAULT_DRAFT_RATE = (10, 600)  # saves per seconds, per session
SHORT_FIELDS = {"kind": 20, "visibility": 20, "poll_closes_at": 32}
POST_FIELDS = ["title", "body", "kind", "visibility", "suggested_tag", "poll_question",
               "poll_choices", "poll_closes_at"]
# A kept post form: POST_FIELDS as text, and "symptoms", a list of tag ids as text.
type PostDraft = dict[str, str | list[str]]


def _text(value: object, limit: int) -> str:
    return str(value or "").replace("\x00", "")[:limit]


def _store(request: HttpRequest, name: str, key: str, value: Mapping[str, object]) -> None:
    kept = dict(request.session.get(name, {}))
    kept.pop(key, None)
    kept[key] = value  # newest last
    while len(kept) > KEEP_AT_MOST:
        kept.pop(next(iter(kept)))
    request.session[name] = kept


def _forget(request: HttpRequest, name: str, key: str) -> None:
    kept = request.session.get(name, {})
    if key in kept:
        kept = dict(kept)
        del kept[key]
        request.session[name] = kept


def ensure_may_keep(request: HttpRequest) -> None:
    """Anonymous draft saving is rate-limited per session; beyond it, the words are shown
    back (the refusal page keeps every word sent) instead of being stored."""
    if not settings.KINDRED_RATE_LIMITS:
        return
    limit, window = settings.KINDRED_RATE_LIMIT_RULES.get("anonymous_draft",
                                                          DEFAULT_DRAFT_RATE)
    if not request.session.session_key:
        request.session.save()  # the draft is stored in it anyway
    # Per session, not per address: behind the site's proxy every visitor has one address.
    bucket = int(timezone.now().timestamp() // window)
    key = f"rate:anonymous_draft:{request.session.session_key}:{bucket}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count > limit:
        raise Refused("Please log in to post. We could not keep your words for you this time, "
                      "so copy them from below before you go.", status=429)


# --- comments ------------------------------------------------------------------------------

def keep(request: HttpRequest, post: Post, parent_id: int | None, body: str) -> None:
    if body:
        _store(request, COMMENT_DRAFTS, str(post.pk),
               {"parent": int(parent_id or 0), "body": _text(body, COMMENT_BODY_MAX)})


def get(request: HttpRequest, post: Post, parent_id: int | None) -> str:
    draft = request.session.get(COMMENT_DRAFTS, {}).get(str(post.pk))
    if draft and str(draft["parent"]) == str(parent_id or 0):
        return draft["body"]
    return ""


def clear(request: HttpRequest, post: Post, parent_id: int | None) -> None:
    if get(request, post, parent_id):
        _forget(request, COMMENT_DRAFTS, str(post.pk))


def keep_edit(request: HttpRequest, comment_id: int, body: str) -> None:
    """A comment edit sent after the login expired (one per comment, in the same bounded
    store as the comment drafts)."""
    if body:
        _store(request, COMMENT_DRAFTS, f"edit-{comment_id}",
               {"parent": 0, "body": _text(body, COMMENT_BODY_MAX)})


def edit_draft(request: HttpRequest, comment_id: int) -> str | None:
    return (request.session.get(COMMENT_DRAFTS, {}).get(f"edit-{comment_id}") or {}).get("body")


def forget_edit(request: HttpRequest, comment_id: int) -> None:
    _forget(request, COMMENT_DRAFTS, f"edit-{comment_id}")


# --- posts ---------------------------------------------------------------------------------

def _post_key(post: Post | None) -> str:
    return str(post.pk) if post is not None else "new"


def _limit(name: str) -> int:
    field = PostForm.base_fields.get(name)
    return SHORT_FIELDS.get(name) or getattr(field, "max_length", None) or 200


def keep_post(request: HttpRequest, post: Post | None, data: QueryDict) -> None:
    """The whole post form as typed (a new post when `post` is None), within its limits."""
    draft: PostDraft = {name: _text(data.get(name), _limit(name)) for name in POST_FIELDS}
    draft["symptoms"] = [value for value in data.getlist("symptoms")
                         if value.isascii() and value.isdigit() and len(value) < 10
                         ][:MAX_TAGS_PER_POST]
    if any(draft.values()):
        _store(request, POST_DRAFTS, _post_key(post), draft)


def post_draft(request: HttpRequest, post: Post | None) -> PostDraft | None:
    return request.session.get(POST_DRAFTS, {}).get(_post_key(post))


def forget_post(request: HttpRequest, post: Post | None) -> None:
    _forget(request, POST_DRAFTS, _post_key(post))
