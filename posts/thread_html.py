"""HTML for comment threads, built in Python.

A story page can show hundreds of comments; rendering each through a template include
costs more than everything else on the page. This module writes the same accessible markup
directly (every value escaped by format_html), so a busy page stays as fast as a quiet one.
Nested <ol>/<li> carry the structure; each comment is an <article> with its author, a
<time> and its actions; <details> collapses replies without JavaScript.
"""

from urllib.parse import urlencode

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from forum.templatetags.kindred import reltime

from .models import Comment


class ThreadRenderer:
    def __init__(self, request, post, *, can_reply, reply_to=None, draft=""):
        self.request, self.post = request, post
        self.user_id = request.user.pk if request.user.is_authenticated else None
        self.can_reply = can_reply
        self.reply_to, self.draft = reply_to, draft
        self.post_url = reverse("post_detail", args=[post.slug])
        self.comment_url = reverse("post_comment", args=[post.slug])

    def render(self, comments, *, list_class="comments"):
        items = mark_safe("".join(self._comment(comment) for comment in comments))
        return format_html('<ol class="{}">{}</ol>', list_class, items)

    def _comment(self, comment):
        anchor = f"comment-{comment.pk}"
        return format_html(
            '<li id="{}" class="comment depth-{}">'
            '<article class="comment-body" aria-labelledby="{}-by" tabindex="-1">'
            "{}{}{}{}</article>{}</li>",
            anchor, comment.depth, anchor,
            self._meta(comment, anchor), self._body(comment), self._actions(comment),
            self._reply_form(comment) if self.user_id and comment.pk == self.reply_to else "",
            self._replies(comment),
        )

    def _meta(self, comment, anchor):
        if comment.is_tombstone:
            author = "Deleted comment" if comment.status == Comment.Status.DELETED else "Removed"
        else:
            author = comment.author_name
        replying = (
            format_html(' <span class="replying-to">replying to @{}</span>', comment.reply_to_name)
            if comment.reply_to_name else ""
        )
        edited = mark_safe(' <span class="edited">(edited)</span>') if comment.edited_at else ""
        pending = (
            mark_safe(' <span class="badge">Waiting for review</span>')
            if comment.status == Comment.Status.PENDING else ""
        )
        return format_html(
            '<p class="comment-meta"><span class="author" id="{}-by">{}</span>{} · '
            '<a class="permalink" href="{}">{}<span class="visually-hidden">, link to this '
            "comment</span></a>{}{}</p>",
            anchor, author, replying, reverse("comment_permalink", args=[comment.pk]),
            reltime(comment.created_at), edited, pending,
        )

    def _body(self, comment):
        if comment.status == Comment.Status.DELETED:
            return mark_safe('<p class="tombstone">Comment deleted by its author.</p>')
        if comment.status == Comment.Status.REMOVED:
            return mark_safe('<p class="tombstone">Comment removed by a moderator.</p>')
        return format_html('<div class="prose">{}</div>', mark_safe(comment.body_html))

    def _actions(self, comment):
        if comment.is_tombstone:
            return ""
        actions = []
        if self.can_reply and comment.status == Comment.Status.VISIBLE:
            back_here = f"{self.post_url}?reply={comment.pk}#reply-{comment.pk}"
            login_next = urlencode({"next": back_here})
            href = (f"?reply={comment.pk}#reply-{comment.pk}" if self.user_id
                    else f"{reverse('account_login')}?{login_next}")
            actions.append(format_html(
                '<a class="reply-link" href="{}" data-reply-to="{}" data-reply-name="{}">'
                'Reply<span class="visually-hidden"> to {}</span></a>',
                href, comment.pk, comment.author_name, comment.author_name,
            ))
        if self.user_id is not None and comment.author_id == self.user_id:
            actions.append(format_html(
                '<a href="{}">Edit<span class="visually-hidden"> your comment</span></a>',
                reverse("comment_edit", args=[comment.pk]),
            ))
            actions.append(format_html(
                '<a href="{}">Delete<span class="visually-hidden"> your comment</span></a>',
                reverse("comment_delete", args=[comment.pk]),
            ))
        if not actions:
            return ""
        return format_html(
            '<ul class="comment-actions">{}</ul>',
            format_html_join("", "<li>{}</li>", ((action,) for action in actions)),
        )

    def _reply_form(self, comment):
        return format_html(
            '<form method="post" action="{}" class="reply-form" id="reply-{}" '
            'data-draft-key="{}:{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="parent" value="{}">'
            '<label for="reply-body-{}">Your reply to {}</label>'
            '<textarea id="reply-body-{}" name="body" rows="5" maxlength="10000" required>{}'
            '</textarea><div class="buttons"><button type="submit">Post reply</button>'
            '<a href="{}#comment-{}">Cancel</a></div></form>',
            self.comment_url, comment.pk, self.post.pk, comment.pk, get_token(self.request),
            comment.pk, comment.pk, comment.author_name, comment.pk, self.draft,
            self.post_url, comment.pk,
        )

    def _replies(self, comment):
        children = getattr(comment, "shown_children", [])
        more = getattr(comment, "more_replies", 0)
        if not children and not more:
            return ""
        total = len(children) + more
        more_link = format_html(
            '<p class="more-replies"><a href="{}">Show {} more repl{}'
            '<span class="visually-hidden"> to {}</span></a></p>',
            reverse("comment_thread", args=[comment.pk]), more, "y" if more == 1 else "ies",
            comment.author_name,
        ) if more else ""
        return format_html(
            '<details class="replies" open><summary>{} repl{} to {}</summary>{}{}</details>',
            total, "y" if total == 1 else "ies", comment.author_name,
            self.render(children, list_class="comments replies-list") if children else "",
            more_link,
        )
