"""The pieces of markup a story page shows both for the post (templates) and for each comment
(posts/thread_html.py): one writer per fragment.

Plain string building, for the thread's speed: every member-controlled value goes through
`escape` here, and callers pass our own values (URLs, ids, CSRF token) or already-escaped
ones. Templates reach these through the `{% author %}`, `{% reaction_form %}` and
`{% reply_form %}` tags (forum/templatetags/kindred.py), which mark the result safe.
"""

from html import escape

from accounts.avatars import avatar_html


def byline_html(name, profile_url=None, *, size="", name_id=""):
    """Avatar and name; linked to the profile when the reader may see it (profile_url),
    otherwise the neutral avatar and the plain name. With `name_id` the name sits in
    <span class="author" id=…> (a comment's label) and the avatar beside it."""
    avatar = avatar_html(name if profile_url else None, visible=bool(profile_url), size=size)
    name = escape(name or "")
    if profile_url:
        name = f'<a class="author-link" href="{escape(profile_url)}">{name}</a>'
    if name_id:
        name = f'<span class="author" id="{name_id}">{name}</span>'
    return f"{avatar}{name}"


def reaction_form_html(action, csrf, reactions, *, about=""):
    """The reaction buttons: `reactions` is (kind, label, count, mine) per kind; `about`
    ("to june") finishes each button's name for screen readers."""
    about = f'<span class="visually-hidden"> {escape(about)}</span>' if about else ""
    buttons = "".join(
        f'<button type="submit" name="kind" value="{kind}" class="reaction" '
        f'aria-pressed="{"true" if mine else "false"}">{label}{about}'
        f'{f" <span class=\"n\">{count}</span>" if count else ""}</button>'
        for kind, label, count, mine in reactions)
    return (f'<form method="post" action="{action}" class="reactions">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
            f"{buttons}</form>")


def reaction_counts_html(reactions):
    """What a reader sees instead of the buttons: "Hug: 2 · Helpful: 1"."""
    shown = [f"<span>{label}: {count}</span>" for _, label, count, _ in reactions if count]
    return f'<p class="reaction-counts">{"".join(shown)}</p>' if shown else ""


def reply_form_html(action, csrf, *, parent="", name="", draft="", draft_key="",
                    cancel_url=None):
    """The reply box under a comment. Without a parent it is the blank the script clones
    (<template id="reply-template">): it fills in the ids, the parent and the name."""
    ids = f' id="reply-{parent}"' if parent else ""
    key = f' data-draft-key="{escape(draft_key)}"' if draft_key else ""
    label_for = f' for="reply-body-{parent}"' if parent else ""
    box_id = f' id="reply-body-{parent}"' if parent else ""
    to = f" to {escape(name)}" if name else ""
    if cancel_url:
        cancel = f'<a class="button button-secondary" href="{escape(cancel_url)}">Cancel</a>'
    else:
        cancel = '<button type="button" class="secondary" data-cancel-reply>Cancel</button>'
    return (f'<form method="post" action="{action}" class="reply-form"{ids}{key}>'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
            f'<input type="hidden" name="parent" value="{parent}">'
            f"<label{label_for}>Your reply{to}</label>"
            f'<textarea{box_id} name="body" rows="5" maxlength="10000" required>'
            f"{escape(draft)}</textarea>"
            f'<div class="buttons"><button type="submit">Post reply</button> {cancel}</div>'
            "</form>")
