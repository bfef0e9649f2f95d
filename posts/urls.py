from django.urls import path

from . import comment_views, feeds, tag_views, views

urlpatterns = [
    path("tags/", tag_views.tag_index, name="tag_index"),
    path("tags/suggestions/", tag_views.tag_suggestions, name="tag_suggestions"),
    path("tags/<slug:slug>/", tag_views.tag_detail, name="tag_detail"),
    path("tags/<slug:slug>/follow/", tag_views.follow_tag, name="tag_follow"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("following/", tag_views.following, name="following"),
    path("feeds/latest/", feeds.LatestPostsFeed(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.LatestPostsAtomFeed(), name="feed_latest_atom"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<slug:slug>/", views.post_detail, name="post_detail"),
    path("posts/<slug:slug>/edit/", views.post_edit, name="post_edit"),
    path("posts/<slug:slug>/delete/", views.post_delete, name="post_delete"),
    path("posts/<slug:slug>/comments/", comment_views.post_comment, name="post_comment"),
    path("comments/<int:comment_id>/", comment_views.comment_permalink, name="comment_permalink"),
    path("comments/<int:comment_id>/thread/", comment_views.comment_thread,
         name="comment_thread"),
    path("comments/<int:comment_id>/edit/", comment_views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", comment_views.comment_delete,
         name="comment_delete"),
]
