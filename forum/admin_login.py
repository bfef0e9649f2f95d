"""The Django admin logs in through the site's own login (allauth), so its rate limits,
lock-outs and the suspension check apply to the admin too; /admin/login/ itself accepts no
password."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from plumbing.refusals import Refused


def admin_login(request):
    admin_home = reverse("admin:index")
    target = request.GET.get("next") or admin_home
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = admin_home
    if not request.user.is_authenticated:
        return redirect_to_login(target, login_url=reverse("account_login"))
    if request.user.is_active and request.user.is_staff:
        return redirect(target)
    raise Refused("The admin is for the Kindred team. Your account can use everything else "
                  "on the site.", status=403)
