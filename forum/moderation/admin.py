from django.contrib import admin

from posts.admin import ReadOnlyAdmin

from .models import Appeal, ModerationAction, Report


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    """The audit log is append-only: the admin can read it, never change it."""

    list_display = ("created_at", "actor_name", "kind", "member_name", "guideline")
    list_filter = ("kind", "guideline")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "reason", "status", "is_automatic")
    list_filter = ("reason", "status")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "author", "status", "decided_by")
