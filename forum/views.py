from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from posts.models import Post

from .models import Page


def home(request):
    posts = Post.objects.listed_for(request.user).latest().only(
        "slug", "title", "kind", "author_name", "published_at", "comment_count"
    )
    page = Paginator(posts, settings.KINDRED_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home.html", {"page": page})


def editorial_page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/page.html", {"page": page})


@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """An expired form must not cost the member what they wrote: show it back to them."""
    kept_text = request.POST.get("body", "") if request.method == "POST" else ""
    return render(request, "403_csrf.html", {"kept_text": kept_text}, status=403)
