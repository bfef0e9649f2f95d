"""Members' small acts on posts and comments: reactions, bookmarks, poll votes.

A service's refusal is left to forum.middleware.RefusalMiddleware, which shows its reason
with its status (none of these acts has a form of its own to show again)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.blocking import blocked_ids
from accounts.privacy import can_see_profile

from . import services
from .community_queries import reactions_for
from .models import Bookmark, Comment, Poll, Post, Reaction
from .pagination import capped_page
from .reading import annotate_unread

BOOKMARKS_PER_PAGE = 30


def _post(request, slug):
    return get_object_or_404(Post.objects.visible_to(request.user), slug=slug)


def _comment(request, comment_id):
    comment = get_object_or_404(Comment.objects.public().select_related("post"), pk=comment_id)
    if not Post.objects.visible_to(request.user).filter(pk=comment.post_id).exists():
        raise Http404("Not found.")
    return comment


@login_required
@require_POST
def react_to_post(request, slug):
    post = _post(request, slug)
    services.toggle_reaction(user=request.user, post=post, kind=request.POST.get("kind"))
    return redirect(f"{post.get_absolute_url()}#reactions")


@login_required
@require_POST
def react_to_comment(request, comment_id):
    comment = _comment(request, comment_id)
    services.toggle_reaction(user=request.user, post=comment.post, comment=comment,
                             kind=request.POST.get("kind"))
    return redirect(comment.get_absolute_url())


def _toggle_bookmark(request, post, comment, back):
    saved = services.toggle_bookmark(user=request.user, post=post, comment=comment)
    messages.success(request, "Saved to your bookmarks." if saved
                     else "Removed from your bookmarks.")
    return redirect(back)


@login_required
@require_POST
def bookmark_post(request, slug):
    post = _post(request, slug)
    return _toggle_bookmark(request, post, None, f"{post.get_absolute_url()}#reactions")


@login_required
@require_POST
def bookmark_comment(request, comment_id):
    comment = _comment(request, comment_id)
    return _toggle_bookmark(request, comment.post, comment, comment.get_absolute_url())


@login_required
@require_POST
def vote(request, slug):
    post = _post(request, slug)
    poll = get_object_or_404(Poll, post=post)
    services.vote(user=request.user, poll=poll, choice_id=request.POST.get("choice", ""))
    messages.success(request, "Thank you, your answer is counted.")
    return redirect(f"{post.get_absolute_url()}#poll")


@login_required
def bookmarks(request):
    """What I saved, newest first; what has since been hidden or removed is left out, and a
    post its author deleted (a reply saved under it stays: its words are still there)."""
    listed_posts = Post.objects.listed_for(request.user).values("pk")
    readable_posts = Post.objects.readable_for(request.user).values("pk")
    public_comments = (Comment.objects.public().exclude(author__in=blocked_ids(request.user))
                       .values("pk"))
    saved = (Bookmark.objects.filter(user=request.user)
             .filter(Q(comment__isnull=True, post__in=listed_posts)
                     | Q(comment__in=public_comments, post__in=readable_posts))
             .select_related("post__author", "comment")
             .prefetch_related("post__tags")
             .annotate(post_has_helped=Exists(
                 Comment.objects.helped().filter(post=OuterRef("post_id")).order_by())))
    page = capped_page(saved, request.GET.get("page"), BOOKMARKS_PER_PAGE)
    for bookmark in page:  # the card's "answers that helped" chip reads it from the post
        bookmark.post.has_helped = bookmark.post_has_helped
    annotate_unread(request.user, [bookmark.post for bookmark in page])
    return render(request, "posts/bookmarks.html", {"page": page})


def _who_reacted(request, reactions, title, back):
    people = {}
    for reaction in reactions.select_related("user").order_by("created_at"):
        member = reaction.user
        shown = can_see_profile(request.user, member.profile_visibility, member.pk)
        people.setdefault(reaction.get_kind_display(), []).append(
            member.username if shown else None)
    return render(request, "posts/reactions.html", {"people": people, "title": title,
                                                    "back": back})


def post_reactions(request, slug):
    post = _post(request, slug)
    return _who_reacted(request, Reaction.objects.filter(post=post, comment__isnull=True),
                        f"Reactions to “{post.title}”", post.get_absolute_url())


def comment_reactions(request, comment_id):
    comment = _comment(request, comment_id)
    return _who_reacted(request, Reaction.objects.filter(comment=comment),
                        f"Reactions to a comment by {comment.author_name}",
                        comment.get_absolute_url())


@login_required
def comment_actions(request, comment_id):
    """Everything a member may do to one comment, each a button or a link that leads back to
    it: what the story page's React and More open, for a browser without JavaScript."""
    comment = _comment(request, comment_id)
    user = request.user
    summary = reactions_for(comment.post, [comment.pk], user)
    counts = summary.counts.get(comment.pk, {})
    mine = comment.author_id == user.pk
    return render(request, "posts/comment_actions.html", {
        "comment": comment, "mine": mine, "can_moderate": user.is_moderator and not mine,
        "saved": comment.pk in summary.saved, "total": sum(counts.values()),
        "kinds": [(kind.value, kind.label, counts.get(kind.value, 0),
                   (comment.pk, kind.value) in summary.mine) for kind in Reaction.Kind],
    })
