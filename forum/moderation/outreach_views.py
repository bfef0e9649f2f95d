"""Moderator outreach pages: writing privately to a member (from a crisis item in the
queue or its own page, whose link names the crisis report), and the team inbox, where every
moderator reads and answers the team's conversations. A refusal shows the form again with
the words and the reason."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.models import User
from forum.conversations import selectors
from forum.conversations import services as conversations
from forum.conversations.models import Conversation
from plumbing.refusals import Refused

from . import outreach
from .forms import OutreachForm
from .services import outreach as services
from .views import moderators_only

INBOX_PAGE = 30


@moderators_only
def inbox(request):
    """Every team conversation, unread first (the conversations' own selector)."""
    page = Paginator(selectors.team_inbox(), INBOX_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/outreach_inbox.html", {"page": page})


@moderators_only
@require_http_methods(["GET", "POST"])
def compose(request, handle):
    if "\x00" in handle:  # PostgreSQL refuses NUL in a query: no such member
        raise Http404("No such member.")
    person = get_object_or_404(User, username__iexact=handle, is_active=True)
    report = services.crisis_report_about(person, request.GET.get("report"))
    form = OutreachForm(request.POST or None,
                        initial={"body": outreach.opening(person)})
    # Someone already reached out after this report: asked before writing again (two
    # moderators answering the same crisis item would write twice).
    again = "1" in (request.GET.get("again"), request.POST.get("again"))
    earlier = report.outreach_by is not None and not again
    context = {"member": person, "form": form, "report": report, "earlier": earlier}
    if request.method == "GET" and earlier:
        return render(request, "moderation/outreach_compose.html", context)
    if request.method == "POST" and earlier:
        context["refusal"] = (f"{report.outreach_by} reached out to {person.username} after "
                              "this report while you were writing. Send yours as well?")
        return render(request, "moderation/outreach_compose.html", context, status=409)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
            action = services.reach_out(moderator=request.user, member=person,
                                        report=report, body=form.cleaned_data["body"])
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "moderation/outreach_compose.html", context,
                          status=refusal.status)
        messages.success(request, f"Sent. {person.username} will find it in their messages.")
        return redirect("moderation:outreach_conversation", action.conversation_id)
    return render(request, "moderation/outreach_compose.html", context)


@moderators_only
@require_http_methods(["GET", "POST"])
def conversation(request, conversation_id):
    """One team conversation: what was said (the team is a side of it), and a reply."""
    found = get_object_or_404(Conversation.objects.of_team(), pk=conversation_id)
    form = OutreachForm(request.POST or None)
    context = {"conversation": found, "form": form}
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise Refused(" ".join(e for errors in form.errors.values() for e in errors))
            services.answer_as_team(moderator=request.user, conversation=found,
                                    body=form.cleaned_data["body"])
        except Refused as refusal:
            context.update(refusal=refusal.message, **_thread(found))
            return render(request, "moderation/outreach_conversation.html", context,
                          status=refusal.status)
        messages.success(request, "Sent for the Kindred moderators.")
        return redirect("moderation:outreach_conversation", found.pk)
    context.update(_thread(found))
    conversations.mark_read(user=request.user, conversation=found)
    return render(request, "moderation/outreach_conversation.html", context)


def _thread(found):
    return {"thread": list(selectors.messages_in(found)),
            "member": next((side.user for side in found.participants.select_related("user")),
                           None)}
