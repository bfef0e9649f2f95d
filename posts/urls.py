from django.urls import path

from . import (
    comment_views,
    community_views,
    feeds,
    history_views,
    reading_views,
    search_views,
    tag_views,
    views,
)
from .page_cache import anonymous_page

# Read by anonymous readers far more than written: served from the cache (see page_cache).
lists_page = anonymous_page("lists")

urlpatterns = [
    path("tags/", lists_page(tag_views.tag_index), name="tag_index"),
    path("tags/suggestions/", tag_views.tag_suggestions, name="tag_suggestions"),
    path("tags/<slug:slug>/", lists_page(tag_views.tag_detail), name="tag_detail"),
    path("tags/<slug:slug>/follow/", tag_views.follow_tag, name="tag_follow"),
    path("tags/<slug:slug>/feed/", lists_page(feeds.TagFeed()), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", lists_page(feeds.TagAtomFeed()), name="tag_feed_atom"),
    path("following/", tag_views.following, name="following"),
    path("feeds/latest/", lists_page(feeds.LatestPostsFeed()), name="feed_latest"),
    path("feeds/latest/atom/", lists_page(feeds.LatestPostsAtomFeed()), name="feed_latest_atom"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<slug:slug>/", anonymous_page("post")(views.post_detail), name="post_detail"),
    path("posts/<slug:slug>/edit/", views.post_edit, name="post_edit"),
    path("posts/<slug:slug>/delete/", views.post_delete, name="post_delete"),
    path("posts/<slug:slug>/history/", history_views.post_history, name="post_history"),
    path("posts/<slug:slug>/comments/", comment_views.post_comment, name="post_comment"),
    path("posts/<slug:slug>/react/", community_views.react_to_post, name="post_react"),
    path("posts/<slug:slug>/reactions/", community_views.post_reactions, name="post_reactions"),
    path("posts/<slug:slug>/follow/", reading_views.follow_post, name="post_follow"),
    path("read/all/", reading_views.mark_all_read, name="mark_all_read"),
    path("posts/<slug:slug>/bookmark/", community_views.bookmark_post, name="post_bookmark"),
    path("posts/<slug:slug>/poll/vote/", community_views.vote, name="poll_vote"),
    path("comments/<id:comment_id>/react/", community_views.react_to_comment,
         name="comment_react"),
    path("comments/<id:comment_id>/reactions/", community_views.comment_reactions,
         name="comment_reactions"),
    path("comments/<id:comment_id>/bookmark/", community_views.bookmark_comment,
         name="comment_bookmark"),
    path("bookmarks/", community_views.bookmarks, name="bookmarks"),
    path("search/", search_views.search_page, name="search"),
    path("comments/<id:comment_id>/", comment_views.comment_permalink, name="comment_permalink"),
    path("comments/<id:comment_id>/thread/", comment_views.comment_thread,
         name="comment_thread"),
    path("comments/<id:comment_id>/edit/", comment_views.comment_edit, name="comment_edit"),
    path("comments/<id:comment_id>/helped/", comment_views.comment_helped,
         name="comment_helped"),
    path("comments/<id:comment_id>/delete/", comment_views.comment_delete,
         name="comment_delete"),
    path("comments/<id:comment_id>/history/", history_views.comment_history,
         name="comment_history"),
]
