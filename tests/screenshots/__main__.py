"""Take full-page screenshots of every page type at 1280, 375 and 320 px, in every theme the
accessibility settings offer, at 100 % and 200 % text; write screenshots/index.html and
screenshots/report.json, and print which pages scroll sideways (a report, not a failure).

Readers see the public pages, the demo member their own pages, the moderator the moderation
pages. Members keep display choices on their account, readers in the kindred_a11y cookie;
both are set through accounts.preferences, so a new preference format needs no change here.
"""

import html
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from .site import Server, build_database, configure, session_cookie

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # exactly as tests/browser/conftest.py launches it
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDTHS = {1280: 900, 375: 740, 320: 740}  # width: viewport height
TEXT_SIZES = [100, 200]

# Themes when the accessibility settings have no `theme` choice yet (a high-contrast switch).
# Once AccessibilityForm has a `theme` field, themes() reads its choices instead.
FALLBACK_THEMES = {
    "light": {"high_contrast": False},
    "high-contrast": {"high_contrast": True},
    # "dark": {"theme": "dark"},
}


def themes():
    """Theme name -> the preferences that select it, as the accessibility settings offer them."""
    from accounts.forms import AccessibilityForm

    field = AccessibilityForm.base_fields.get("theme")
    if field is None:
        return dict(FALLBACK_THEMES)
    return {str(value): {"theme": value} for value, _label in field.choices if value}


def pages(known):
    """(name, path, who): who is None for a reader, else the demo user's handle."""
    story, thread = f"/posts/{known['story']}/", f"/comments/{known['thread']}/thread/"
    return [
        ("home", "/", None),
        ("story", story, None),
        ("story-as-member", story, "demo"),
        ("thread", thread, None),
        ("tag", f"/tags/{known['tag']}/", None),
        ("tags", "/tags/", None),
        ("search", "/search/?q=fatigue", None),
        ("transparency", "/pages/transparency/", None),
        ("login", "/accounts/login/", None),
        ("signup", "/accounts/signup/", None),
        ("not-found", "/no-such-page/", None),
        ("write", "/posts/new/", "demo"),
        ("settings", "/settings/", "demo"),
        ("settings-profile", "/settings/profile/", "demo"),
        ("settings-privacy", "/settings/privacy/", "demo"),
        ("settings-notifications", "/settings/notifications/", "demo"),
        ("settings-accessibility", "/settings/accessibility/", "demo"),
        ("settings-export", "/settings/export/", "demo"),
        ("settings-delete", "/settings/delete/", "demo"),
        ("account-email", "/accounts/email/", "demo"),
        ("account-password", "/accounts/password/change/", "demo"),
        ("notifications", "/notifications/", "demo"),
        ("bookmarks", "/bookmarks/", "demo"),
        ("profile", f"/u/{known['profile']}/", "demo"),
        ("messages", "/messages/", "demo"),
        *([("conversation", f"/messages/{known['conversation']}/", "demo")]
          if known["conversation"] else []),
        ("new-message", f"/messages/new/?to={known['profile']}", "demo"),
        ("review-queue", "/moderation/", "mod"),
        ("team-inbox", "/moderation/outreach/", "mod"),
        ("team-conversation", f"/moderation/outreach/{known['outreach']}/", "mod"),
        ("audit-log", "/moderation/log/", "mod"),
        ("appeals", "/moderation/appeals/", "mod"),
        *optional_pages(known),
    ]


