from django.contrib import admin

from .models import Notification, WorkerHeartbeat


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "actor_name", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    # Every foreign key by id: a drop-down would list every member, post, comment,
    # conversation and moderation decision on the change form.
    raw_id_fields = ("recipient", "actor", "post", "comment", "conversation", "action")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    """Which workers are alive: the last beat of each (forum/notifications/worker.py)."""

    list_display = ("worker_id", "beat_at")
    ordering = ("-beat_at",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
