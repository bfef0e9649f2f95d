"""Moderators' actions, one function per verb, each logged and told through `record`.

content: approve, hide, remove, restore, lock, unlock, dismiss (hide, restore and dismiss
  also take `message=`, a reported private message: `messages`)
members: silence, suspend, lift
appeals: file_appeal, decide_appeal
illegal: file_notice, dismiss_notice (reports of illegal content)
"""

from .appeals import decide_appeal, file_appeal, superseded_by
from .content import approve, dismiss, hide, lock, remove, restore, unlock
from .members import MAX_DAYS, lift, silence, suspend
from .messages import only_these_verbs
from .record import ensure_moderator

__all__ = [
    "MAX_DAYS", "approve", "decide_appeal", "dismiss", "ensure_moderator", "file_appeal",
    "hide", "lift", "lock", "only_these_verbs", "remove", "restore", "silence",
    "superseded_by", "suspend", "unlock",
]
