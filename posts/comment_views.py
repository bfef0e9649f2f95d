from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.blocking import blocks_seen_by
from plumbing.confirming import confirmed
from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from . import drafts, services
from .forms import CommentForm
from .models import Comment, Post
from .permissions import ensure_can_change_comment, offers_reply
from .personal_info import PersonalInfoFound
from .reading import StoryReading
from .thread_view import ThreadView, thread_html
from .threads import comment_ids, location, subthread
from .writing import after_writing, landing_url


def comment_or_404(request, comment_id):
    """A comment this person may see in a thread, on a post they may open."""
    comment = get_object_or_404(
        Comment.objects.displayable_to(request.user).select_related("post"), pk=comment_id
    )
    if not Post.objects.visible_to(request.user).filter(pk=comment.post_id).exists():
        raise Refused("This conversation is not available.", status=403)
    return comment


def comment_url(comment, user):
    kind, where = location(comment, user)
    if kind == "thread":
        return f"{reverse('comment_thread', args=[where])}#comment-{comment.pk}"
    page = f"?{urlencode({'page': where})}" if where > 1 else ""
    return f"{reverse('post_detail', args=[comment.post.slug])}{page}#comment-{comment.pk}"


def _refused(request, post, form, message, status, personal_info=None):
    return render(request, "posts/comment_form.html", {
        "post": post, "form": form, "refusal": message, "personal_info": personal_info,
        "action": reverse("post_comment", args=[post.slug]),
    }, status=status)


@require_POST
def post_comment(request, slug):
    post = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    form = CommentForm(request.POST)
    parent_id = parse_id(request.POST.get("parent"))
    if not request.user.is_authenticated:
        # The login expired (or never was): keep the words and bring them back to this box.
        drafts.ensure_may_keep(request)
        drafts.keep(request, post, parent_id, request.POST.get("body", ""))
        anchor = f"?reply={parent_id}#reply-{parent_id}" if parent_id else "#comment-form"
        messages.info(request, "Please log in to post. What you wrote is kept for you.")
        next_url = f"{post.get_absolute_url()}{anchor}"
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    if not form.is_valid():
        return _refused(request, post, form, None, 400)
    parent = form.cleaned_data["parent"]
    try:
        comment = services.post_comment(
            author=request.user, post=post, body=form.cleaned_data["body"], parent=parent,
            confirm_personal_info=form.cleaned_data["confirm_personal_info"],
        )
    except PersonalInfoFound as found:
        return _refused(request, post, form, None, 200, personal_info=found.kinds)
    except Refused as refusal:
        return _refused(request, post, form, refusal.message, refusal.status)
    drafts.clear(request, post, parent)
    after_writing(request, comment)
    # The tag tells the page's script which locally saved draft is now safe to forget.
    messages.success(request, "Your comment is posted.",
                     extra_tags=f"posted-{post.pk}-{parent or 0}")
    return redirect(landing_url(comment, comment_url(comment, request.user)))


def comment_permalink(request, comment_id):
    comment = comment_or_404(request, comment_id)
    return redirect(comment_url(comment, request.user))


def comment_thread(request, comment_id):
    """'Continue this thread': one comment and its replies on a page of their own."""
    comment = comment_or_404(request, comment_id)
    post = comment.post
    top = subthread(comment, request.user)
    reply_to = parse_id(request.GET.get("reply"))
    blocks = blocks_seen_by(request.user)
    # A member's "New" labels and #first-unread, when the first new comment is folded here.
    reading = StoryReading(request.user, post) if request.user.is_authenticated else None
    view = ThreadView(request.user, post, can_reply=offers_reply(request.user, post)
                      and post.author_id not in blocks[1], reactions=None, blocks=blocks,
                      reading=reading, reply_to=reply_to)
    if reading is not None:
        reading.mark_seen(comment_ids([top] if top else []))
    return render(request, "posts/comment_thread.html", {
        "post": post, "comment": comment,
        "thread_html": thread_html(request, post, view, [top] if top else [],
                                   draft=drafts.get(request, post, reply_to)),
        "back_url": reverse("comment_permalink", args=[comment.root_id]),
    })


@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_id):
    if not request.user.is_authenticated:
        if request.method != "POST":
            return redirect_to_login(request.get_full_path())
        # The login expired: keep the edit and bring it back to this form after login.
        drafts.ensure_may_keep(request)
        drafts.keep_edit(request, comment_id, request.POST.get("body", ""))
        messages.info(request, "Please log in to save your changes. What you wrote is kept "
                               "for you.")
        return redirect(f"{reverse('account_login')}?"
                        f"{urlencode({'next': reverse('comment_edit', args=[comment_id])})}")
    comment = comment_or_404(request, comment_id)
    ensure_can_change_comment(request.user, comment)
    kept = drafts.edit_draft(request, comment.pk)
    form = CommentForm(request.POST or None, initial={"body": kept or comment.body})
    context = {"post": comment.post, "form": form, "editing": comment,
               "action": reverse("comment_edit", args=[comment.pk])}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "posts/comment_form.html", context, status=400)
        try:
            comment = services.edit_comment(
                editor=request.user, comment=comment, body=form.cleaned_data["body"],
                confirm_personal_info=form.cleaned_data["confirm_personal_info"])
        except PersonalInfoFound as found:
            context["personal_info"] = found.kinds
            return render(request, "posts/comment_form.html", context)
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "posts/comment_form.html", context, status=refusal.status)
        drafts.forget_edit(request, comment.pk)
        after_writing(request, comment)
        messages.success(request, "Your comment is updated.")
        return redirect(landing_url(comment, comment_url(comment, request.user)))
    return render(request, "posts/comment_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request, comment_id):
    comment = comment_or_404(request, comment_id)
    ensure_can_change_comment(request.user, comment)
    if confirmed(request):  # otherwise (a GET, or a POST without it) ask first
        kept = services.delete_comment(actor=request.user, comment=comment)
        messages.success(request, "Your comment is deleted.")
        if kept is not None:
            return redirect(comment_url(kept, request.user))
        return redirect(f"{comment.post.get_absolute_url()}#comments")
    return render(request, "posts/comment_confirm_delete.html", {"comment": comment})


@login_required
@require_POST
def comment_helped(request, comment_id):
    """The asker marks (or unmarks) a reply that helped them; refusals say why."""
    comment = comment_or_404(request, comment_id)
    comment = services.toggle_helped(actor=request.user, comment=comment)
    messages.success(request, "Marked as a reply that helped you." if comment.helped_at
                     else "No longer marked as a reply that helped you.")
    return redirect(comment_url(comment, request.user))
