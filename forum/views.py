from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.blocking import blocked_ids
from forum.notifications.worker import queue_health
from posts.latest import cards_for, member_list
from posts.models import Post, TagFollow
from posts.pagination import LOOKAHEAD, capped_page, page_number
from posts.reading import annotate_unread, with_unread

from .models import Page

FOLLOWED_ON_HOME = 5
FOLLOWED_LEVELS = (TagFollow.Level.WATCHING, TagFollow.Level.FOLLOWING)
DISCUSSED_DAYS = 30  # "Most discussed" looks at this window, so it does not repeat "Latest"


def home(request):
    """Latest posts; for members, posts from followed symptoms first and muted ones left out."""
    if request.user.is_authenticated:
        return _member_home(request)
    listed = Post.objects.listed_for(request.user)
    # Counted and paged on the plain list, then the page's cards read in one query:
    # counting the annotated list made the database compute every row's subqueries.
    page = capped_page(listed.latest(), request.GET.get("page"), settings.KINDRED_POSTS_PER_PAGE)
    page.object_list = _page_of(listed.latest().with_card_tags(), page, request.user)
    return _render_home(request, listed, page, [], [])


def _member_home(request):
    """A member's home: the newest posts from the list shared by every member
    (posts/latest.py), with this member's blocks, muted symptoms and unread marks applied;
    the database as for readers when the shared list cannot answer."""
    user, per_page = request.user, settings.KINDRED_POSTS_PER_PAGE
    listed = Post.objects.listed_for(user).without_muted(user)
    follows = list(TagFollow.objects.filter(user=user).select_related("tag")
                   .only("level", "tag__name", "tag__slug").order_by("tag__name"))
    # The side column: the symptoms this member watches or follows, on every page.
    followed_symptoms = [follow.tag for follow in follows if follow.level in FOLLOWED_LEVELS]
    muted = {follow.tag_id for follow in follows if follow.level == TagFollow.Level.MUTED}
    blocked = set(blocked_ids(user).values_list("blocked_id", flat=True)) \
        if user.has_blocks else set()
    number = page_number(request.GET.get("page"))
    shared = member_list(user, blocked=blocked, muted=muted,
                         followed={tag.pk for tag in followed_symptoms},
                         need=(number + LOOKAHEAD) * per_page + 1,
                         followed_count=FOLLOWED_ON_HOME)
    if shared is None:  # the shared list cannot answer: the database, as for readers
        page = capped_page(listed.latest(), number, per_page)
        page_ids = list(page.object_list.values_list("pk", flat=True))
        followed_ids, held = None, {}
    else:
        ids, followed_ids, held = shared
        page = capped_page(ids, number, per_page)
        page_ids = list(page.object_list)
    if page.number != 1 or not followed_symptoms:
        followed_ids = []
    elif followed_ids is None:
        followed_ids = list(listed.in_followed_tags(user).latest()
                            .values_list("pk", flat=True)[:FOLLOWED_ON_HOME])
    cards = cards_for(user, {*page_ids, *followed_ids}, held)
    page.object_list = [cards[pk] for pk in page_ids if pk in cards]
    followed = [cards[pk] for pk in followed_ids if pk in cards]
    return _render_home(request, listed, page, followed, followed_symptoms)


def _page_of(posts, page, user):
    if not page.paginator.count:
        return []
    bottom = (page.number - 1) * page.paginator.per_page
    return list(with_unread(posts, user)[bottom:bottom + page.paginator.per_page])


def _render_home(request, listed, page, followed, followed_symptoms):
    since = timezone.now() - timedelta(days=DISCUSSED_DAYS)
    most_discussed = list(listed.most_discussed(since).only("slug", "title", "comment_count")
                          [:5]) if page.number == 1 else []
    annotate_unread(request.user, [*page, *followed])
    return render(request, "home.html", {
        "page": page, "followed": followed, "most_discussed": most_discussed,
        "followed_symptoms": followed_symptoms,
    })


def editorial_page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/page.html", {"page": page})


def _cache_state():
    try:
        cache.get("kindred:healthz")
    except Exception:  # a cache that fails outright: the site still answers
        return "degraded"
    return "degraded" if getattr(cache, "degraded", lambda: False)() else "ok"


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@never_cache
def healthz(request):
    """200 while the database answers (the load balancer keeps us); the body says whether
    the shared cache (rate limits) is degraded, for monitoring."""
    _database_answers()
    return HttpResponse(f"ok\ncache: {_cache_state()}\n", content_type="text/plain")


@never_cache
def healthz_detail(request):
    """The same probe for monitoring, as JSON: still 200 while the database answers, with
    "status": "degraded" when the cache is, or when the email worker is dead or stuck (no
    heartbeat, or a due task waiting, for longer than KINDRED_TASK_LEASE)."""
    _database_answers()
    cache_state, queue = _cache_state(), queue_health()
    degraded = "degraded" in (cache_state, queue["status"])
    return JsonResponse({"status": "degraded" if degraded else "ok", "database": "ok",
                         "cache": cache_state, "queue": queue})


def csrf_failure(request, reason=""):
    """An expired form must not cost the member what they wrote: show it back to them."""
    kept_text = request.POST.get("body", "") if request.method == "POST" else ""
    return render(request, "403_csrf.html", {"kept_text": kept_text}, status=403)
