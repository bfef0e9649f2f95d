"""Private messages for the moderation tests: conversations made through the members'
services (forum.conversations.services), so a test sees what members leave behind."""

from datetime import timedelta

from django.utils import timezone

from forum.conversations import services
from forum.conversations.models import Conversation, Message
from forum.moderation.reports import file_message_report


def verified(user):
    """Private messages need a confirmed email address."""
    if not user.emailaddress_set.filter(verified=True).exists():
        user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def converse(first, second, *lines):
    """A conversation `first` starts with `second`; `lines` alternate first, second, …
    Returns the conversation and its messages, oldest first."""
    verified(first), verified(second)
    conversation = services.start_conversation(sender=first, recipient_handle=second.username,
                                               body=lines[0]).conversation
    for number, body in enumerate(lines[1:], start=1):
        services.reply(sender=second if number % 2 else first, conversation=conversation,
                       body=body)
    messages = list(Message.objects.filter(conversation=conversation).order_by("created_at",
                                                                               "id"))
    # Distinct times, as in life: the queue's "messages before it" reads created_at.
    start = timezone.now() - timedelta(hours=len(messages))
    for number, message in enumerate(messages):
        Message.objects.filter(pk=message.pk).update(created_at=start + timedelta(minutes=number))
        message.created_at = start + timedelta(minutes=number)
    return Conversation.objects.get(pk=conversation.pk), messages


def report(message, by, reason="harassment", details=""):
    return file_message_report(reporter=by, message=message, reason=reason, details=details)
