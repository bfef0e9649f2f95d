from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

from accounts.timezones import exact_time


class SuspensionMiddleware:
    """A member suspended while logged in is logged out on their next request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_suspended:
            until = exact_time(user.suspended_until)
            logout(request)
            messages.error(request, f"Your account is suspended until {until}. "
                                    "You can read Kindred, but not log in until then.")
            return redirect("home")
        return self.get_response(request)
