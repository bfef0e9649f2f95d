"""Appeals: a member asks for a sanction to be looked at again, and a moderator who had no
part in it decides. A granted appeal undoes its own action only, and never one that a later
action has already replaced."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from plumbing.refusals import Refused
from posts.models import Comment, Post
from posts.services.comments import change_comment_status

from ..models import APPEALABLE, Appeal, ModerationAction
from .content import set_post_status
from .messages import undo_hide
from .record import K, ensure_moderator, record

# Later actions of these kinds, on the same target, replace an earlier one.
_ON_CONTENT: set[str] = {K.APPROVE, K.HIDE, K.REMOVE, K.RESTORE}
REPLACED_BY: dict[str, set[str]] = {
    K.HIDE: _ON_CONTENT, K.REMOVE: _ON_CONTENT, K.LOCK: {K.LOCK, K.UNLOCK},
    K.SILENCE: {K.SILENCE}, K.SUSPEND: {K.SUSPEND}}


def superseded_by(action: ModerationAction) -> ModerationAction | None:
    """The first later action that replaced this one, if any (a new hide, remove or restore
    of the same item; a new silence, suspension or lift for the same member)."""
    if action.kind not in REPLACED_BY:
        return None
    later = ModerationAction.objects.filter(pk__gt=action.pk)
    if action.kind in (K.SILENCE, K.SUSPEND):
        lifted = Q(kind=K.RESTORE, post__isnull=True, message__isnull=True)
        later = later.filter(Q(kind=action.kind) | lifted, member_id=action.member_id)
    else:
        later = later.filter(kind__in=REPLACED_BY[action.kind], post=action.post_id,
                             comment=action.comment_id, message=action.message_id)
    return later.order_by("pk").first()


def appeal_closed_reason(action: ModerationAction) -> str:
    return (f"Appeals are open for six months after a decision. This one was made on "
            f"{action.created_at:%-d %B %Y}, so the time to appeal it ended on "
            f"{action.appeal_deadline:%-d %B %Y}. What you wrote is kept below.")


@transaction.atomic
def file_appeal(*, author: User, action: ModerationAction, text: str) -> Appeal:
    if action.member_id != author.pk:
        raise Refused("You can only appeal decisions about your own posts or account.",
                      status=403)
    if not action.can_be_appealed:
        raise Refused("This decision cannot be appealed.", status=409)
    if not action.appeal_window_open:
        raise Refused(appeal_closed_reason(action), status=409)
    if not (text or "").strip():
        raise Refused("Tell the moderators why you think the decision was wrong.")
    if Appeal.objects.filter(action=action).exists():
        raise Refused("You have already appealed this decision.", status=409)
    return Appeal.objects.create(action=action, author=author, text=text.strip())


def _ensure_impartial(moderator: User, appeal: Appeal) -> None:
    original = appeal.action
    target = original.comment or original.post
    sender_id = original.message.sender_id if original.message else None
    if original.actor_id == moderator.pk:
        raise Refused("A different moderator must decide an appeal of your decision.",
                      status=403)
    if appeal.author_id == moderator.pk or sender_id == moderator.pk or (
            target is not None and target.author_id == moderator.pk):
        raise Refused("You cannot decide an appeal about your own post, comment or account: "
                      "another moderator will.", status=403)


@transaction.atomic
def decide_appeal(*, moderator: User, appeal: Appeal, grant: bool, statement: str) -> Appeal:
    ensure_moderator(moderator)
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related(
        "action__post", "action__comment", "action__message", "author").get(pk=appeal.pk)
    _ensure_impartial(moderator, appeal)
    if appeal.status != Appeal.Status.PENDING:
        raise Refused("This appeal has already been decided.", status=409)
    if not (statement or "").strip():
        raise Refused("Write a short explanation for the member.")
    original = appeal.action
    if grant and superseded_by(original) is None:
        _undo(original)
    appeal.status = Appeal.Status.GRANTED if grant else Appeal.Status.DENIED
    appeal.decided_by, appeal.decision = moderator, statement.strip()
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "decided_by", "decision", "decided_at"])
    record(moderator=moderator, kind=K.APPEAL_GRANTED if grant else K.APPEAL_DENIED,
           post=original.post, comment=original.comment, message=original.message,
           conversation=original.conversation, member=appeal.author,
           guideline=original.guideline, statement=statement, appeal_of=original,
           tell=appeal.author)
    return appeal


def _undo(action: ModerationAction) -> None:
    """Put back what this action changed, and only that."""
    assert action.kind in APPEALABLE
    if action.kind in (K.HIDE, K.REMOVE):
        if action.message_id is not None:
            undo_hide(action)
        elif action.comment is not None:
            change_comment_status(action.comment, Comment.Status.VISIBLE)
        elif action.post is not None:
            set_post_status(action.post, Post.Status.PUBLISHED)
    elif action.kind == K.LOCK and action.post_id:
        Post.objects.filter(pk=action.post_id).update(is_locked=False)
    elif action.member_id:
        field = "silenced_until" if action.kind == K.SILENCE else "suspended_until"
        User.objects.filter(pk=action.member_id).update(**{field: None})
