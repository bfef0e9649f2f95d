"""Members' story pages reuse one stored thread HTML per post version, page, order and kind
of reader; each member's own state is filled in per request.

The tree (posts/thread_cache.py) is the same for every member; so is most of its HTML. This
module writes it once for a "generic member" (who wrote nothing here, blocked no one, reacted
to nothing, saved nothing, has read nothing), with every piece that can differ from member
to member marked: NUL, a letter and the comment id, NUL, the generic text, NUL "/" NUL
(see `ThreadRenderer._slot`), and SOH where the CSRF token goes. Serving it is one pass over
the marks: a piece keeps its generic text unless this member's state differs for that
comment (their own comment, one they reacted to or saved, a member they blocked or who
blocked them, a new one, the first unread, the reply box they opened), where the member's
renderer writes it afresh; relative times are always written afresh. So a member sees what
`ThreadRenderer.render` would have written for them, never another member's state.

What is the same for a whole page but not for all members goes into the key: whether they
may reply, mark helped replies or moderate, and their time zone (exact times).
"""

import logging
import re

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe

from .community_queries import Reactions
from .thread_html import ThreadRenderer

logger = logging.getLogger(__name__)

HTML_TTL = 60 * 60
CSRF_MARK = "\x01"
_SLOT = re.compile("\x00([A-Za-z])(\\d+)\x00([^\x00]*)\x00/\x00")


class _GenericMember:
    """Whose eyes the stored HTML is written with: a member who is no comment's author."""

    pk = -1
    is_authenticated = True


class _SharedRenderer(ThreadRenderer):
    """Writes the generic member's HTML with the member's pieces marked."""

    def __init__(self, member_renderer):
        self.__dict__.update(member_renderer.__dict__)
        self.viewer = _GenericMember()
        self.user_id = _GenericMember.pk
        self.blocked = self.blocked_by = frozenset()
        self.reading, self.first_unread_id, self.reply_to, self.draft = None, None, None, ""
        self.reactions = Reactions(counts=member_renderer.reactions.counts)
        self.csrf = CSRF_MARK

    def _slot(self, code, comment, write):
        return f"\x00{code}{comment.pk}\x00{write(comment)}\x00/\x00"


def _differs(renderer, code, comment):
    """Whether this member's piece `code` of `comment` may differ from the generic one."""
    if code == "T":
        return True  # "5 minutes ago": now, not when it was stored
    own = comment.author_id == renderer.user_id
    if code in "AH":
        return own
    if code == "C":
        return (own or comment.author_id in renderer.blocked_by
                or comment.pk in renderer.reactions.saved)
    if code == "R":
        return any(pk == comment.pk for pk, _ in renderer.reactions.mine)
    if code in "FfS":
        return comment.author_id in renderer.blocked
    if code == "N":
        return renderer.reading is not None and renderer.reading.is_new(comment)
    if code == "U":
        return comment.pk == renderer.first_unread_id
    return comment.pk == renderer.reply_to  # "P", the reply box


_WRITERS = {"U": "_first_unread", "F": "_fold_open", "f": "_fold_close", "A": "_byline",
            "T": "_relative", "H": "_history_link", "N": "_new_label", "R": "_reaction_bar",
            "C": "_actions", "P": "_reply_form", "S": "_replies_name"}


def _by_id(threads):
    found, stack = {}, list(threads)
    while stack:
        comment = stack.pop()
        found[comment.pk] = comment
        stack.extend(getattr(comment, "shown_children", ()))
    return found


def fill(renderer, stored, threads):
    """The member's page from the stored HTML: their pieces written, the rest kept."""
    comments = _by_id(threads)

    def piece(match):
        code, pk, generic = match.group(1), int(match.group(2)), match.group(3)
        comment = comments[pk]
        if _differs(renderer, code, comment):
            return getattr(renderer, _WRITERS[code])(comment)
        return generic

    return mark_safe(_SLOT.sub(piece, stored).replace(CSRF_MARK, renderer.csrf))


def _key(renderer, comments):
    return (f"{comments.shared_key}:html-v1:{int(bool(renderer.can_reply))}"
            f"{int(bool(renderer.can_mark_helped))}{int(renderer.is_moderator)}:"
            f"{timezone.get_current_timezone_name()}")


def thread_html(renderer, comments):
    """The thread HTML for this member: from the stored shared HTML when the tree is the
    shared one (thread_cache), else written for them alone."""
    if comments.shared_key is None or not renderer.user_id or renderer.reactions is None:
        return renderer.render(comments.threads)
    key = _key(renderer, comments)
    try:
        stored = cache.get(key)
    except Exception:
        logger.warning("The thread HTML cache is unavailable; writing afresh", exc_info=True)
        return renderer.render(comments.threads)
    if stored is None:
        stored = _SharedRenderer(renderer).render(comments.threads)
        try:
            cache.set(key, str(stored), HTML_TTL)
        except Exception:
            logger.warning("Could not store a thread's HTML", exc_info=True)
    return fill(renderer, stored, comments.threads)
