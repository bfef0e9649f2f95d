from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new_message, name="new"),
    path("<id:conversation_id>/", views.conversation, name="conversation"),
    path("<id:conversation_id>/reply/", views.reply, name="reply"),
    path("<id:conversation_id>/leave/", views.leave, name="leave"),
]
