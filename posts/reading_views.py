"""A member's own reading: follow a post, mark everything read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST

from . import reading, services
from .models import Post

FOLLOW_MESSAGES = {
    "watching": "You are watching this post: we will tell you about every new comment.",
    "normal": "You follow this post normally: we tell you about replies to you and mentions.",
    "muted": "You muted this post: you will get no notifications from it.",
}


@login_required
@require_http_methods(["GET", "POST"])
def follow_post(request, slug):
    post = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    if request.method == "GET":
        return redirect(f"{post.get_absolute_url()}#follow")
    # A refusal is shown on its own page (forum.middleware.RefusalMiddleware).
    level = services.set_post_follow(user=request.user, post=post,
                                     level=request.POST.get("level", ""))
    messages.success(request, FOLLOW_MESSAGES[level])
    return redirect(f"{post.get_absolute_url()}#follow")


@login_required
@require_POST
def mark_all_read(request):
    reading.mark_all_read(request.user)
    messages.success(request, "Everything is marked as read. New comments from now on will "
                              "show as new.")
    return redirect("home")