def optional_pages(known):
    """Moderation pages some versions of Kindred have: included when the moderator can open
    them (in an older version the item URL takes only POSTs)."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    wanted = [("moderation-item", "moderation:act_comment", known["reported"]),
              ("moderation-member", "moderation:member", [known["profile"]]),
              ("moderation-removed", "moderation:removed", [])]
    client = Client()
    client.force_login(known["users"]["mod"])
    found = []
    for name, url_name, args in wanted:
        try:
            path = reverse(url_name, args=args)
        except NoReverseMatch:
            continue
        if client.get(path).status_code == 200:
            found.append((name, path, "mod"))
    return found


SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
MEASURE = """() => {
  const root = document.documentElement;
  const header = document.querySelector('header');
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          header: header ? Math.round(header.getBoundingClientRect().height) : null};
}"""


def apply_display(context, who, prefs, users, base_url):
    """Members: save the choices on the account. Readers: the kindred_a11y cookie."""
    from accounts import preferences

    if who is None:
        context.add_cookies([{"name": preferences.COOKIE_NAME, "url": base_url,
                              "value": preferences.cookie_value(prefs)}])
    else:
        type(users[who]).objects.filter(pk=users[who].pk).update(
            **{field: prefs[field] for field in preferences.FIELDS if field in prefs})


def shoot(browser, base_url, known, theme_list):
    from accounts import preferences

    users = known["users"]
    cookies = {who: session_cookie(user, base_url) for who, user in users.items()}
    by_who = {}
    for name, path, who in known["pages"]:
        by_who.setdefault(who, []).append((name, path))
    results = []
    for who, who_pages in by_who.items():
        # en-GB like the site, so date fields read dd/mm/yyyy as our members see them.
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        if who is not None:
            context.add_cookies([cookies[who]])
        page = context.new_page()
        for theme, overrides in theme_list.items():
            for size in TEXT_SIZES:
                prefs = {**preferences.DEFAULTS, **overrides, "text_size": size}
                apply_display(context, who, prefs, users, base_url)
                for name, path in who_pages:
                    # One load per page, then narrower viewports: the layout answers the
                    # resize through CSS, and loading it three times would double the run.
                    page.set_viewport_size({"width": 1280, "height": WIDTHS[1280]})
                    response = page.goto(base_url + path, wait_until="load")
                    for width, height in WIDTHS.items():
                        page.set_viewport_size({"width": width, "height": height})
                        page.evaluate(SETTLE)
                        file = OUT / name / f"{width}-{theme}-{size}.png"
                        file.parent.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(file), full_page=True)
                        results.append({"page": name, "path": path, "who": who or "reader",
                                        "width": width, "theme": theme, "text": size,
                                        "status": response.status if response else None,
                                        "file": str(file.relative_to(OUT)),
                                        **page.evaluate(MEASURE)})
        context.close()
    return results


def write_index(results, theme_list):
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>Kindred screenshots</title><style>",
             "body{font-family:sans-serif;margin:1rem}figure{display:inline-block;"
             "vertical-align:top;margin:0 .5rem 1rem 0}img{width:160px;height:240px;"
             "object-fit:cover;object-position:top;border:1px solid #888}"
             "figcaption{font-size:.8rem}.wide{color:#b00;font-weight:bold}</style></head><body>",
             "<h1>Kindred screenshots</h1><p>Themes: "
             + html.escape(", ".join(theme_list)) + ". Red captions scroll sideways.</p><ul>"]
    names = list(dict.fromkeys(result["page"] for result in results))
    parts += [f"<li><a href='#{name}'>{name}</a></li>" for name in names]
    parts.append("</ul>")
    for name in names:
        rows = [result for result in results if result["page"] == name]
        parts.append(f"<h2 id='{name}'>{name} <small>{html.escape(rows[0]['path'])} "
                     f"as {rows[0]['who']}</small></h2>")
        for result in rows:
            wide = result["scrollWidth"] > result["clientWidth"]
            caption = (f"{result['width']} px · {result['theme']} · {result['text']} %"
                       + (f" · {result['scrollWidth']} px wide" if wide else ""))
            parts.append(f"<figure><a href='{result['file']}'><img loading='lazy' alt='' "
                         f"src='{result['file']}'></a><figcaption"
                         f"{' class=wide' if wide else ''}>{caption}</figcaption></figure>")
    parts.append("</body></html>")
    (OUT / "index.html").write_text("\n".join(parts), encoding="utf-8")


def summary(results):
    print(f"\n{len(results)} screenshots in {OUT}/ (open screenshots/index.html)")
    print("Sideways scroll (scrollWidth > clientWidth), per page and width:")
    for name in dict.fromkeys(result["page"] for result in results):
        for width in WIDTHS:
            rows = [r for r in results if r["page"] == name and r["width"] == width]
            wide = [f"{r['theme']}/{r['text']}% {r['scrollWidth']}px" for r in rows
                    if r["scrollWidth"] > r["clientWidth"]]
            status = {r["status"] for r in rows}
            print(f"  {name:24} {width:>4}px  "
                  + ("scrolls: " + ", ".join(wide) if wide else "no sideways scroll")
                  + ("" if status <= {200, 404} else f"  (HTTP {sorted(status)})"))
    headers = [r for r in results if r["width"] == 375 and r["header"]]
    if headers:
        print("Header height at 375 px: "
              f"{min(r['header'] for r in headers)}-{max(r['header'] for r in headers)} px")


def main():
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is not installed at {CHROMIUM}; no screenshots.")
    started = time.monotonic()
    folder = configure()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404 page is expected
    try:
        known = build_database()
        known["pages"] = pages(known)  # before Playwright: the optional pages are probed
        # SCREENSHOT_PAGES=messages,conversation shoots only those (a quick look at a change).
        wanted = {name for name in os.environ.get("SCREENSHOT_PAGES", "").split(",") if name}
        if wanted:
            known["pages"] = [entry for entry in known["pages"] if entry[0] in wanted]
        theme_list = themes()
        shutil.rmtree(OUT, ignore_errors=True)
        OUT.mkdir()
        from playwright.sync_api import sync_playwright

        # Playwright's sync API keeps an event loop running in this thread; the display
        # choices saved between shots are ORM calls, which Django's async guard would refuse.
        # This is a process of its own (not the test suite), so lifting the guard is safe.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        with Server() as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
            try:
                results = shoot(browser, server.url, known, theme_list)
            finally:
                browser.close()
        write_index(results, theme_list)
        (OUT / "report.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        summary(results)
        print(f"Done in {time.monotonic() - started:.0f} s.")
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
