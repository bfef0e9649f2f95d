"""Kindred settings, read from the environment (docs/configuration.md describes each one)."""

import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    # Management commands may run without one (a random key, used once); the web
    # application refuses to start (forum/wsgi.py) and `check` warns (forum/checks.py).
    SECRET_KEY = ("insecure-local-development-key-do-not-use-in-production" if DEBUG
                  else get_random_secret_key())

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "taggit",
    "accounts",
    "posts",
    "forum",
    "forum.notifications",
    "forum.conversations",
    "forum.moderation",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "forum.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.timezones.TimeZoneMiddleware",
    "accounts.shared_device.ClearSiteDataOnLogoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "forum.moderation.middleware.SuspensionMiddleware",
    "accounts.consent.ConsentMiddleware",
    "forum.middleware.RefusalMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "accounts.context_processors.accessibility",
                "accounts.shared_device.drafts_owner_context",
                "forum.conversations.context_processors.unread_counts",
                "forum.moderation.context_processors.moderation",
            ],
        },
    },
    # The story page's comment thread only; why and the figure: docs/performance.md.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "forum.jinja_env.environment"},
    },
]

# --- Database -----------------------------------------------------------------------------
# Embedded default: SQLite in WAL mode; IMMEDIATE transactions take the write lock up front
# and the busy timeout makes concurrent writers wait for it instead of failing.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON"
    ),
}
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------------------
# Rate-limit counters must be shared by every web process. With REDIS_URL they live in
# Redis, behind a wrapper that keeps the site writable when Redis is down (see
# forum/cache.py); without it, in Django's database cache on the same database (its table,
# kindred_cache, is created by a migration, so every deploy has it).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "forum.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        # Fail fast when Redis is unreachable: the wrapper then skips it for a short while.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
else:
    # Culling at Django's default 300 entries would drop live rate-limit counters.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "kindred_cache", "OPTIONS": {"MAX_ENTRIES": 100_000}}}
# Sessions: read from Redis when there is one (written through to the database, so a
# restart or a flushed cache logs nobody out); a member's every page read them from the
# database before. Without Redis the database cache would only add a second read.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous pages from the cache (posts/page_cache.py) need a cache that every worker shares:
# a per-process LocMem cache would keep serving a page that another worker's write retired.
KINDRED_PAGE_CACHE = env_bool(
    "KINDRED_PAGE_CACHE",
    CACHES["default"]["BACKEND"] != "django.core.cache.backends.locmem.LocMemCache",
)
# Names the running code in every page and thread cache key (posts/cache_versions.py): set it
# to the release (e.g. the git commit) in production; unset, a digest of the code's files.
KINDRED_CODE_VERSION = os.environ.get("KINDRED_CODE_VERSION", "")

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, loading the member with their moderator flag in one
# statement (accounts/backends.py); the library backends stay listed after them so sessions
# made before keep working. The first checks the password, once, and ends a failed attempt
# there: the others never hash it again.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.AuthenticationBackend",
    "accounts.backends.ModelBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "KINDRED_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.HANDLE_VALIDATORS"
