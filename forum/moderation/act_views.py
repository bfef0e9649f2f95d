"""The pages where moderators act: an item's own page (reached from the queue, the thread's
"Moderate" link and the hidden-and-removed list), a member's page (reached from their
profile), and the list of hidden and removed content. Each verb is its own service; a
refusal shows the page again with the reason and everything the moderator wrote."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.models import User
from forum.conversations.models import Message
from plumbing.parsing import MAX_ID
from plumbing.refusals import Refused
from posts.models import Comment, Post

from . import queue, services
from .forms import MESSAGE_SANCTIONS, SANCTION_CHOICES, ActionForm, MemberActionForm
from .models import ModerationAction, Report
from .views import moderators_only, render_queue

K = ModerationAction.Kind
HISTORY, REMOVED_PAGE = 20, 20


def _content_verb(verb, *fields):
    def call(moderator, post, comment, data):
        return verb(moderator=moderator, post=post, comment=comment,
                    **{name: data[name] for name in fields})
    return call


def _author_verb(verb):
    def call(moderator, post, comment, data):
        author = (comment or post).author
        if author is None:
            raise Refused("This author's account no longer exists.", status=409)
        return verb(moderator=moderator, member=author, days=data["days"],
                    guideline=data["guideline"], statement=data["statement"], post=post,
                    comment=comment)
    return call


# The view dispatches by kind; each verb is its own service function.
CONTENT_VERBS = {
    K.APPROVE: _content_verb(services.approve),
    K.HIDE: _content_verb(services.hide, "guideline", "statement", "legal_ground"),
    K.REMOVE: _content_verb(services.remove, "guideline", "statement", "legal_ground"),
    K.RESTORE: _content_verb(services.restore, "statement"),
    K.LOCK: _content_verb(services.lock, "guideline", "statement"),
    K.UNLOCK: _content_verb(services.unlock, "statement"),
    K.DISMISS: _content_verb(services.dismiss, "statement"),
    K.SILENCE: _author_verb(services.silence),
    K.SUSPEND: _author_verb(services.suspend),
}
def _message_verb(verb, *fields):
    def call(moderator, message, data):
        return verb(moderator=moderator, message=message,
                    **{name: data[name] for name in fields})
    return call


def _sender_verb(verb):
    def call(moderator, message, data):
        if message.sender is None or message.from_team:
            raise Refused("This message has no member to act on.", status=409)
        return verb(moderator=moderator, member=message.sender, days=data["days"],
                    guideline=data["guideline"], statement=data["statement"],
                    message=message)
    return call


# The same verbs, taking a message the way they take a comment.
MESSAGE_VERBS = {
    K.HIDE: _message_verb(services.hide, "guideline", "statement", "legal_ground"),
    K.RESTORE: _message_verb(services.restore, "statement"),
    K.DISMISS: _message_verb(services.dismiss, "statement"),
    K.SILENCE: _sender_verb(services.silence),
    K.SUSPEND: _sender_verb(services.suspend),
}
BACK = {"": "moderation:queue", "queue": "moderation:queue", "removed": "moderation:removed"}


def _item(post_id, comment_id):
    if post_id > MAX_ID or (comment_id or 0) > MAX_ID:
        raise Http404("No such item.")
    post = get_object_or_404(Post.objects.select_related("author"), pk=post_id)
    comment = None
    if comment_id is not None:  # 0 is a comment id that does not exist, not "the post"
        comment = get_object_or_404(Comment.objects.select_related("author"), pk=comment_id,
                                    post=post)
    return post, comment


def _from_the_queue(request):
    return request.POST.get("next") == "queue"


def _back_on_the_card(request, key, refusal, form):
    """A refused act from a queue card: the queue again, that card with the reason and the
    moderator's words (the same page, not a separate one)."""
    on_card = request.POST.get("on_card") == "1"
    return render_queue(request, refused=(key, refusal.message, form, on_card),
                        status=refusal.status)


def _history(post, comment):
    return list(ModerationAction.objects.filter(post=post, comment=comment)[:HISTORY])


