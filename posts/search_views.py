from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from plumbing.refusals import Refused

from .models import Post, Symptom
from .search import search


def _symptom_posts(user, tag):
    """Only a symptom chosen, no words: that symptom's posts, newest first."""
    return Post.objects.listed_for(user).tagged(tag).latest().values_list("pk", flat=True)


def search_page(request):
    raw, tag_slug = request.GET.get("q"), request.GET.get("tag", "")
    tag = get_object_or_404(Symptom, slug=tag_slug, is_curated=True) if tag_slug else None
    context = {"q": raw or "", "tag": tag,
               "tags": Symptom.objects.filter(is_curated=True).order_by("name")
               .only("slug", "name")}
    no_words = not (raw or "").strip()
    if raw is None and tag is None:
        return render(request, "posts/search.html", context)
    if no_words and tag is not None:
        order, snippets_for = _symptom_posts(request.user, tag), dict.fromkeys
    else:
        try:
            order, snippets_for = search(raw, request.user, tag=tag)
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "posts/search.html", context, status=refusal.status)
    page = Paginator(order, settings.KINDRED_POSTS_PER_PAGE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    posts = Post.objects.filter(pk__in=ids).with_tags().in_bulk()
    snippets = snippets_for(ids)
    context.update({
        "page": page, "searched": True,
        "results": [(posts[pk], snippets.get(pk) or "") for pk in ids if pk in posts],
    })
    return render(request, "posts/search.html", context)
