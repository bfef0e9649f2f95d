from django.contrib import admin

from . import services
from .models import Disclaimer, Post


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admins may read these rows, never add, change or delete them (that goes through the
    services). Content's admin and the moderation log's both use it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Disclaimer)
class DisclaimerAdmin(admin.ModelAdmin):
    """Versions are never edited: "add" publishes a new current version."""

    list_display = ("__str__", "created_at")
    readonly_fields = ("version", "created_at")

    def get_changeform_initial_data(self, request):
        current = Disclaimer.objects.current()
        return {"body": current.body if current else ""}

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        published = services.publish_disclaimer(body=form.cleaned_data["body"])
        obj.pk, obj.version = published.pk, published.version


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    """Read-only: members' words, a post's status, author and lock change only through the
    author's own edit page or a moderation action (logged, told, appealable). Changing them
    here would bypass all of that (and leave body_html stale)."""

    list_display = ("title", "author_name", "kind", "status", "visibility", "published_at")
    list_filter = ("status", "kind", "visibility")
    search_fields = ("title", "author_name")
    fieldsets = [(None, {
        "description": "Posts cannot be changed here: changes go through moderation. Use the "
                       "post’s “Moderate” link on the site (or /moderation/) to hide, "
                       "remove, restore or lock it, with a statement the author is told and "
                       "can appeal.",
        "fields": ("title", "slug", "kind", "author", "author_name", "status", "visibility",
                   "is_locked", "body", "disclaimer", "comment_count", "published_at",
                   "edited_at"),
    })]
