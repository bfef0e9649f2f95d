"""Fixtures for the browser suite: one headless Chromium for the package (one per
pytest-xdist worker that runs browser tests), an emptied context per test (ContextPool).

Every test here drives pytest-django's ``live_server``. Playwright's sync API keeps an
asyncio event loop *running* in the main thread from ``start()`` to ``stop()``, so Django's
"you are in an async context" guard would refuse the ORM calls that tests and fixtures make
meanwhile. ``DJANGO_ALLOW_ASYNC_UNSAFE`` turns that guard off, but only for as long as
Playwright runs: the ``browser`` fixture sets it and puts the environment back afterwards,
and it is package-scoped so Playwright stops when the browser tests end. A process-wide
setting (at import, or a session-scoped browser) would leak into the rest of the suite and
into the subprocesses it starts: ``manage.py check --deploy`` then fails with
the async.E001 error ("You should not set the DJANGO_ALLOW_ASYNC_UNSAFE environment
variable in deployment"), and tests that run after this package would hit Django's guard
while Playwright's loop was still running.
"""

import os
import shutil
import weakref
from pathlib import Path
from urllib.parse import urljoin

import pytest

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
# Debian's chromium-headless-shell first: the same Blink, built from the same source package
# at the same version as /usr/bin/chromium, without the desktop browser around it (Playwright
# runs its own downloaded headless shell for the same reason). The browser suite costs about
# 30 % less CPU with it. Where only the full browser is installed, the suite runs in that.
CHROMIUM_BINARIES = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture(scope="package")
def browser():
    chromium = installed_chromium()
    if chromium is None:
        message = (f"Chromium is not installed ({' or '.join(CHROMIUM_BINARIES)}); "
                   "the browser suite cannot run.")
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def installed_chromium():
    """The first of CHROMIUM_BINARIES that is installed, or None."""
    for path in CHROMIUM_BINARIES:
        if Path(path).exists() and shutil.which(path) is not None:
            return path
    return None


class ContextPool:
    """Idle browser contexts kept between tests, so a test does not pay for a new one.

    A new context costs Chromium a renderer process and a cold HTTP cache (about 0.4 s a test
    on this machine); a recycled one about 0.07 s. Between tests a context is emptied of
    everything a test can leave in it: cookies, permissions, routes, event handlers, every
    page but one, and that page's local and session storage; the page it keeps is parked on
    a static file of the site (no script runs there), and the next test that takes the
    context gets it from its first ``new_page()``. What stays is what the site cannot tell
    from a new visitor: the HTTP cache of static files and the warm renderer. Only contexts
    made with the same options are reused; one that cannot be emptied cleanly is closed.
    """

    MAX_IDLE = 6

    def __init__(self, browser):
        self.browser = browser
        self.idle = []  # (options key, context, parked page), oldest first

    @staticmethod
    def key(options):
        return repr(sorted(options.items()))

    def take(self, options):
        key = self.key(options)
        for index, (idle_key, context, parked) in enumerate(self.idle):
            if idle_key == key:
                del self.idle[index]
                hand_out_first(context, parked)
                return context
        return self.browser.new_context(**options)

    def give_back(self, context, options, parked_url):
        try:
            context.__dict__.pop("new_page", None)
            if listened_to(context, {"close"}):
                raise RuntimeError("a test left a handler on the context")
            pages = context.pages
            for page in pages[1:]:
                page.close()
            if pages and listened_to(pages[0], {"close", "crash"}):
                pages[0].close()  # a handler the test left (page.on) must not reach the next
                pages = []
            parked = pages[0] if pages else context.new_page()
            context.clear_cookies()
            context.clear_permissions()
            context.unroute_all(behavior="ignoreErrors")
            parked.unroute_all(behavior="ignoreErrors")
            parked.goto(parked_url)
            parked.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        except Exception:  # a crashed page or a closed context: start the next one afresh
            close_quietly(context)
            return
        self.idle.append((self.key(options), context, parked))
        while len(self.idle) > self.MAX_IDLE:
            close_quietly(self.idle.pop(0)[1])

    def close(self):
        while self.idle:
            close_quietly(self.idle.pop()[1])


def listened_to(channel_owner, own_events):
    """Whether a test left an event handler (page.on("dialog", ...)) on a page or context.
    Playwright itself listens for ``own_events`` only; without a way to tell, say yes."""
    events = getattr(getattr(channel_owner, "_impl_obj", None), "_events", None)
    return events is None or bool(set(events) - own_events)


