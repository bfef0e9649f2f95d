from django.urls import path

from . import act_views, illegal, outreach_views, statements, views

app_name = "moderation"
urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("removed/", act_views.removed, name="removed"),
    path("items/<id:post_id>/act/", act_views.act, name="act_post"),
    path("items/<id:post_id>/<id:comment_id>/act/", act_views.act, name="act_comment"),
    path("messages/<id:message_id>/act/", act_views.act_message, name="act_message"),
    path("members/<str:handle>/", act_views.member, name="member"),
    path("outreach/", outreach_views.inbox, name="outreach"),
    path("outreach/to/<str:handle>/", outreach_views.compose, name="outreach_to"),
    path("outreach/<id:conversation_id>/", outreach_views.conversation,
         name="outreach_conversation"),
    path("appeals/", views.appeals, name="appeals"),
    path("log/", views.log, name="log"),
    path("illegal/<id:notice_id>/dismiss/", views.moderators_only(illegal.dismiss),
         name="dismiss_notice"),
    path("statements.json", views.moderators_only(statements.export), name="statements"),
    path("suspended/", views.suspended, name="suspended"),
    path("decisions/<id:action_id>/", views.decision, name="decision"),
    path("decisions/<id:action_id>/appeal/", views.appeal, name="appeal"),
]
