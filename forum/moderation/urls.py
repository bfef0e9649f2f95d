from django.urls import path

from . import act_views, views

app_name = "moderation"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("removed/", act_views.removed, name="removed"),
    path("items/<id:post_id>/act/", act_views.act, name="act_post"),
    path("items/<id:post_id>/<id:comment_id>/act/", act_views.act, name="act_comment"),
    path("members/<str:handle>/", act_views.member, name="member"),
    path("appeals/", views.appeals, name="appeals"),
    path("log/", views.log, name="log"),
    path("decisions/<id:action_id>/", views.decision, name="decision"),
    path("decisions/<id:action_id>/appeal/", views.appeal, name="appeal"),
]
