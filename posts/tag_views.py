from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from . import services
from .models import Post, Symptom, SymptomSynonym, TagFollow, TagSuggestion
from .models.posts import listed_condition
from .pagination import capped_page
from .reading import annotate_unread, with_unread


def tag_index(request):
    tags = (Symptom.objects.filter(is_curated=True)
            .annotate(post_count=Count("tagged_posts", filter=listed_condition(
                request.user, prefix="tagged_posts__content_object__")))
            .order_by(Lower("name")))
    return render(request, "posts/tag_index.html", {"tags": tags})


def _tag_or_redirect(slug):
    tag = Symptom.objects.filter(slug=slug, is_curated=True).first()
    if tag is not None:
        return tag, None
    synonym = get_object_or_404(SymptomSynonym.objects.select_related("symptom"), slug=slug,
                                symptom__is_curated=True)
    return None, redirect(synonym.symptom, permanent=True)


def tag_detail(request, slug):
    tag, elsewhere = _tag_or_redirect(slug)
    if elsewhere:
        return elsewhere
    posts = with_unread(Post.objects.listed_for(request.user).tagged(tag).latest().with_tags(),
                        request.user)
    page = capped_page(posts, request.GET.get("page"), settings.KINDRED_POSTS_PER_PAGE)
    my_level = None
    if request.user.is_authenticated:
        my_level = (TagFollow.objects.filter(user=request.user, tag=tag)
                    .values_list("level", flat=True).first())
    followers = tag.follows.exclude(level=TagFollow.Level.MUTED).count()
    annotate_unread(request.user, page)
    return render(request, "posts/tag_detail.html", {
        "tag": tag, "page": page, "synonyms": tag.synonyms.all(), "followers": followers,
        "my_level": my_level or services.tags.NO_FOLLOW, "levels": TagFollow.Level.choices,
    })


@login_required
@require_http_methods(["GET", "POST"])
def follow_tag(request, slug):
    tag = get_object_or_404(Symptom, slug=slug, is_curated=True)
    if request.method == "GET":
        return redirect(f"{tag.get_absolute_url()}#follow")
    level = request.POST.get("level", "")
    # A refusal is shown on its own page (forum.middleware.RefusalMiddleware).
    services.set_follow(user=request.user, tag=tag, level=level)
    labels = {"watching": f"You are watching {tag.name}: we will tell you about every new post.",
              "following": f"You follow {tag.name}: its posts show on your home page.",
              "muted": f"You muted {tag.name}: its posts are hidden from your home and lists.",
              "none": f"You no longer follow {tag.name}."}
    messages.success(request, labels[level])
    return redirect(f"{tag.get_absolute_url()}#follow")


@login_required
def following(request):
    posts = (Post.objects.listed_for(request.user).in_followed_tags(request.user)
             .without_muted(request.user).latest().with_tags())
    posts = with_unread(posts, request.user)
    page = capped_page(posts, request.GET.get("page"), settings.KINDRED_POSTS_PER_PAGE)
    has_follows = TagFollow.objects.filter(user=request.user).exclude(
        level=TagFollow.Level.MUTED).exists()
    annotate_unread(request.user, page)
    return render(request, "posts/following.html", {"page": page, "has_follows": has_follows})


@login_required
@require_http_methods(["GET", "POST"])
def tag_suggestions(request):
    """Moderators approve members' suggested symptoms, merge them into a tag, or decline."""
    if not request.user.is_moderator:
        raise Refused("Only moderators decide on suggested tags.", status=403)
    if request.method == "POST":
        suggestion = get_object_or_404(TagSuggestion, pk=parse_id(request.POST.get("suggestion")))
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_suggestion(moderator=request.user, suggestion=suggestion,
                                            description=request.POST.get("description", ""))
            elif action == "merge":
                into = get_object_or_404(Symptom, pk=parse_id(request.POST.get("into")))
                services.merge_suggestion(moderator=request.user, suggestion=suggestion,
                                          into=into)
            elif action == "decline":
                services.decline_suggestion(moderator=request.user, suggestion=suggestion)
            else:
                return render(request, "400.html", status=400)
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect("tag_suggestions")
        messages.success(request, f"“{suggestion.name}”: done.")
        return redirect("tag_suggestions")
    pending = (TagSuggestion.objects.waiting()
               .select_related("post", "suggested_by"))
    tags = Symptom.objects.filter(is_curated=True).order_by(Lower("name")).only("id", "name")
    return render(request, "posts/tag_suggestions.html", {"pending": pending, "tags": tags})
