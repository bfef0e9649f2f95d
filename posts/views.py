from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PostForm
from .models import Post
from .permissions import can_edit_post, ensure_can_edit_post
from .rendering import render_markdown


def _visible_post_or_404(request, slug):
    return get_object_or_404(
        Post.objects.visible_to(request.user).select_related("disclaimer"), slug=slug
    )


def post_detail(request, slug):
    post = _visible_post_or_404(request, slug)
    return render(request, "posts/post_detail.html", {
        "post": post, "can_edit": can_edit_post(request.user, post),
    })


def _write(request, *, post=None):
    """Shared by "write" and "edit": preview without saving, or save and go to the post."""
    form = PostForm(request.POST or None, instance=post)
    context = {"form": form, "post": post}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "posts/post_form.html", context, status=400)
        data = form.cleaned_data
        if "preview" in request.POST:
            context["preview_html"] = render_markdown(data["body"])
            return render(request, "posts/post_form.html", context)
        if post is None:
            post = services.create_post(author=request.user, **data)
        else:
            post = services.update_post(editor=request.user, post=post, **data)
        return redirect(post)
    return render(request, "posts/post_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request):
    return _write(request)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug):
    post = _visible_post_or_404(request, slug)
    ensure_can_edit_post(request.user, post)
    return _write(request, post=post)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, slug):
    post = _visible_post_or_404(request, slug)
    ensure_can_edit_post(request.user, post)
    if request.method == "POST":
        services.delete_post(actor=request.user, post=post)
        return redirect("home")
    return render(request, "posts/post_confirm_delete.html", {"post": post})

