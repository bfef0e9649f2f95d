from django.conf import settings
from django.core.checks import Warning, register


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
