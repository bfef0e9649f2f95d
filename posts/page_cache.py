"""Whole pages for readers with no session state, stored under the code version, the URL,
the display preferences and the versions of what they show (cache_versions), with a weak
ETag the same for every reader. How and why: docs/architecture.md#caches."""

import hashlib
import logging
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from accounts.preferences import cookie_value, preferences_for

from . import cache_versions

logger = logging.getLogger(__name__)

PAGE_TTL = 60 * 60  # a page unread for an hour leaves; invalidation never waits for it
# Only the parameters these pages understand, with sane values: any other query is
# rendered but never stored, so odd URLs cannot fill the cache.
CACHED_PARAMS = {"page": re.compile(r"\d{1,5}"), "sort": re.compile(r"oldest|newest")}
# Stored as bytes, so serving a page is one copy with the reader's token put in.
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TOKEN_SLOT = b"@@kindred-csrf-token@@"


def _cacheable(request):
    if not settings.KINDRED_PAGE_CACHE:
        return False
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    for name, values in request.GET.lists():
        if name not in CACHED_PARAMS or len(values) != 1 or \
                not CACHED_PARAMS[name].fullmatch(values[0]):
            return False
    session = getattr(request, "session", None)
    if session is not None and (session.session_key or session.modified) and \
            list(session.keys()):
        return False  # a kept draft or a login in progress is this reader's own
    return not len(getattr(request, "_messages", ()))


def _dependencies(depends_on, kwargs):
    if depends_on == "post":
        return [cache_versions.SITE, cache_versions.post_key(kwargs["slug"])]
    return [cache_versions.SITE, cache_versions.LISTS]


def _page_key(request):
    """The code version, the URL and the reader's display preferences (theme, text size)."""
    a11y = cookie_value(preferences_for(request))
    varies = f"{cache_versions.code_version()}|{request.get_full_path()}|{a11y}"
    return "page:" + hashlib.sha256(varies.encode()).hexdigest()


def _etag(page_key, versions):
    """The same for every reader of the same page: no reader's own value is in it."""
    digest = hashlib.sha256(f"{page_key}|{versions}".encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _lookup(dependencies, page_key):
    """The versions the page depends on (from the database, with the data) and the stored
    page, which counts only if it was built from exactly those versions. The page is None
    when the cache is down or holds no current copy."""
    versions = cache_versions.current_versions(dependencies)
    try:
        entry = cache.get(page_key)
    except Exception:
        logger.warning("The page cache is unavailable; rendering afresh", exc_info=True)
        return versions, None
    if entry is None or entry[0] != versions:
        return versions, None
    return versions, entry


def _store(key, versions, response):
    body = TOKEN_FIELD.sub(rb"\g<1>" + TOKEN_SLOT + rb"\g<2>", response.content)
    try:
        cache.set(key, (versions, response["Content-Type"], body), PAGE_TTL)
    except Exception:
        logger.warning("Could not store a page in the cache", exc_info=True)


def _finish(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = "private, no-cache"  # keep it, but ask us again each time
    patch_vary_headers(response, ["Cookie"])
    return response


def anonymous_page(depends_on):
    """`depends_on`: "lists" (home, tags, feeds, editorial pages) or "post" (a story page,
    whose view takes `slug`)."""
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            versions, entry = _lookup(_dependencies(depends_on, kwargs), key)
            etag = _etag(key, versions)
            last_modified = http_date(max(versions) / 1e9)  # versions: times in ns
            # The ETag alone decides: a change of accessibility preferences changes it but
            # not the time of the last change.
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                return _finish(not_modified, etag, last_modified)
            if entry is not None:
                _, content_type, body = entry
                body = body.replace(TOKEN_SLOT, get_token(request).encode())
                response = HttpResponse(body, content_type=content_type)
            else:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming or not _cacheable(request):
                    return response
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                _store(key, versions, response)
            return _finish(response, etag, last_modified)
        return wrapper
    return decorator
