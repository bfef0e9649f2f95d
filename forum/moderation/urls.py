from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("items/<int:post_id>/act/", views.act, name="act_post"),
    path("items/<int:post_id>/<int:comment_id>/act/", views.act, name="act_comment"),
    path("appeals/", views.appeals, name="appeals"),
    path("log/", views.log, name="log"),
    path("decisions/<int:action_id>/", views.decision, name="decision"),
    path("decisions/<int:action_id>/appeal/", views.appeal, name="appeal"),
]
