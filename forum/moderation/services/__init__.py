"""Moderators' actions, one function per verb, each logged and told through `record`.

content: approve, hide, remove, restore, lock, unlock, dismiss
members: silence, suspend, lift
appeals: file_appeal, decide_appeal
"""

from .appeals import decide_appeal, file_appeal, superseded_by
from .content import approve, dismiss, hide, lock, remove, restore, unlock
from .members import MAX_DAYS, lift, silence, suspend
from .record import ensure_moderator

__all__ = [
    "MAX_DAYS", "approve", "decide_appeal", "dismiss", "ensure_moderator", "file_appeal",
    "hide", "lift", "lock", "remove", "restore", "silence", "superseded_by", "suspend",
    "unlock",
]
