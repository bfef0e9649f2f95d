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

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):
        """"You have signed out" also tells the page's script to forget every comment draft
        saved in this browser (accounts/shared_device.py)."""
        if message_template == "account/messages/logged_out.txt":
            extra_tags = f"{extra_tags} forget-drafts".strip()
        return super().add_message(request, level, message_template, message_context,
                                   extra_tags, message)
