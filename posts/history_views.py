"""Edit history pages: `/posts/<slug>/history/` and `/comments/<id>/history/`.

Only the author and moderators see them; for anyone else the page does not exist (404, the
same answer as for a post that is not there), so nobody learns there is history to find."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Comment, Post
from .permissions import can_read_history
from .revisions import history, newest_revisions

NOT_HERE = "No such page."


@require_GET
def post_history(request, slug):
    post = Post.objects.filter(slug=slug).first()
    if post is None or not can_read_history(request.user, post.author_id):
        raise Http404(NOT_HERE)
    versions = history(current_title=post.title, current_body=post.body,
                       revisions=newest_revisions(post=post),
                       first_written_at=post.published_at, author_name=post.author_name)
    return render(request, "posts/history.html", {
        "post": post, "versions": versions, "what": "post", "back": post.get_absolute_url(),
    })


@require_GET
def comment_history(request, comment_id):
    comment = Comment.objects.select_related("post").filter(pk=comment_id).first()
    if comment is None or not can_read_history(request.user, comment.author_id):
        raise Http404(NOT_HERE)
    versions = history(current_title="", current_body=comment.body,
                       revisions=newest_revisions(comment=comment),
                       first_written_at=comment.created_at, author_name=comment.author_name)
    return render(request, "posts/history.html", {
        "post": comment.post, "comment": comment, "versions": versions, "what": "comment",
        "back": f"{comment.post.get_absolute_url()}#comment-{comment.pk}",
    })
