"""Members' story pages reuse one stored thread HTML per post version, page, order and kind
of reader; each member's own state is filled in per request.

The tree (posts/thread_cache.py) is the same for every member; so is most of its HTML. This
module writes it once for a "generic member" (who wrote nothing here, blocked no one, reacted
to nothing, saved nothing, has read nothing), with every piece that can differ from member
to member marked: NUL, a letter and the comment id, NUL, the generic text, NUL "/" NUL
(see `ThreadRenderer._slot`), and SOH where the CSRF token goes; it is stored as the generic
HTML and where each marked piece sits. Serving it slices: a piece keeps its generic text
unless this member's state differs for that comment (their own comment, one they reacted
to or saved, a member they blocked or who blocked them, a new one, the first unread, the
reply box they opened), where the member's renderer writes it afresh; relative times are
always written afresh. So a member sees what `ThreadRenderer.render` would have written for
them, never another member's state.

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


_WRITERS = {"U": "_first_unread", "F": "_fold_open", "f": "_fold_close", "A": "_byline",
            "T": "_relative", "H": "_history_link", "N": "_new_label", "R": "_reaction_bar",
            "C": "_actions", "P": "_reply_form", "S": "_replies_name"}


def _stored(marked):
    """(the generic HTML, {code: {comment id: (start, end)}}): the marks turned into where
    each piece sits, once, when the HTML is stored."""
    parts, slots, length, last = [], {code: {} for code in _WRITERS}, 0, 0
    for match in _SLOT.finditer(marked):
        text = marked[last:match.start()]
        parts.append(text)
        length += len(text)
        generic = match.group(3)
        parts.append(generic)
        slots[match.group(1)][int(match.group(2))] = (length, length + len(generic))
        length += len(generic)
        last = match.end()
    parts.append(marked[last:])
    return "".join(parts), slots


def _by_id(threads):
    found, stack = {}, list(threads)
    while stack:
        comment = stack.pop()
        found[comment.pk] = comment
        stack.extend(getattr(comment, "shown_children", ()))
    return found


def _pieces_to_write(renderer, comments):
    """(code, comment id) of each piece where this member's page may differ from the
    generic member's: their own comments, members they blocked or who blocked them, what
    they reacted to or saved, new comments, the first unread, the reply box; and every
    relative time ("5 minutes ago" is now, not when the HTML was stored)."""
    reactions, reading = renderer.reactions, renderer.reading
    wanted = [("T", pk) for pk in comments]
    for pk, comment in comments.items():
        author = comment.author_id
        if author == renderer.user_id:
            wanted += [("A", pk), ("H", pk), ("C", pk)]
        elif author in renderer.blocked_by or pk in reactions.saved:
            wanted.append(("C", pk))
        if author in renderer.blocked:
            wanted += [("F", pk), ("f", pk), ("S", pk)]
        if reading is not None and reading.is_new(comment):
            wanted.append(("N", pk))
    wanted += [("R", pk) for pk, _ in reactions.mine if pk in comments]
    wanted += [(code, pk) for code, pk in (("U", renderer.first_unread_id),
                                           ("P", renderer.reply_to)) if pk in comments]
    return wanted


def fill(renderer, stored, threads):
    """The member's page from the stored HTML: their pieces written, the rest kept."""
    html, slots = stored
    comments = _by_id(threads)
    spans = []
    for code, pk in set(_pieces_to_write(renderer, comments)):
        where = slots[code].get(pk)
        if where is not None:
            spans.append((where, getattr(renderer, _WRITERS[code])(comments[pk])))
    spans.sort()
    out, last = [], 0
    for (start, end), text in spans:
        out.append(html[last:start])
        out.append(text)
        last = end
    out.append(html[last:])
    return mark_safe("".join(out).replace(CSRF_MARK, renderer.csrf))


def _key(renderer, comments):
    return (f"{comments.shared_key}:html-v2:{int(bool(renderer.can_reply))}"
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
        stored = _stored(_SharedRenderer(renderer).render(comments.threads))
        try:
            cache.set(key, stored, HTML_TTL)
        except Exception:
            logger.warning("Could not store a thread's HTML", exc_info=True)
    return fill(renderer, stored, comments.threads)
