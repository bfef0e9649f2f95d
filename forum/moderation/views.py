from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.parsing import parse_id
from posts.comment_views import comment_or_404
from posts.models import Comment, Post

from . import queue, services
from .forms import ActionForm, AppealDecisionForm, AppealForm, LogFilterForm, ReportForm
from .models import Appeal, ModerationAction, Report
from .policy import RateLimited
from .reports import ReportRefused, file_report

QUEUE_PAGE, LOG_PAGE = 20, 50


def moderators_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        services.ensure_moderator(request.user)
        return view(request, *args, **kwargs)
    wrapped.__name__ = view.__name__
    return wrapped


def _report(request, post, comment=None):
    form = ReportForm(request.POST or None)
    context = {"form": form, "post": post, "comment": comment}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "moderation/report_form.html", context, status=400)
        try:
            file_report(reporter=request.user, post=post, comment=comment, **form.cleaned_data)
        except ReportRefused as refusal:
            context["refusal"] = str(refusal)
            return render(request, "moderation/report_form.html", context, status=400)
        except RateLimited as limited:
            return render(request, "429.html", {"message": str(limited)}, status=429)
        return render(request, "moderation/report_thanks.html", context)
    return render(request, "moderation/report_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, slug):
    post = get_object_or_404(Post.objects.visible_to(request.user), slug=slug)
    return _report(request, post)


@login_required
@require_http_methods(["GET", "POST"])
def report_comment(request, comment_id):
    comment = comment_or_404(request, comment_id)
    return _report(request, comment.post, comment)


@moderators_only
def review_queue(request):
    items = queue.collect()
    page = Paginator(items, QUEUE_PAGE).get_page(request.GET.get("page"))
    entries = queue.load(list(page.object_list))
    return render(request, "moderation/queue.html", {
        "page": page, "entries": entries, "form": ActionForm(),
        "moderation_queue_size": len(items),  # already counted: spare the header a recount
    })


@moderators_only
@require_POST
def act(request, post_id, comment_id=None):
    post = get_object_or_404(Post, pk=post_id)
    comment = get_object_or_404(Comment, pk=comment_id, post=post) if comment_id else None
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _queue_error(request, form.errors.as_text(), 400)
    data = form.cleaned_data
    target = comment or post
    try:
        if data["kind"] in services.MEMBER_ACTIONS:
            if target.author is None:
                return _queue_error(request, "This author's account no longer exists.", 400)
            services.act_on_member(moderator=request.user, kind=data["kind"],
                                   member=target.author, days=data["days"],
                                   guideline=data["guideline"], statement=data["statement"],
                                   post=post, comment=comment)
        else:
            services.act_on_content(moderator=request.user, kind=data["kind"], post=post,
                                    comment=comment, guideline=data["guideline"],
                                    statement=data["statement"])
    except services.ActionRefused as refusal:
        return _queue_error(request, str(refusal), 400)
    messages.success(request, f"Done: {ModerationAction.Kind(data['kind']).label.lower()}.")
    return redirect("moderation:queue")


def _queue_error(request, message, status):
    return render(request, "moderation/action_refused.html", {"message": message},
                  status=status)


@login_required
def decision(request, action_id):
    """What was decided about a member's content or account, why, and how to appeal."""
    action = get_object_or_404(ModerationAction.objects.select_related("post", "comment"),
                               pk=action_id)
    if action.member_id != request.user.pk and not request.user.is_moderator:
        raise PermissionDenied("This decision is about someone else.")
    appeal = Appeal.objects.filter(action=action).first()
    can_appeal = (action.member_id == request.user.pk and appeal is None
                  and action.kind in ("hide", "remove", "silence", "suspend", "lock"))
    return render(request, "moderation/decision.html", {
        "action": action, "appeal": appeal, "can_appeal": can_appeal, "form": AppealForm(),
    })


@login_required
@require_POST
def appeal(request, action_id):
    action = get_object_or_404(ModerationAction, pk=action_id)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return render(request, "moderation/decision.html", {
            "action": action, "can_appeal": True, "form": form}, status=400)
    try:
        services.file_appeal(author=request.user, action=action, text=form.cleaned_data["text"])
    except services.ActionRefused as refusal:
        return _queue_error(request, str(refusal), 400)
    messages.success(request, "Your appeal is sent. A different moderator will decide it.")
    return redirect(reverse("moderation:decision", args=[action.pk]))


@moderators_only
@require_http_methods(["GET", "POST"])
def appeals(request):
    if request.method == "POST":
        appeal_obj = get_object_or_404(Appeal, pk=parse_id(request.POST.get("appeal")))
        form = AppealDecisionForm(request.POST)
        if not form.is_valid():
            return _queue_error(request, "Choose grant or deny and write an explanation.", 400)
        try:
            services.decide_appeal(moderator=request.user, appeal=appeal_obj,
                                   grant=form.cleaned_data["grant"],
                                   statement=form.cleaned_data["statement"])
        except services.ActionRefused as refusal:
            return _queue_error(request, str(refusal), 400)
        messages.success(request, "The appeal is decided and the member has been told.")
        return redirect("moderation:appeals")
    pending = (Appeal.objects.filter(status=Appeal.Status.PENDING)
               .select_related("action", "author").order_by("created_at"))
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
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "moderation/log.html", {
        "form": form, "page": page,
        "extra_query": f"{query.urlencode()}&" if query else "",
    })


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
