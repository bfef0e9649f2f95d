from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from .handles import released_digests, validate_handle
from .models import ReleasedHandle, User


class MemberChangeForm(UserChangeForm):
    """A handle changed here is checked as at signup (reserved words, look-alikes of other
    members, handles of members who have left)."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if "username" in self.changed_data:
            validate_handle(username, member=self.instance)
        return username


@admin.register(User)
class MemberAdmin(UserAdmin):
    form = MemberChangeForm
    fieldsets = UserAdmin.fieldsets + (
        ("Profile and preferences", {"fields": ("bio", "profile_visibility", "text_size",
                                                "theme")}),
    )
    list_display = ("username", "email", "is_staff", "date_joined")


@admin.register(ReleasedHandle)
class ReleasedHandleAdmin(admin.ModelAdmin):
    """Handles of members who have left, held against impersonation, stored as digests:
    search for a handle to find its row; delete the row to free the handle."""

    list_display = ("__str__", "released_at")
    search_fields = ("handle_digest",)
    readonly_fields = ("handle_digest", "released_at")

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(handle_digest__in=released_digests(search_term)), False
