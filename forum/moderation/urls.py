from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("items/<id:post_id>/act/", views.act, name="act_post"),
    path("items/<id:post_id>/<id:comment_id>/act/", views.act, name="act_comment"),
    path("appeals/", views.appeals, name="appeals"),
    path("log/", views.log, name="log"),
    path("decisions/<id:action_id>/", views.decision, name="decision"),
    path("decisions/<id:action_id>/appeal/", views.appeal, name="appeal"),
]
