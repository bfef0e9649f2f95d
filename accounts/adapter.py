from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Reserved handles are refused whatever their case ("Admin", "MOD")."""

    def clean_username(self, username, shallow=False):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        if username.lower() in settings.ACCOUNT_USERNAME_BLACKLIST:
            raise ValidationError("That handle is reserved. Please choose another.")
        return super().clean_username(username, shallow=shallow)

    def pre_login(self, request, user, **kwargs):
        """A suspended member cannot log in until the suspension ends."""
        if getattr(user, "is_suspended", False):
            from django.shortcuts import render

            return render(request, "moderation/suspended.html", {"until": user.suspended_until},
                          status=403)
        return super().pre_login(request, user, **kwargs)
