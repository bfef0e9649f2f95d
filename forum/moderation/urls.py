from django.urls import path

from . import act_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("removed/", act_views.removed, name="removed"),
    path("items/<int:post_id>/act/", act_views.act, name="act_post"),
    path("items/<int:post_id>/<int:comment_id>/act/", act_views.act, name="act_comment"),
    path("members/<str:handle>/", act_views.member, name="member"),
    path("appeals/", views.appeals, name="appeals"),
    path("log/", views.log, name="log"),
    path("decisions/<int:action_id>/", views.decision, name="decision"),
    path("decisions/<int:action_id>/appeal/", views.appeal, name="appeal"),
]
