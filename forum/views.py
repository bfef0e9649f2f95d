from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from forum.notifications.worker import queue_health
from posts.models import Post, Symptom, TagFollow
from posts.pagination import capped_page
from posts.reading import annotate_unread, with_unread

from .models import Page

FOLLOWED_ON_HOME = 5
DISCUSSED_DAYS = 30  # "Most discussed" looks at this window, so it does not repeat "Latest"


def home(request):
    """Latest posts; for members, posts from followed symptoms first and muted ones left out."""
    listed = Post.objects.listed_for(request.user).without_muted(request.user)
    # Counted and paged on the plain list; the page's rows (and the followed ones) are then
    # read with what the cards show in one query: counting the annotated list made the
    # database compute every row's subqueries for up to 100 rows.
    page = capped_page(listed.latest(), request.GET.get("page"), settings.KINDRED_POSTS_PER_PAGE)
    followed_ids, followed_symptoms = [], []
    if request.user.is_authenticated:
        # The side column: the symptoms this member watches or follows, on every page.
        followed_symptoms = list(Symptom.objects.filter(
            follows__user=request.user,
            follows__level__in=[TagFollow.Level.WATCHING, TagFollow.Level.FOLLOWING],
        ).order_by("name").only("name", "slug"))
        if page.number == 1:
            followed_ids = list(listed.in_followed_tags(request.user).latest()
                                .values_list("pk", flat=True)[:FOLLOWED_ON_HOME])
    followed = []
    if followed_ids:  # both lists' cards in one query
        page_ids = list(page.object_list.values_list("pk", flat=True))
        cards = with_unread(Post.objects.filter(pk__in={*page_ids, *followed_ids})
                            .with_card_tags(), request.user).in_bulk()
        page.object_list = [cards[pk] for pk in page_ids if pk in cards]
        followed = [cards[pk] for pk in followed_ids if pk in cards]
    elif page.paginator.count:
        bottom = (page.number - 1) * page.paginator.per_page
        page.object_list = list(with_unread(listed.latest().with_card_tags(), request.user)
                                [bottom:bottom + page.paginator.per_page])
    else:
        page.object_list = []
    since = timezone.now() - timedelta(days=DISCUSSED_DAYS)
    most_discussed = list(listed.most_discussed(since)[:5]) if page.number == 1 else []
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
