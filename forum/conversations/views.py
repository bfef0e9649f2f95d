"""Private message pages. Services decide; a refusal shows the form again with the reason
and every word (comments' rules, posts/comment_views.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plumbing.confirming import confirmed
from plumbing.parsing import parse_id
from plumbing.refusals import Refused
from posts import drafts as post_drafts
from posts.pagination import capped_page
from posts.personal_info import PersonalInfoFound
from posts.writing import CRISIS_ANCHOR

from . import drafts, selectors, services
from .forms import MessageForm, NewMessageForm
from .rules import OWN_CHOICE, closed_to, message_refusal, writing_refusal

INBOX_PAGE = 25
MESSAGES_SHOWN = 30  # the newest; "Earlier messages" pages back


def _after_sending(request, message, draft_key):
    """Where the writer lands: their message, or the helplines when the words suggest crisis."""
    drafts.clear(request, draft_key)
    url = reverse("conversations:conversation", args=[message.conversation_id])
    # The tag tells the page's script which draft on this device is now sent.
    messages.success(request, "Your message is sent.", extra_tags=f"sent-{draft_key}")
    if getattr(message, "crisis_support", False):
        messages.warning(request, "It sounds like things are really hard right now.",
                         extra_tags=f"crisis words-message-{message.pk}")
        return redirect(f"{url}#{CRISIS_ANCHOR}")
    return redirect(f"{url}#message-{message.pk}")


def _to_login(request, draft_key, body, next_url):
    """The login expired: keep the words and bring them back to the same box."""
    post_drafts.ensure_may_keep(request)
    drafts.keep(request, draft_key, body)
    messages.info(request, "Please log in to send your message. What you wrote is kept for you.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


@login_required
@require_GET
def inbox(request):
    page = capped_page(selectors.inbox_for(request.user), request.GET.get("page"), INBOX_PAGE)
    return render(request, "conversations/inbox.html", {"page": page})


def _new_form(request, form, *, status=200, refusal=None, personal_info=None):
    return render(request, "conversations/new.html", {
        "form": form, "refusal": refusal, "personal_info": personal_info,
        "to": form["to"].value() or "", "privacy_link": refusal == OWN_CHOICE,
    }, status=status)


def new_message(request):
    to = str(request.POST.get("to") or request.GET.get("to") or "").strip()[:150]
    draft_key = f"to-{to.casefold()}"
    if request.method == "POST" and not request.user.is_authenticated:
        return _to_login(request, draft_key, request.POST.get("body", ""),
                         f"{reverse('conversations:new')}?{urlencode({'to': to})}")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "POST"):
        raise Refused("Please use the form to send a message.", status=405)
    if request.method == "GET":
        form = NewMessageForm(initial={"to": to, "body": drafts.get(request, draft_key)})
        # Said up front, as sending would say it (the same rules, whatever is open).
        refusal = (message_refusal(request.user, services.recipient_named(to)) if to
                   else writing_refusal(request.user))
        return _new_form(request, form, refusal=refusal.message if refusal else None)
    form = NewMessageForm(request.POST)
    if not form.is_valid():
        return _new_form(request, form, status=400)
    try:
        message = services.start_conversation(
            sender=request.user, recipient_handle=form.cleaned_data["to"],
            body=form.cleaned_data["body"],
            confirm_personal_info=form.cleaned_data["confirm_personal_info"])
    except PersonalInfoFound as found:
        return _new_form(request, form, personal_info=found.kinds)
    except Refused as refusal:
        return _new_form(request, form, status=refusal.status, refusal=refusal.message)
    return _after_sending(request, message, draft_key)


def _page_of_messages(conversation, user, before):
    shown = selectors.messages_in(conversation)
    if before is not None:
        shown = shown.filter(pk__lt=before)
    newest = list(shown.reverse()[:MESSAGES_SHOWN + 1])
    for message in newest:  # the reader's own words (a member's page: never the team's)
        message.mine = not message.from_team and message.sender_id == user.pk
    earlier = newest[MESSAGES_SHOWN] if len(newest) > MESSAGES_SHOWN else None
    return list(reversed(newest[:MESSAGES_SHOWN])), earlier


def _conversation_page(request, conversation, *, form=None, status=200, refusal=None,
                       personal_info=None):
    before = parse_id(request.GET.get("before"))
    shown, earlier = _page_of_messages(conversation, request.user, before)
    draft_key = f"c{conversation.pk}"
    form = form or MessageForm(initial={"body": drafts.get(request, draft_key)})
    side = conversation.side
    closed = _closed(conversation, request.user)
    return render(request, "conversations/conversation.html", {
        "conversation": conversation, "shown": shown,
        "earlier": shown[0] if earlier is not None and shown else None,
        "newer": before is not None,
        "form": form, "refusal": refusal, "personal_info": personal_info,
        "draft_key": draft_key,
        "closed": closed, "privacy_link": closed == OWN_CHOICE,
        "first_notice": side is not None and selectors.is_first_exchange(
            conversation, reader_id=request.user.pk),
    }, status=status)


def _closed(conversation, reader):
    """Why the reader cannot reply here ("" when they can)."""
    side, other = conversation.side, conversation.other_side
    if side.left_at is not None:
        return "You left this conversation, so you can’t reply in it."
    if conversation.with_team:
        return ""
    if other is None:
        return "This member’s account is gone, so the conversation is closed."
    if other.left_at is not None:
        return (f"{other.user.username} left this conversation, so it is closed. To write "
                "to them again, use “Send a message” on their profile.")
    # Their "nobody", or the other side's choice, block or suspension (read alike).
    return closed_to(reader, other.user)


def _to_team_page(conversation, *, status=302):
    """A moderator reading a team conversation: the team answers from moderation's page,
    where every answer goes on the audit log (reversing a URL by name is not an import)."""
    response = redirect("moderation:outreach_conversation", conversation.pk)
    response.status_code = status
    return response


@login_required
@require_GET
def conversation(request, conversation_id):
    conversation = selectors.conversation_for(request.user, conversation_id)
    if conversation.for_team:
        return _to_team_page(conversation)
    services.mark_read(user=request.user, conversation=conversation)
    return _conversation_page(request, conversation)


@require_POST
def reply(request, conversation_id):
    url = reverse("conversations:conversation", args=[conversation_id])
    if not request.user.is_authenticated:
        return _to_login(request, f"c{conversation_id}", request.POST.get("body", ""),
                         f"{url}#reply")
    conversation = selectors.conversation_for(request.user, conversation_id)
    if conversation.for_team:  # 307: the words go along, to the page that logs the answer
        return _to_team_page(conversation, status=307)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _conversation_page(request, conversation, form=form, status=400)
    try:
        message = services.reply(
            sender=request.user, conversation=conversation, body=form.cleaned_data["body"],
            confirm_personal_info=form.cleaned_data["confirm_personal_info"])
    except PersonalInfoFound as found:
        return _conversation_page(request, conversation, form=form,
                                  personal_info=found.kinds)
    except Refused as refusal:
        return _conversation_page(request, conversation, form=form, status=refusal.status,
                                  refusal=refusal.message)
    return _after_sending(request, message, f"c{conversation.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, conversation_id):
    """GET, or a POST without `confirm=yes`: what leaving does, the button and a way back
    (nothing changes). POST with it: the member leaves."""
    conversation = selectors.conversation_for(request.user, conversation_id)
    if conversation.side is None:
        raise Refused("Only the member in this conversation can leave it.", status=403)
    if not confirmed(request):
        return render(request, "conversations/leave.html", {"conversation": conversation})
    services.leave(member=request.user, conversation=conversation)
    messages.success(request, "You left the conversation. It is no longer in your messages.")
    return redirect("conversations:inbox")
