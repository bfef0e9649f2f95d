from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Handles imitating the team, the site or a member are refused (accounts.handles)."""

    def clean_username(self, username, shallow=False):
        from django.core.exceptions import ValidationError

        from .handles import RESERVED, is_reserved, validate_handle

        if is_reserved(username):
            raise ValidationError(RESERVED)
        username = super().clean_username(username, shallow=shallow)
        if not shallow:
            validate_handle(username)
        return username

    def pre_login(self, request, user, **kwargs):
        """A suspended member cannot log in until the suspension ends."""
        if getattr(user, "is_suspended", False):
            from django.shortcuts import render

            return render(request, "moderation/suspended.html", {"until": user.suspended_until},
                          status=403)
        return super().pre_login(request, user, **kwargs)
