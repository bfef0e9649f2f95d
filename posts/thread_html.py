"""HTML for comment threads, built in Python.

A story page can show hundreds of comments; rendering each through a template include (or
even format_html) costs more than everything else on the page. This module writes the same
accessible markup with plain string building: member-supplied names go through `escape`,
bodies are the `body_html` sanitised at save, and everything else is ours (ids, URLs).
Nested <ol>/<li> carry the structure; each comment is an <article> with its author, a
<time> and its actions; <details> collapses replies without JavaScript.
"""

from html import escape
from urllib.parse import quote

from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.links import reverse
from accounts.privacy import can_see_profile

from .fragments import byline_html, reaction_counts_html, reaction_form_html, reply_form_html
from .models import Reaction
from .permissions import can_mark_helped
from .times import relative, time_html

_ID = 987654321  # reversed once, then replaced: reverse() per comment is slow


def _url_pattern(name):
    return reverse(name, args=[_ID]).replace(str(_ID), "{}")


REACTION_KINDS = [(kind.value, kind.label) for kind in Reaction.Kind]


def _without_marks(html):
    """NUL and SOH mark the member's pieces in a stored page (posts/thread_shared.py): a body
    may not carry them (they show as nothing anyway)."""
    if "\x00" in html or "\x01" in html:
        return html.replace("\x00", "").replace("\x01", "")
    return html


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


