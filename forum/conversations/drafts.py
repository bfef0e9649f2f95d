"""A message sent after the login expired is kept in the session (like comment drafts,
posts/drafts.py) and comes back in the same box after logging in."""

from django.http import HttpRequest

from .rules import MAX_LENGTH

MESSAGE_DRAFTS = "message-drafts"
KEEP_AT_MOST = 5


def keep(request: HttpRequest, key: str, body: str) -> None:
    if not body:
        return
    kept = dict(request.session.get(MESSAGE_DRAFTS, {}))
    kept.pop(key, None)
    kept[key[:200]] = str(body).replace("\x00", "")[:MAX_LENGTH]
    while len(kept) > KEEP_AT_MOST:
        kept.pop(next(iter(kept)))
    request.session[MESSAGE_DRAFTS] = kept


def get(request: HttpRequest, key: str) -> str:
    return str(request.session.get(MESSAGE_DRAFTS, {}).get(key, ""))


def clear(request: HttpRequest, key: str) -> None:
    kept = request.session.get(MESSAGE_DRAFTS, {})
    if key in kept:
        kept = dict(kept)
        del kept[key]
        request.session[MESSAGE_DRAFTS] = kept
