import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from forum.conversations.models import Conversation, Message
from plumbing.parsing import parse_id
from plumbing.refusals import Refused
from posts.comment_views import comment_or_404
from posts.models import Post

from . import queue, services
from .forms import (
    QUEUE_MESSAGE_SANCTIONS,
    QUEUE_SANCTIONS,
    ActionForm,
    AppealDecisionForm,
    AppealForm,
    LogFilterForm,
    ReportForm,
)
from .models import Appeal, Guideline, IllegalContentReport, ModerationAction, Report
from .reports import file_message_report, file_report

QUEUE_PAGE, LOG_PAGE = 20, 50


def moderators_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        services.ensure_moderator(request.user)
        return view(request, *args, **kwargs)
    wrapped.__name__ = view.__name__
    return wrapped


OWN_MESSAGE = "You can’t report your own message."


def _report(request, context, file_it, *, refusal=None):
    """The report form for any item: `file_it(reason=…, details=…)` files it; a refusal
    shows the form again with the reason and the member's words."""
    form = context["form"] = ReportForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "moderation/report_form.html", context, status=400)
        try:
            file_it(**form.cleaned_data)
        except Refused as refused:
            context["refusal"] = refused.message
            return render(request, "moderation/report_form.html", context,
                          status=refused.status)
        return render(request, "moderation/report_thanks.html", context)
    if refusal is not None:
        context["refusal"] = refusal
        return render(request, "moderation/report_form.html", context, status=403)
    return render(request, "moderation/report_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, slug):
    post = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    return _report(request, {"post": post, "comment": None}, functools.partial(
        file_report, reporter=request.user, post=post))


@login_required
@require_http_methods(["GET", "POST"])
def report_comment(request, comment_id):
    comment = comment_or_404(request, comment_id)
    return _report(request, {"post": comment.post, "comment": comment}, functools.partial(
        file_report, reporter=request.user, post=comment.post, comment=comment))


@login_required
@require_http_methods(["GET", "POST"])
def report_message(request, message_id):
    """A participant reports the other side's message: the reasons and flow of a comment.
    One who left the conversation still may (leaving is often what a hurt member does
    first)."""
    message = get_object_or_404(
        Message.objects.select_related("conversation", "sender"), pk=message_id,
        conversation__participants__user=request.user)
    own = message.sender_id == request.user.pk
    return _report(request, {"message": message}, functools.partial(
        file_message_report, reporter=request.user, message=message),
        refusal=OWN_MESSAGE if own else None)


@moderators_only
def review_queue(request):
    return render_queue(request)


def render_queue(request, *, refused=None, status=200):
    """The queue page. `refused`: (key, refusal message, bound form, on_card) after an act
    from a card was refused; the page holding that card is shown, the card with the reason
    and every word the moderator wrote."""
    items = queue.collect()
    number = request.GET.get("page")
    if refused is not None:
        keys = [item.key for item in items]
        if refused[0] in keys:
            number = keys.index(refused[0]) // QUEUE_PAGE + 1
    page = Paginator(items, QUEUE_PAGE).get_page(number)
    entries = queue.load(list(page.object_list))
    refusal, refused_at = None, None
    if refused is not None:
        key, refusal, form, on_card = refused
        for number, entry in enumerate(entries, start=1):
            if entry.key == key:
                entry.refusal, entry.form, entry.on_card = refusal, form, on_card
                refused_at = number
    team_waiting = Conversation.objects.waiting_for_team().count()
    return render(request, "moderation/queue.html", {
        "page": page, "entries": entries, "form": ActionForm(),
        "sanctions": QUEUE_SANCTIONS, "message_sanctions": QUEUE_MESSAGE_SANCTIONS,
        "guidelines": Guideline.choices,
        # Shown at the top of the page too, linking to the card (when it is still queued).
        "refusal": refusal, "refused_at": refused_at,
        "team_waiting": team_waiting,
        "illegal_notices": list(IllegalContentReport.objects.open().select_related("post")
                                .order_by("created_at")[:20]),
        # Already counted: spare the header a recount.
        "moderation_queue_size": len(items) + team_waiting,
    }, status=status)


def _decision_context(action, user, form=None):
    appeal = Appeal.objects.filter(action=action).first()
    original = action.appeal_of
    message = action.message
    return {
        "action": action, "appeal": appeal, "form": form or AppealForm(),
        # A private message's words are shown to its sender only, never to a moderator or
        # anyone else who opens the decision.
        "own_message": message if message and message.sender_id == user.pk else None,
        "can_appeal": (action.member_id == user.pk and appeal is None
                       and action.can_be_appealed and action.appeal_window_open),
        "appeal_closed": (action.member_id == user.pk and appeal is None
                          and action.can_be_appealed and not action.appeal_window_open),
        "original": original,
        "replaced_by": services.superseded_by(original) if original else None,
    }


def suspended_context(user):
    """The suspended page: until when, and every decision about the member (each links to
    its page, where they can appeal)."""
    decisions = (ModerationAction.objects.filter(member=user).select_related("post")
                 .exclude(kind=ModerationAction.Kind.DISMISS).order_by("-created_at", "-id"))
    return {"until": user.suspended_until, "decisions": decisions[:50]}


@login_required
def suspended(request):
    """Where a suspended member lands (forum/moderation/middleware.py): the decisions about
    them, and signing out to read Kindred."""
    if not request.user.is_suspended:
        return redirect("home")
    return render(request, "moderation/suspended.html", suspended_context(request.user))


@login_required
def decision(request, action_id):
    """What was decided about a member's content or account, why, and (for a sanction) how
    to appeal."""
    action = get_object_or_404(ModerationAction.objects.select_related(
        "post", "comment", "message", "appeal_of"), pk=action_id)
    # Dismissed reports are the moderators' business: the author was never told of them.
    is_theirs = action.member_id == request.user.pk and action.kind != ModerationAction.Kind.DISMISS
    if not (is_theirs or request.user.is_moderator):
        raise Refused("This decision is about someone else.", status=403)
    return render(request, "moderation/decision.html", _decision_context(action, request.user))


@login_required
@require_POST
def appeal(request, action_id):
    action = get_object_or_404(ModerationAction.objects.select_related(
        "post", "comment", "message", "appeal_of"), pk=action_id)
    form = AppealForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused("Tell the moderators why you think the decision was wrong.")
        services.file_appeal(author=request.user, action=action, text=form.cleaned_data["text"])
    except Refused as refusal:
        if refusal.status == 403:
            raise  # not theirs to appeal: no form to show again (RefusalMiddleware's page)
        context = _decision_context(action, request.user, form)
        context.update(refusal=refusal.message,
                       can_appeal=not context["appeal_closed"])
        return render(request, "moderation/decision.html", context, status=refusal.status)
    messages.success(request, "Your appeal is sent. A different moderator will decide it.")
    return redirect(reverse("moderation:decision", args=[action.pk]))


@moderators_only
@require_http_methods(["GET", "POST"])
def appeals(request):
    if request.method == "POST":
        appeal_obj = get_object_or_404(Appeal, pk=parse_id(request.POST.get("appeal")))
        form = AppealDecisionForm(request.POST)
        # A refusal is shown by RefusalMiddleware, with every word the moderator wrote.
        if not form.is_valid():
            raise Refused("Choose grant or deny and write an explanation.")
        services.decide_appeal(moderator=request.user, appeal=appeal_obj,
                               grant=form.cleaned_data["grant"],
                               statement=form.cleaned_data["statement"])
        messages.success(request, "The appeal is decided and the member has been told.")
        return redirect("moderation:appeals")
    pending = (Appeal.objects.waiting()
               .select_related("action__post", "action__comment", "action__message",
                               "author")
               .order_by("created_at"))
    return render(request, "moderation/appeals.html", {"pending": pending,
                                                       "form": AppealDecisionForm()})


@moderators_only
def log(request):
    form = LogFilterForm(request.GET or None)
    actions = ModerationAction.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["moderator"]:
            actions = actions.filter(actor_name__iexact=data["moderator"])
        if data["kind"]:
            actions = actions.filter(kind=data["kind"])
        if data["since"]:
            actions = actions.filter(created_at__date__gte=data["since"])
        if data["until"]:
            actions = actions.filter(created_at__date__lte=data["until"])
    page = Paginator(actions, LOG_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"form": form, "page": page})


def transparency(request):
    """Public monthly figures, computed from reports, the log and appeals."""
    def monthly(queryset, field):
        rows = (queryset.annotate(month=TruncMonth("created_at")).values("month", field)
                .annotate(n=Count("id")).order_by("-month", field))
        return list(rows)

    return render(request, "moderation/transparency.html", {
        "reports": monthly(Report.objects.all(), "reason"),
        "actions": monthly(ModerationAction.objects.all(), "kind"),
        "appeals": monthly(Appeal.objects.all(), "status"),
        "reason_labels": dict(Report._meta.get_field("reason").choices),
        "kind_labels": dict(ModerationAction.Kind.choices),
        "status_labels": dict(Appeal.Status.choices),
    })
