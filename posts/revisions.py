"""Edit history: every version of a post or comment, newest first, each with a word-level
diff against the one before it. Read by its author and moderators only (views check
posts.permissions.can_read_history)."""

import difflib
import re
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from accounts.privacy import FORMER_MEMBER

from .models import Revision

SHOWN = 50  # the newest versions; older ones stay stored
TOKENS = re.compile(r"^\s+|\S+\s*")  # words with the spaces after them


@dataclass
class Version:
    is_current: bool
    title: str
    body: str
    written_at: object
    written_by: str
    title_diff: str = ""
    body_diff: str = ""


def _marked(tag, label, text):
    return (f'<{tag}><span class="visually-hidden">[{label}: </span>{escape(text)}'
            f'<span class="visually-hidden">]</span></{tag}>')


def diff_html(old, new):
    """`new` with what it dropped from `old` in <del> and what it added in <ins>, word by
    word; everything escaped; each change labelled for screen readers."""
    before, after = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(after[j1:j2])))
            continue
        if i2 > i1:
            out.append(_marked("del", "removed", "".join(before[i1:i2])))
        if j2 > j1:
            out.append(_marked("ins", "added", "".join(after[j1:j2])))
    return mark_safe("".join(out))


def _name(user):
    return user.username if user is not None else FORMER_MEMBER


def history(*, current_title, current_body, revisions, first_written_at, author_name):
    """Versions newest first. A revision holds the words an edit replaced: the current text
    was written by the newest edit, each revision by the edit before it (or the author, at
    first publication)."""
    revisions = list(revisions)
    complete = len(revisions) <= SHOWN  # newest_revisions fetches one more than it shows
    texts = [(current_title, current_body)] + [(r.title, r.body) for r in revisions]
    versions = []
    for index, (title, body) in enumerate(texts):
        if index < len(revisions):
            written_by = _name(revisions[index].editor)
            written_at = revisions[index].created_at
        else:
            written_by, written_at = author_name, first_written_at
        versions.append(Version(is_current=index == 0, title=title, body=body,
                                written_at=written_at, written_by=written_by))
    for newer, older in zip(versions, versions[1:], strict=False):
        newer.title_diff = diff_html(older.title, newer.title)
        newer.body_diff = diff_html(older.body, newer.body)
    if not complete:
        return versions[:-1]  # its author and time are those of an edit not fetched
    versions[-1].title_diff = mark_safe(escape(versions[-1].title))
    versions[-1].body_diff = mark_safe(escape(versions[-1].body))
    return versions


def newest_revisions(**owner):
    return Revision.objects.filter(**owner).select_related("editor").order_by(
        "-created_at", "-pk")[:SHOWN + 1]
