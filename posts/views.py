from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.blocking import NEUTRAL_REFUSAL, blocks_seen_by
from plumbing.confirming import confirmed
from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from . import drafts, services
from .community_queries import poll_for, reactions_for
from .forms import CommentForm, PostForm
from .helped import helped_replies
from .models import Post, PostFollow
from .permissions import (
    can_comment,
    can_edit_post,
    comment_refusal_reason,
    ensure_can_edit_post,
    offers_reply,
)
from .personal_info import PersonalInfoFound
from .reading import StoryReading, with_member_state
from .rendering import render_markdown
from .services.follows import follow_level
from .thread_cache import thread_page_for
from .thread_view import REACTION_KINDS, ThreadView, reply_template_html, thread_html
from .threads import comment_ids
from .writing import after_writing, landing_url


def _visible_post_or_404(request, slug, *, member_state=False):
    posts = Post.objects.visible_to(request.user).select_related("disclaimer", "poll")
    if member_state:
        posts = with_member_state(posts, request.user)
    return get_object_or_404(posts.with_tags(), slug=slug)


def _reply_to(request):
    return parse_id(request.GET.get("reply"))


def _to_first_unread(request, post):
    """`?unread`: straight to the member's first new comment (the top when none is new)."""
    reading = StoryReading(request.user, post)
    return redirect(reading.jump_url(set()) or post.get_absolute_url())


def post_detail(request, slug):
    post = _visible_post_or_404(request, slug, member_state=True)
    if "unread" in request.GET:
        return _to_first_unread(request, post)
    comments = thread_page_for(
        post, request.user, page_number=request.GET.get("page"),
        sort=request.GET.get("sort", "oldest"),
    )
    reply_to = _reply_to(request)
    shown = comment_ids(comments.threads)
    reactions = reactions_for(post, shown, request.user, counts=comments.reaction_counts)
    blocks = blocks_seen_by(request.user)
    # The post's author blocked this member: no comment here (told neutrally, not why).
    shut_out = post.author_id in blocks[1]
    # Members only: readers' pages stay the same for all, and cacheable.
    reading = StoryReading(request.user, post) if request.user.is_authenticated else None
    view = ThreadView(request.user, post, can_reply=offers_reply(request.user, post)
                      and not shut_out, reactions=reactions, blocks=blocks, reading=reading,
                      reply_to=reply_to)
    comment_form = CommentForm(initial={"body": drafts.get(request, post, None)})
    jump_url = None
    if reading is not None:
        jump_url = reading.jump_url(set(shown))
        reading.mark_seen(shown)
    return render(request, "posts/post_detail.html", {
        "jump_url": jump_url, "follow_level": follow_level(request.user, post),
        "follow_levels": PostFollow.Level.choices,
        "post": post, "can_edit": can_edit_post(request.user, post),
        "comments": comments,
        "thread_html": thread_html(request, post, view, comments.threads, draft=drafts.get(
            request, post, reply_to) if reply_to else "", rows_key=comments.cache_key),
        "reply_template": reply_template_html(request, post),
        "can_comment": can_comment(request.user, post) and not shut_out,
        "comment_form": comment_form, "author_blocked": post.author_id in blocks[0],
        "comment_refusal": NEUTRAL_REFUSAL if shut_out and can_comment(request.user, post)
        else comment_refusal_reason(request.user, post),
        "poll": poll_for(post, request.user), "reactions": reactions,
        "post_reactions": [(kind, label, reactions.counts.get(None, {}).get(kind, 0),
                            (None, kind) in reactions.mine) for kind, label in REACTION_KINDS],
        "post_saved": None in reactions.saved,
        "post_reaction_total": sum(reactions.counts.get(None, {}).values()),
        "helped": helped_replies(post),
    })


def _write(request, *, post=None):
    """Shared by "write" and "edit": preview without saving, or save and go to the post.
    Any refusal shows this form again with the reason and everything the member typed."""
    if request.method == "POST":
        form = PostForm(request.POST, instance=post)
    else:
        form = PostForm(initial=_restored(request, post), instance=post)
    context = {"form": form, "post": post}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "posts/post_form.html", context, status=400)
        data = form.post_fields()
        if "preview" in request.POST:
            context["preview_html"] = render_markdown(data["body"], mentions=True)
            context["preview"] = {
                "title": data["title"], "kind": data["kind"],
                "kind_label": dict(Post.Kind.choices).get(data["kind"], ""),
                "symptoms": list(data.get("symptoms") or []),
                "members_only": data.get("visibility") == Post.Visibility.MEMBERS,
            }
            return render(request, "posts/post_form.html", context)
        try:
            with transaction.atomic():
                if post is None:
                    saved = services.create_post(author=request.user, **data)
                else:
                    saved = services.update_post(editor=request.user, post=post, **data)
                _save_poll(request.user, saved, form.cleaned_data)
        except PersonalInfoFound as found:
            context["personal_info"] = found.kinds
            return render(request, "posts/post_form.html", context)
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "posts/post_form.html", context, status=refusal.status)
        drafts.forget_post(request, post)
        after_writing(request, saved)
        if data.get("suggested_tag"):
            messages.info(request, "Thank you for suggesting a symptom. A moderator will look "
                                   "at it soon.")
        return redirect(landing_url(saved, saved.get_absolute_url()))
    return render(request, "posts/post_form.html", context)


def _restored(request, post):
    """The post form kept when the login expired, brought back once."""
    draft = drafts.post_draft(request, post)
    if draft:
        messages.info(request, "Here is what you wrote before you were asked to log in. "
                               "Check it, then publish.")
    return draft or {}


def _keep_for_after_login(request, post, url):
    """The login expired (or never was): keep the whole form and come back to it."""
    drafts.ensure_may_keep(request)
    drafts.keep_post(request, post, request.POST)
    messages.info(request, "Please log in to publish. What you wrote is kept for you.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': url})}")


def _save_poll(author, post, data):
    if data.get("poll_question"):
        services.set_poll(author=author, post=post, question=data["poll_question"],
                          choices=data["poll_choices"], closes_at=data.get("poll_closes_at"))
    else:
        services.remove_poll(author=author, post=post)  # nothing to do when there is none


@require_http_methods(["GET", "POST"])
def post_create(request):
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _keep_for_after_login(request, None, reverse("post_create"))
        return redirect_to_login(request.get_full_path())
    return _write(request)


@require_http_methods(["GET", "POST"])
def post_edit(request, slug):
    if not request.user.is_authenticated:
        if request.method == "POST":
            post = get_object_or_404(Post, slug=slug)
            return _keep_for_after_login(request, post, reverse("post_edit", args=[slug]))
        return redirect_to_login(request.get_full_path())
    post = _visible_post_or_404(request, slug)
    ensure_can_edit_post(request.user, post)
    return _write(request, post=post)


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, slug):
    post = _visible_post_or_404(request, slug)
    ensure_can_edit_post(request.user, post)
    if confirmed(request):  # otherwise (a GET, or a POST without it) ask first
        kept = services.delete_post(actor=request.user, post=post)
        messages.success(request, "Your post is deleted." if kept is None else
                         "Your post is deleted. Others had replied, so their replies stay "
                         "readable under a note saying the author deleted the post.")
        return redirect("home")
    return render(request, "posts/post_confirm_delete.html", {
        "post": post, "others_replied": services.others_replied(post)})

