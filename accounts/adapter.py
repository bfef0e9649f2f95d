from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Reserved handles are refused whatever their case ("Admin", "MOD")."""

    def clean_username(self, username, shallow=False):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        if username.lower() in settings.ACCOUNT_USERNAME_BLACKLIST:
            raise ValidationError("That handle is reserved. Please choose another.")
        return super().clean_username(username, shallow=shallow)
