"""A member's data: export everything they created or set, or delete their account."""

from __future__ import annotations

import io
import json
import zipfile
from importlib import import_module
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.blocking import blocks_made
from accounts.handles import released_digests
from accounts.models import ReleasedHandle
from accounts.privacy import FORMER_MEMBER
from forum.conversations import member_data as conversations
from forum.moderation.models import Appeal, ModerationAction, Report
from forum.notifications.models import Notification
from plumbing.refusals import Refused
from posts.models import (
    Bookmark,
    Comment,
    PollVote,
    Post,
    PostFollow,
    Reaction,
    Revision,
    TagFollow,
    TagSuggestion,
)
from posts.services.comments import remove_for_account_deletion
from posts.services.posts import remove_post_for_account_deletion

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from accounts.models import User

ZIP_ABOVE_BYTES = 1_000_000
PROFILE_FIELDS = [
    "username", "email", "date_joined", "bio", "profile_visibility", "diagnosis_year",
    "ms_type", "show_health_details", "text_size", "theme", "font", "wide_spacing",
    "reduced_motion", "email_new_post", "email_reply_to_post", "email_reply_to_comment",
    "email_mention", "email_watched_comment", "digest_frequency", "watch_on_comment",
    "time_zone", "messages_from", "email_message",
    # Consent to holding their health information: which version, and when (accounts.consent).
    "health_consent_version", "health_consent_at",
]


def export_sections(user: User) -> dict[str, Any]:
    """Everything the member created or set, by section. Each section queries only rows
    that belong to `user`, so another member's data cannot appear by construction."""
    sections = {
        "profile": {field: getattr(user, field) for field in PROFILE_FIELDS},
        "posts": list(Post.objects.filter(author=user).values(
            "title", "slug", "kind", "body", "status", "visibility", "published_at",
            "edited_at")),
        "comments": list(Comment.objects.filter(author=user).values(
            "post__slug", "parent_id", "body", "status", "created_at", "edited_at")),
        # Earlier versions of their own posts and comments: their words.
        "edit_history": list(_own_revisions(user).values(
            "post__slug", "comment_id", "title", "body", "created_at")),
        "follows": list(TagFollow.objects.filter(user=user).values("tag__name", "level",
                                                                     "created_at")),
        "post_follows": list(PostFollow.objects.filter(user=user).values(
            "post__slug", "level", "created_at")),
        "reports_filed": list(Report.objects.filter(reporter=user).values(
            "post__slug", "comment_id", "message_id", "reason", "details", "status",
            "created_at")),
        "appeals": list(Appeal.objects.filter(author=user).values(
            "action_id", "text", "status", "decision", "created_at", "decided_at")),
        # Decisions about the member, with the statement of reasons they were sent.
        "moderation_decisions": list(ModerationAction.objects.filter(member=user).values(
            "id", "kind", "post__slug", "comment_id", "message_id", "conversation_id",
            "guideline", "statement", "until", "appeal_of_id", "created_at")),
        "notifications": list(Notification.objects.filter(recipient=user).values(
            "kind", "actor_name", "post__slug", "comment_id", "conversation_id", "action_id",
            "created_at", "read_at", "emailed_at")),
        "tag_suggestions": list(TagSuggestion.objects.filter(suggested_by=user).values(
            "name", "post__slug", "status", "created_at")),
        "email_addresses": list(EmailAddress.objects.filter(user=user).values(
            "email", "verified", "primary")),
        "reactions": list(Reaction.objects.filter(user=user).values(
            "post__slug", "comment_id", "kind", "created_at")),
        "poll_votes": list(PollVote.objects.filter(user=user).values(
            "poll__question", "choice__text", "updated_at")),
        "blocked_members": [{"handle": block.blocked.username, "created_at": block.created_at}
                            for block in blocks_made(user)],
        "bookmarks": list(Bookmark.objects.filter(user=user).values(
            "post__slug", "comment_id", "created_at")),
        # Private messages: theirs and the other side's replies, with the other's handle.
        "conversations": conversations.export_conversations(user),
    }
    return sections


def _own_revisions(user: User) -> QuerySet[Revision]:
    return Revision.objects.filter(Q(post__author=user) | Q(comment__author=user))


def export_file(user: User) -> tuple[str, str, bytes]:
    """(filename, content type, bytes): JSON, zipped when it is large."""
    payload = json.dumps({"kindred_export": timezone.now(), **export_sections(user)},
                         cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()
    stem = f"kindred-{user.username}-{timezone.now():%Y%m%d}"
    if len(payload) <= ZIP_ABOVE_BYTES:
        return f"{stem}.json", "application/json", payload
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.json", payload)
    return f"{stem}.zip", "application/zip", buffer.getvalue()


ANONYMISE, DELETE_EVERYTHING = "anonymise", "delete"


@transaction.atomic
def delete_account(request: HttpRequest, *, password: str | None, mode: str | None) -> None:
    """Anonymise (words stay under "former member") or delete everything; either way the
    account, its sessions and everything personal go. With the account go (by cascade) its
    email addresses, notifications, appeals, follows (of tags and posts), read marks,
    reactions, votes, bookmarks, blocks (made and received) and their side of each private
    conversation; a conversation with no member side left goes too."""
    user = request.user
    if not user.is_authenticated or not user.check_password(password or ""):
        raise Refused("That password is not right. Nothing was deleted.", status=403)
    if mode not in (ANONYMISE, DELETE_EVERYTHING):
        raise Refused("Choose what should happen to what you wrote.")
    if mode == DELETE_EVERYTHING:
        # Reports stay on the moderators' record (the queue, the transparency figures),
        # unattributed and without the member's own words; their tag suggestions go.
        Report.objects.filter(reporter=user).update(details="")
        TagSuggestion.objects.filter(suggested_by=user).delete()
        # A post with other members' replies stays as a tombstone that keeps them readable.
        for post_id in list(Post.objects.filter(author=user).values_list("pk", flat=True)):
            remove_post_for_account_deletion(post_id)
        # Deepest first, one at a time by id: a removal can take an emptied tombstone above it.
        mine = Comment.objects.filter(author=user).order_by("-depth", "-pk")
        for comment_id in list(mine.values_list("pk", flat=True)):
            remove_for_account_deletion(comment_id)
        conversations.erase_messages(user)
    # Earlier versions go either way: what a member edited out stays out after they leave.
    _own_revisions(user).delete()
    Post.objects.filter(author=user).update(author_name=FORMER_MEMBER)
    Comment.objects.filter(author=user).update(author_name=FORMER_MEMBER)
    Comment.objects.filter(reply_to_name__iexact=user.username).update(
        reply_to_name=FORMER_MEMBER)
    Notification.objects.filter(actor=user).update(actor_name=FORMER_MEMBER)
    # The audit log is append-only for moderators; erasing a departing member's handle
    # from it is the one change allowed, and it changes nothing else.
    ModerationAction.objects.anonymise_member(user, FORMER_MEMBER)
    ReleasedHandle.objects.update_or_create(handle_digest=released_digests(user.username)[0],
                                            defaults={"released_at": timezone.now()})
    _end_sessions(user)
    logout(request)
    in_conversations = conversations.conversation_ids(user)
    user.delete()  # their messages stay, from "former member", unless erased above
    conversations.drop_empty_conversations(in_conversations)


def _end_sessions(user: User) -> None:
    """Every session of theirs ends, through the session engine, so a cached copy goes too."""
    user_id = str(user.pk)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            store(session.session_key).delete()