def hand_out_first(context, parked):
    """The context's next ``new_page()`` returns its parked page; later calls open new ones."""

    def new_page():
        context.__dict__.pop("new_page", None)
        return parked

    context.new_page = new_page


def close_quietly(context):
    try:
        context.close()
    except Exception:
        pass


@pytest.fixture(scope="package")
def context_pool(browser):
    pool = ContextPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def new_context(context_pool, live_server):
    """Factory for extra contexts (narrow viewport, JavaScript off); each is emptied after the
    test and kept for a later one (see ContextPool)."""
    from django.conf import settings

    contexts = []

    def make(**options):
        options.setdefault("viewport", VIEWPORT)
        context = context_pool.take(options)
        if options.get("java_script_enabled") is False:
            SCRIPTLESS.add(context)
        contexts.append((context, options))
        return context

    yield make
    parked_url = f"{live_server.url}{settings.STATIC_URL}css/tokens.css"
    for context, options in contexts:
        context_pool.give_back(context, options, parked_url)


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def base_url(live_server):
    return live_server.url


@pytest.fixture
def member(transactional_db):
    from accounts.models import User
    from tests.factories import consented

    return User.objects.create_user(
        username="marion", email="marion@example.com", password=PASSWORD, **consented())


@pytest.fixture
def posts(member):
    """A few published posts so lists, bylines and relative times are on the page."""
    from posts.services import create_post

    return [
        create_post(
            author=member,
            title="Does anyone else get the MS hug at night?",
            body="It starts under my ribs after dinner.\n\n- warm bath helps\n- *slow* breathing",
            kind="question",
        ),
        create_post(
            author=member,
            title="Living with back spasticity",
            body=(
                "Mornings are the hardest. I stretch **before** I get up, and I keep a "
                "[notebook](https://example.com/notes) of what helps.\n\n"
                "> Pace yourself, my MS nurse says.\n\nSome days that is enough."
            ),
            kind="story",
        ),
        create_post(
            author=member,
            title="Heat and fatigue: what worked this summer",
            body="Cooling vest, fan by the bed, and saying no to afternoon plans.",
            kind="story",
        ),
    ]


@pytest.fixture
def post(posts):
    return posts[1]


def log_in(context, user, base_url):
    """Sign ``user`` in inside ``context`` by copying a real session cookie into it.

    Faster than filling the login form in every test; the login form itself is checked
    for accessibility in test_accessibility.py.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "value": session_cookie.value, "url": base_url}
    ])


# axe-core's own directory, which tests/settings.py adds to the static files (tests only).
AXE_STATIC_PATH = "axe-core/axe.min.js"
# Contexts made with JavaScript off (new_context(java_script_enabled=False)): a <script>
# never runs there, so axe goes in through the DevTools protocol instead.
SCRIPTLESS = weakref.WeakSet()


def inject_axe(page):
    """Put axe-core into the page once. Where the page runs scripts, as a same-origin
    <script> from the static files (the site's CSP, script-src 'self', allows it), so Chromium
    takes its cached and compiled copy instead of receiving and compiling 570 KB for every
    check; without JavaScript, through page.evaluate, which neither the CSP nor the setting
    blocks (so contexts keep the real CSP on and no bypass_csp is needed)."""
    from axe_playwright_python.base import AXE_SCRIPT
    from django.conf import settings

    if page.evaluate("() => typeof window.axe === 'object'"):
        return
    if page.context in SCRIPTLESS or not page.url.startswith(("http://", "https://")):
        page.evaluate(AXE_SCRIPT)
    else:
        page.add_script_tag(url=urljoin(page.url, settings.STATIC_URL + AXE_STATIC_PATH))


def assert_no_axe_violations(page, theme=""):
    """Run axe-core (all default rules) on the page as it is now and fail with its report
    (``theme`` names the display settings in the message, e.g. "in high contrast")."""
    from axe_playwright_python.base import AxeResults
    from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS

    page.wait_for_load_state("load")
    inject_axe(page)
    # What axe_playwright_python's Axe().run(page) runs once axe is in: every default rule,
    # violations reported.
    results = AxeResults(page.evaluate("options => axe.run(options)", DEFAULT_OPTIONS))
    if results.violations_count:
        where = f"{page.url} {theme}".strip()
        pytest.fail(f"axe on {where}:\n{results.generate_report()}", pytrace=False)
