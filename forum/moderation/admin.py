from django.contrib import admin

from .models import Appeal, ModerationAction, Report


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