ACCOUNT_USERNAME_BLACKLIST = [
    "admin", "administrator", "mod", "moderator", "moderators", "kindred", "support",
    "staff", "team", "help", "root", "system", "official", "former-member", "anonymous",
    "suggest",  # /u/suggest/ offers handles while typing "@"
]
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None  # offer "remember me"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Signup asks for consent to holding health information and confirms the minimum age.
ACCOUNT_FORMS = {"signup": "accounts.consent.SignupForm"}
# allauth's default prefix is "[<host>] " (e.g. "[127.0.0.1:8000]"): ours names the site.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Kindred: "

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email and tasks --------------------------------------------------------------------------
# Django 6.1 mailers: SMTP in production; a local DEBUG run without EMAIL_HOST prints mail
# to the console instead.
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            # A mail server that accepts and never answers must not hold a worker forever.
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        },
    }}
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kindred <no-reply@kindred.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email is a task. django-tasks-db keeps the queue in the database (SQLite or
# PostgreSQL) and `manage.py db_worker` runs it; run as many workers as you like.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds a task may stay RUNNING after its worker's last heartbeat before another worker
# takes it again (a worker killed mid-task), and after which a notification claimed for
# sending by a dead worker may be claimed again. Workers beat every quarter of it; /healthz
# reports "degraded" when no worker has beaten, or a due task has waited, for longer.
KINDRED_TASK_LEASE = float(os.environ.get("KINDRED_TASK_LEASE", 120))

# --- Security -----------------------------------------------------------------------------------
HTTPS = env_bool("KINDRED_HTTPS", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "forum.views.csrf_failure"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("KINDRED_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# --- Kindred ------------------------------------------------------------------------------------
SITE_NAME = "Kindred"
SITE_URL = os.environ.get("KINDRED_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
TAGGIT_CASE_INSENSITIVE = True
KINDRED_POSTS_PER_PAGE = int(os.environ.get("KINDRED_POSTS_PER_PAGE", 20))
KINDRED_COMMENTS_PER_PAGE = int(os.environ.get("KINDRED_COMMENTS_PER_PAGE", 50))  # top-level
KINDRED_COMMENT_MAX_DEPTH = int(os.environ.get("KINDRED_COMMENT_MAX_DEPTH", 4))  # nesting levels
KINDRED_REPLIES_SHOWN = int(os.environ.get("KINDRED_REPLIES_SHOWN", 5))  # before "show N more"
KINDRED_RATE_LIMITS = os.environ.get("KINDRED_RATE_LIMITS", "on").lower() != "off"
# action: (how many, per seconds), per member.
KINDRED_RATE_LIMIT_RULES = {
    "post": (5, 3600),
    "comment": (20, 600),
    "report": (10, 3600),
    "anonymous_draft": (10, 600),  # per session: words kept while logged out
    "suggest_handles": (120, 60),  # handles offered while typing "@"
    "conversation": (5, 86400),  # new private conversations a day
    "message": (30, 3600),  # private messages an hour
    "illegal_content": (5, 3600),  # reports of illegal content, per session (anyone may)
}
if not KINDRED_RATE_LIMITS:
    ACCOUNT_RATE_LIMITS = False
# Consent to Kindred holding the health information members share (GDPR Art. 9). Raise the
# version when the privacy page changes what members agree to: everyone is asked again once.
KINDRED_CONSENT_VERSION = os.environ.get("KINDRED_CONSENT_VERSION", "1")
# Signup confirms the member is at least this old (a checkbox; no birth date is stored).
KINDRED_MINIMUM_AGE = int(os.environ.get("KINDRED_MINIMUM_AGE", 16))
# New members: their first N contributions wait for review (0 turns review off), and until
# one is approved they may include at most this many links.
KINDRED_NEW_MEMBER_REVIEW = int(os.environ.get("KINDRED_NEW_MEMBER_REVIEW", 2))
KINDRED_NEW_MEMBER_LINKS = int(os.environ.get("KINDRED_NEW_MEMBER_LINKS", 0))
# Words that suggest someone may be at risk. A match files a crisis report and shows the
# author the helplines; the content stays visible. Comma-separated to override.
KINDRED_CRISIS_PHRASES = [
    phrase.strip().lower()
    for phrase in os.environ.get(
        "KINDRED_CRISIS_PHRASES",
        "kill myself,killing myself,end my life,ending my life,want to die,wanna die,"
        "suicide,suicidal,take my own life,better off dead,no reason to live,"
        "hurt myself,harm myself,self-harm,self harm,can't go on,cannot go on,"
        "don't want to be here anymore,don't want to wake up",
    ).split(",")
    if phrase.strip()
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Task lines once each (Django's own "django" logger prints too when DEBUG is on).
    "loggers": {"django.tasks": {"level": "WARNING", "handlers": ["console"],
                                 "propagate": False},
                "django_tasks_db": {"level": "INFO"}},
}
