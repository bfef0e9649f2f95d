from django.urls import path

from . import comment_views, views

urlpatterns = [
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