class ThreadRenderer:
    def __init__(self, request, post, *, can_reply, reply_to=None, draft="", reactions=None,
                 blocks=(frozenset(), frozenset()), reading=None):
        self.request, self.post = request, post
        # (ids this member blocked, ids who blocked this member): applied here, per member,
        # after the shared cached tree (thread_cache) was built for everyone.
        self.blocked, self.blocked_by = blocks
        # The member's read state (posts/reading.StoryReading): "New" labels and the
        # #first-unread anchor, added here, never to the shared cached tree.
        self.reading = reading
        self.first_unread_id = reading.first_unread_id if reading else None
        self.user_id = request.user.pk if request.user.is_authenticated else None
        self.viewer = request.user  # whose eyes decide which profiles are linked
        self.can_reply = can_reply
        self.reply_to, self.draft = reply_to, draft
        self.now = timezone.now()
        self.reactions = reactions
        self.csrf = get_token(request) if self.user_id else ""
        self.react_url = _url_pattern("comment_react")
        self.bookmark_url = _url_pattern("comment_bookmark")
        self.reactions_url = _url_pattern("comment_reactions")
        self.post_url = reverse("post_detail", args=[post.slug])
        self.comment_url = reverse("post_comment", args=[post.slug])
        self.login_url = reverse("account_login")
        self.permalink = _url_pattern("comment_permalink")
        self.profile_url = reverse("profile", args=["HANDLE"]).replace("HANDLE", "{}")
        self.thread_url = _url_pattern("comment_thread")
        self.edit_url = _url_pattern("comment_edit")
        self.delete_url = _url_pattern("comment_delete")
        self.history_url = _url_pattern("comment_history")
        self.is_moderator = bool(self.user_id and request.user.is_moderator)
        self.report_url = _url_pattern("report_comment")
        self.helped_url = _url_pattern("comment_helped")
        self.can_mark_helped = can_mark_helped(request.user, post)
        # Moderators act on others' words through moderation (logged, told, appealable).
        self.moderate_url = (reverse("moderation:act_comment", args=[post.pk, _ID])
                             .replace(str(_ID), "{}")
                             if self.user_id and request.user.is_moderator else None)

    def render(self, comments):
        parts = []
        self._list(comments, parts, "comments")
        return mark_safe("".join(parts))

    def _list(self, comments, out, css_class, parent=None):
        out.append(f'<ol class="{css_class}">')
        for comment in comments:
            self._comment(comment, out, parent)
        out.append("</ol>")

    def _comment(self, comment, out, parent=None):
        pk = comment.pk
        out.append(
            f'<li id="comment-{pk}" class="comment depth-{comment.depth}">'
            f'<article class="comment-body" aria-labelledby="comment-{pk}-by" tabindex="-1">'
        )
        out.append(self._slot("U", comment, self._first_unread))
        out.append(self._slot("F", comment, self._fold_open))
        self._meta(comment, out, parent)
        self._body(comment, out)
        if not comment.is_tombstone:
            out.append(self._slot("R", comment, self._reaction_bar))
            out.append(self._slot("C", comment, self._actions))
        out.append(self._slot("P", comment, self._reply_form))
        out.append(self._slot("f", comment, self._fold_close))
        out.append("</article>")
        self._replies(comment, out)
        out.append("</li>")

    # The pieces that differ from member to member, each a method of the comment: written at
    # once here; posts/thread_shared.py stores the page with them marked and fills them in.
    def _slot(self, code, comment, write):
        return write(comment)

    def _first_unread(self, comment):
        if comment.pk != self.first_unread_id:
            return ""
        return ('<p id="first-unread" class="first-unread" tabindex="-1">'
                "First new comment since your last visit</p>")

    def _collapsed(self, comment):
        # A blocked member's comment folds away; its replies stay readable below it.
        return comment.author_id in self.blocked and not comment.is_tombstone

    def _fold_open(self, comment):
        if not self._collapsed(comment):
            return ""
        return ('<details class="blocked-comment"><summary>You blocked this member'
                ' — show<span class="visually-hidden"> their comment</span></summary>')

    def _fold_close(self, comment):
        return "</details>" if self._collapsed(comment) else ""

    def _byline(self, comment):
        pk = comment.pk
        if comment.is_tombstone:
            label = ("Deleted comment" if comment.is_deleted else
                     "Hidden comment" if comment.is_hidden else "Removed comment")
            return byline_html(label, size="sm", name_id=f"comment-{pk}-by")
        visible = comment.author_id and can_see_profile(
            self.viewer, comment.author_visibility, comment.author_id)
        return byline_html(comment.author_name, size="sm", name_id=f"comment-{pk}-by",
                           profile_url=self.profile_url.format(comment.author_name)
                           if visible else None)

    def _relative(self, comment):
        return relative(comment.created_at, self.now)

    def _history_link(self, comment):
        if self.user_id and (self.is_moderator or comment.author_id == self.user_id):
            return (f' <a href="{self.history_url.format(comment.pk)}">Edit history<span '
                    'class="visually-hidden"> of this comment</span></a>')
        return ""

    def _new_label(self, comment):
        if self.reading is not None and comment.is_public and self.reading.is_new(comment):
            return ' <span class="badge badge-new">New</span>'
        return ""

    def _replies_name(self, comment):
        # A deleted or hidden comment no longer names its author anywhere.
        return ("this comment" if comment.is_tombstone or comment.author_id in self.blocked
                else escape(comment.author_name))

    def _meta(self, comment, out, parent=None):
        pk = comment.pk
        author = self._slot("A", comment, self._byline)
        out.append(f'<p class="comment-meta">{author}')
        if comment.reply_to_name:
            out.append(f' <span class="replying-to">replying to @{escape(comment.reply_to_name)}'
                       "</span>")
        elif parent is not None and comment.depth >= 2:
            # Shown only where threads.css flattens this level (phones, large text).
            to = "a comment" if parent.is_tombstone else f"@{escape(parent.author_name)}"
            out.append(f' <span class="replying-to replying-to-flat">replying to {to}</span>')
        when = self._slot("T", comment, self._relative)
        out.append(f' <a class="permalink" href="{self.permalink.format(pk)}">'
                   f"{time_html(comment.created_at, relative_text=when)}"
                   '<span class="visually-hidden">, link to this comment</span></a>')
        if comment.edited_at:
            out.append(' <span class="edited">(edited)</span>')
            out.append(self._slot("H", comment, self._history_link))
        if comment.is_waiting_for_review:
            out.append(' <span class="badge">Waiting for review</span>')
        # getattr: a tree cached before marks existed has no helped_at on its items.
        if getattr(comment, "helped_at", None) and comment.is_public:
            out.append(' <span class="badge helped-label">\u2713 Helped the asker</span>')
        out.append(self._slot("N", comment, self._new_label))
        out.append("</p>")

    def _body(self, comment, out):
        if comment.is_deleted:
            out.append('<p class="tombstone">Comment deleted by its author.</p>')
        elif comment.is_removed:
            out.append('<p class="tombstone">Comment removed by a moderator.</p>')
        elif comment.is_hidden:
            out.append('<p class="tombstone">Comment hidden by a moderator.</p>')
        else:
            out.append(f'<div class="prose">{_without_marks(comment.body_html)}</div>')

    def _reaction_bar(self, comment):
        if self.reactions is None or not comment.is_public:
            return ""
        pk = comment.pk
        counts = self.reactions.counts.get(pk, {})
        reactions = [(kind, label, counts.get(kind, 0), (pk, kind) in self.reactions.mine)
                     for kind, label in REACTION_KINDS]
        if self.user_id:
            return reaction_form_html(self.react_url.format(pk), self.csrf, reactions,
                                      about=f"to {comment.author_name}")
        return reaction_counts_html(reactions) if counts else ""

    def _actions(self, comment):
        """Reply (and who reacted) in view; the rest behind "More", a <details> that works
        without JavaScript (static/js/threads.js adds Escape)."""
        pk, name = comment.pk, escape(comment.author_name)
        actions = []
        if self.can_reply and comment.is_public and comment.author_id not in self.blocked_by:
            if self.user_id:
                href = f"?reply={pk}#reply-{pk}"
            else:
                back_here = quote(f"{self.post_url}?reply={pk}#reply-{pk}", safe="")
                href = f"{self.login_url}?next={back_here}"
            actions.append(
                f'<a class="reply-link" href="{href}" data-reply-to="{pk}" '
                f'data-reply-name="{name}">Reply<span class="visually-hidden"> to {name}</span></a>'
            )
        if self.reactions is not None and self.reactions.counts.get(pk):
            actions.append(f'<a href="{self.reactions_url.format(pk)}">Who reacted'
                           f'<span class="visually-hidden"> to {name}</span></a>')
        if (self.can_mark_helped and comment.is_public
                and comment.author_id != self.post.author_id):
            actions.append(self._helped_button(comment))
        more = self._more(comment, name)
        if more:
            actions.append(
                f'<details class="more-menu" data-more><summary>More<span class="visually-hidden">'
                f' actions for the comment by {name}</span></summary><ul class="more-panel"><li>'
                + "</li><li>".join(more) + "</li></ul></details>")
        if not actions:
            return ""
        return '<ul class="comment-actions"><li>' + "</li><li>".join(actions) + "</li></ul>"

    def _helped_button(self, comment):
        marked = bool(getattr(comment, "helped_at", None))
        return (f'<form method="post" action="{self.helped_url.format(comment.pk)}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">'
                f'<button type="submit" class="link-button" aria-pressed='
                f'"{"true" if marked else "false"}">This helped me<span class="visually-hidden">'
                f': reply by {escape(comment.author_name)}</span></button></form>')

    def _more(self, comment, name):
        pk, more = comment.pk, []
        if self.user_id is not None and self.reactions is not None:
            saved = pk in self.reactions.saved
            more.append(
                f'<form method="post" action="{self.bookmark_url.format(pk)}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(self.csrf)}">'
                f'<button type="submit" class="link-button">'
                f'{"Remove from saved" if saved else "Save"}'
                f'<span class="visually-hidden"> comment by {name}</span></button></form>')
        if self.user_id is not None and comment.author_id == self.user_id:
            more.append(f'<a href="{self.edit_url.format(pk)}">Edit<span '
                        'class="visually-hidden"> your comment</span></a>')
            more.append(f'<a href="{self.delete_url.format(pk)}">Delete<span '
                        'class="visually-hidden"> your comment</span></a>')
        elif self.user_id is not None and comment.is_public:
            more.append(f'<a href="{self.report_url.format(pk)}">Report<span '
                        f'class="visually-hidden"> comment by {name}</span></a>')
        if self.moderate_url and comment.author_id != self.user_id:
            more.append(f'<a href="{self.moderate_url.format(pk)}">Moderate<span '
                        f'class="visually-hidden"> comment by {name}</span></a>')
        return more

    def _reply_form(self, comment):
        pk = comment.pk
        if not (self.user_id and pk == self.reply_to
                and comment.author_id not in self.blocked_by):
            return ""
        return reply_form_html(self.comment_url, get_token(self.request), parent=pk,
                               name=comment.author_name, draft=self.draft,
                               draft_key=f"{self.post.pk}:{pk}",
                               cancel_url=f"{self.post_url}#comment-{pk}")

    def _replies(self, comment, out):
        children = getattr(comment, "shown_children", ())
        more = getattr(comment, "more_replies", 0)
        if not children and not more:
            return
        name = self._slot("S", comment, self._replies_name)
        total = len(children) + more
        out.append(f'<details class="replies" open><summary>'
                   f'{_plural(total, "reply", "replies")} to {name}</summary>')
        if children:
            self._list(children, out, "comments replies-list", comment)
        if more:
            out.append(f'<p class="more-replies"><a href="{self.thread_url.format(comment.pk)}">'
                       f'Show {_plural(more, "more reply", "more replies")}'
                       f'<span class="visually-hidden"> to {name}</span></a></p>')
        out.append("</details>")
