"""The warm, editable opening a moderator starts from when reaching out after a crisis
report: a few kind words and the helplines as admins keep them on /pages/crisis-support/
(its first list and the paragraph after it, the same part the crisis message shows)."""

import re

from forum.models import Page

# In the page's Markdown: the first list (lines starting "- " or "* ", and their indented
# continuations) and the paragraph right after it.
_HELPLINES = re.compile(r"^(?:[-*] .*\n(?:[ \t]+\S.*\n)*)+(?:\n(?:\S.*\n)+)?", re.MULTILINE)


def helplines() -> str:
    page = Page.objects.filter(slug="crisis-support").only("body").first()
    body = (page.body if page else "").replace("\r\n", "\n").strip() + "\n"
    found = _HELPLINES.search(body)
    return (found.group(0) if found else body).strip()


def opening(member) -> str:
    lines = [
        f"Hello {member.username},",
        "",
        "This is the Kindred moderators. Something you wrote made us want to check in "
        "with you, privately. We're not here about any rule: we care how you are, and we "
        "are glad you're part of Kindred.",
        "",
        "If things feel too heavy right now, these services are free, confidential and "
        "there any time:",
        "",
        helplines(),
        "",
        "You can reply here whenever you like, or not at all. Only the moderators read "
        "this conversation.",
    ]
    return "\n".join(lines).strip()
