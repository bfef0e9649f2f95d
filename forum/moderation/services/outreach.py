"""Moderator outreach: the Kindred moderators write privately to a member after a crisis
report about something they wrote, and any moderator answers in the team's conversations.
Each is on the audit log as an outreach naming the member and the conversation (and, for
the first message, which crisis report it follows): that it happened, never what was said.
Not a sanction: nothing to appeal."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from forum.conversations import services as conversations
from forum.conversations.models import Conversation, Message
from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from ..models import ModerationAction, Report
from .record import K, ensure_moderator, record

ANSWERED = "Answered privately for the Kindred moderators."
NO_CRISIS_REPORT = ("The moderators reach out privately after a crisis report about the "
                    "member: use “Reach out privately” on their crisis item in the review "
                    "queue.")


def reached_out(report: Report) -> str:
    """The log's statement: which crisis report the outreach follows."""
    what = ("private message" if report.message_id else "comment" if report.comment_id
            else "post")
    return f"Reached out privately after crisis report #{report.pk} about their {what}."


def crisis_report_about(member: User, report_id: object) -> Report:
    """The crisis report (open or closed) named by `report_id`, if it is about `member`,
    with the newest outreach to them since it was filed (`ReportQuerySet.with_outreach_after`)."""
    pk = parse_id(report_id)
    if pk is None:
        raise Refused(NO_CRISIS_REPORT, status=400)
    report = (Report.objects.crisis_about(member).with_outreach_after()
              .select_related("post", "comment", "message").filter(pk=pk).first())
    if report is None:
        raise Refused(NO_CRISIS_REPORT, status=404)
    return report


def _words(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise Refused("Write a message: the member will read it.")
    return body


@transaction.atomic
def reach_out(*, moderator: User, member: User, report: Report,
              body: str) -> ModerationAction:
    """Open a conversation between the moderators' team and `member`, with `body` first,
    after `report`: a crisis report about something `member` wrote."""
    ensure_moderator(moderator)
    report = crisis_report_about(member, report.pk)
    body = _words(body)
    if member.pk == moderator.pk:
        raise Refused("You cannot reach out to yourself.", status=409)
    conversation = conversations.start_outreach(moderator=moderator, member=member, body=body)
    return record(moderator=moderator, kind=K.OUTREACH, conversation=conversation,
                  member=member, statement=reached_out(report))


@transaction.atomic
def answer_as_team(*, moderator: User, conversation: Conversation,
                   body: str) -> Message:
    """A moderator writes in a team conversation, for the team."""
    ensure_moderator(moderator)
    body = _words(body)
    message = conversations.reply_as_team(moderator=moderator, conversation=conversation,
                                          body=body)
    side = conversation.participants.select_related("user").first()
    member = side.user if side is not None else None
    record(moderator=moderator, kind=K.OUTREACH, conversation=conversation, member=member,
           statement=ANSWERED)
    return message
