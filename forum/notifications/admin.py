from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "actor_name", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    # Every foreign key by id: a drop-down would list every member, post, comment,
    # conversation and moderation decision on the change form.
    raw_id_fields = ("recipient", "actor", "post", "comment", "conversation", "action")