@moderators_only
@require_http_methods(["GET", "POST"])
def act(request, post_id, comment_id=None):
    post, comment = _item(post_id, comment_id)
    form = ActionForm(request.POST or None)
    crisis_report = _latest_crisis_report(post=post, comment=comment, message=None)
    context = {"post": post, "comment": comment, "target": comment or post, "form": form,
               "sanctions": SANCTION_CHOICES, "open_reports": Report.objects.open().filter(
                   post=post, comment=comment).exists(),
               "crisis_report": crisis_report}
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
            data = form.cleaned_data
            action = CONTENT_VERBS[data["kind"]](request.user, post, comment, data)
        except Refused as refusal:
            if _from_the_queue(request):
                return _back_on_the_card(request, (post.pk, comment.pk if comment else None,
                                                   None), refusal, form)
            context.update(refusal=refusal.message, history=_history(post, comment))
            return render(request, "moderation/act.html", context, status=refusal.status)
        messages.success(request, f"Done: {action.get_kind_display().lower()}.")
        if data["next"] == "item":
            return redirect(request.path)
        return redirect(BACK[data["next"]])
    context["history"] = _history(post, comment)
    return render(request, "moderation/act.html", context)


def _latest_crisis_report(**about):
    """The newest crisis report about an item, open or dismissed: dismissing it does not drop
    the person, so outreach after it stays offered (outreach accepts either)."""
    return Report.objects.crisis().filter(**about).order_by("-pk").first()


def _reported_message(message_id):
    """A message moderators may read: one that was reported (open or closed). Any other
    message is a 404 here, as everywhere for moderators."""
    reported = Exists(Report.objects.filter(message=OuterRef("pk")))
    message = get_object_or_404(Message.objects.select_related("sender", "conversation")
                                .filter(reported), pk=message_id)
    item = queue.QueueItem(None, None, message.pk)
    queue.load([item])
    item.crisis = item.crisis_report is not None
    return message, item


@moderators_only
@require_http_methods(["GET", "POST"])
def act_message(request, message_id):
    """A reported private message: it, the few before it, the two handles, the verbs."""
    message, item = _reported_message(message_id)
    form = ActionForm(request.POST or None)
    context = {"message": message, "entry": item, "target": message, "form": form,
               "sanctions": MESSAGE_SANCTIONS,
               "crisis_report": item.crisis_report or _latest_crisis_report(
                   post=None, comment=None, message=message),
               "open_reports": Report.objects.open().filter(message=message).exists()}
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
            data = form.cleaned_data
            if data["kind"] not in MESSAGE_VERBS:
                services.only_these_verbs(data["kind"])
            action = MESSAGE_VERBS[data["kind"]](request.user, message, data)
        except Refused as refusal:
            if _from_the_queue(request):
                return _back_on_the_card(request, (None, None, message.pk), refusal, form)
            context.update(refusal=refusal.message, history=_message_history(message))
            return render(request, "moderation/act_message.html", context,
                          status=refusal.status)
        messages.success(request, f"Done: {action.get_kind_display().lower()}.")
        if data["next"] == "item":
            return redirect(request.path)
        return redirect(BACK.get(data["next"], "moderation:queue"))
    context["history"] = _message_history(message)
    return render(request, "moderation/act_message.html", context)


def _message_history(message):
    return list(ModerationAction.objects.filter(message=message)[:HISTORY])


@moderators_only
@require_http_methods(["GET", "POST"])
def member(request, handle):
    if "\x00" in handle:  # PostgreSQL refuses NUL in a query: no such member
        raise Http404("No such member.")
    person = get_object_or_404(User, username__iexact=handle)
    form = MemberActionForm(request.POST or None)
    context = {"member": person, "form": form}
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
            data = form.cleaned_data
            if data["kind"] == "lift":
                services.lift(moderator=request.user, member=person,
                              statement=data["statement"])
            else:
                verb = services.silence if data["kind"] == K.SILENCE else services.suspend
                verb(moderator=request.user, member=person, days=data["days"],
                     guideline=data["guideline"], statement=data["statement"])
        except Refused as refusal:
            context.update(refusal=refusal.message, history=_member_history(person))
            return render(request, "moderation/member.html", context, status=refusal.status)
        messages.success(request, f"Done. {person.username} has been told.")
        return redirect(reverse("moderation:member", args=[person.username]))
    context["history"] = _member_history(person)
    return render(request, "moderation/member.html", context)


def _member_history(person):
    return list(ModerationAction.objects.filter(member=person).select_related("post")[:HISTORY])


@moderators_only
def removed(request):
    """Hidden and removed posts or comments, newest first, each with a restore button."""
    comments = request.GET.get("what") == "comments"
    if comments:
        items = (Comment.objects.taken_down()
                 .select_related("post").order_by("-id"))
    else:
        items = Post.objects.taken_down().order_by("-id")
    page = Paginator(items, REMOVED_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/removed.html", {
        "page": page, "comments": comments,
    })
