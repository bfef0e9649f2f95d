import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
@register()
def secret_key_from_environment(app_configs, **kwargs):
    if settings.DEBUG or settings.SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [Warning(
        "SECRET_KEY is not set: a random key is used for this command only.",
        hint="Set SECRET_KEY in the environment; the web application will not start "
             "without it.",
        id="kindred.W001",
    )]


LOOPBACK_NAMES = {"localhost", "localhost."}


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(deploy=True)
def site_url_reaches_members(app_configs, **kwargs):
    """Every link in an email (a password reset, a notification, List-Unsubscribe) starts
    with KINDRED_SITE_URL; left unset it is http://127.0.0.1:8000, which no member can open."""
    if settings.DEBUG:
        return []
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host and not _is_loopback(host):
        return []
    return [Error(
        f"KINDRED_SITE_URL is {settings.SITE_URL!r}: every link in the site's emails would "
        "point there, where members cannot reach it.",
        hint="Set KINDRED_SITE_URL to the address members use, e.g. https://kindred.example.",
        id="kindred.E001",
    )]
