from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class MemberAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        ("Profile and preferences", {"fields": ("bio", "profile_visibility", "text_size",
                                                "high_contrast")}),
    )
    list_display = ("username", "email", "is_staff", "date_joined")
