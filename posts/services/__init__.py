"""Writes. One function per action; each checks permission and acts in one transaction."""

from .comments import CommentRefused, delete_comment, edit_comment, post_comment
from .posts import create_post, delete_post, publish_disclaimer, update_post

__all__ = [
    "CommentRefused", "create_post", "delete_comment", "delete_post", "edit_comment",
    "post_comment", "publish_disclaimer", "update_post",
]
