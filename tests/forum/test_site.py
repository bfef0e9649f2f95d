import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import User
from forum.models import Page
from posts.models import Post
from tests.factories import make_post


def test_healthz_answers_ok_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\ncache: ok\n"


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("editorial-integrity", "Nobody pays for what you read here"),
        ("community-guidelines", "Be gentle"),
        ("crisis-support", "116 123"),
    ],
)
def test_editorial_pages_ship_with_the_site(client, db, slug, expected):
    response = client.get(f"/pages/{slug}/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_crisis_page_lists_helplines(client, db):
    content = client.get("/pages/crisis-support/").content.decode()
    assert "988" in content and "116 123" in content and "findahelpline.com" in content


def test_admins_edit_editorial_pages(admin_client):
    page = Page.objects.get(slug="community-guidelines")
    response = admin_client.post(f"/admin/forum/page/{page.pk}/change/", {
        "slug": page.slug, "title": page.title, "body": "Be *kind*."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_html == "<p>Be <em>kind</em>.</p>"


def test_every_page_starts_with_three_skip_links_whose_targets_exist(client, db):
    content = client.get("/").content.decode()
    body = content[content.index("<body"):]
    first_links = [body.index(f'href="#{target}"') for target in
                   ("accessibility-tools", "content", "footer")]
    assert first_links == sorted(first_links)
    assert first_links[0] < body.index('class="brand"')  # before any other link
    for target in ("accessibility-tools", "content", "footer"):
        assert f'id="{target}"' in content
    assert content.count("<h1") == 1


def test_the_footer_links_to_crisis_support_on_every_page(client, post):
    for url in ("/", post.get_absolute_url(), "/accounts/login/", "/no-such-page/"):
        assert 'href="/pages/crisis-support/"' in client.get(url).content.decode()


def test_security_headers_and_a_csp_without_inline_script_are_sent(client, db):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_home_lists_latest_posts_newest_first_with_pages(client, member, settings):
    settings.KINDRED_POSTS_PER_PAGE = 3
    for number in range(5):
        make_post(member, title=f"Story number {number}")
    first = client.get("/").content.decode()
    assert first.index("Story number 4") < first.index("Story number 2")
    assert "Story number 1" not in first and "Page 1 of 2" in first
    second = client.get("/?page=2").content.decode()
    assert "Story number 1" in second and "Story number 0" in second
    assert client.get("/?page=banana").status_code == 200


@pytest.mark.parametrize("posts", [2, 40])
def test_home_query_budget_does_not_grow_with_posts(client, member, posts,
                                                    django_assert_max_num_queries):
    for _ in range(posts):
        make_post(member)
    # 4, +1: the page versions, read from the database where they live with the data
    with django_assert_max_num_queries(5):
        assert client.get("/").status_code == 200
    client.force_login(member)
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/healthz", "/pages/crisis-support/"])
def test_site_pages_query_budget(client, db, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200


def test_an_unknown_editorial_page_is_404(client, db):
    assert client.get("/pages/nothing-here/").status_code == 404


def test_an_expired_form_gives_back_what_the_member_wrote(member):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    response = csrf_client.post("/posts/new/", {"title": "t", "body": "My long careful words"})
    assert response.status_code == 403
    assert "My long careful words" in response.content.decode()
    assert not Post.objects.exists()


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "k" * 30 + "Zx9!q" * 10,
           "ALLOWED_HOSTS": "kindred.example", "DJANGO_SETTINGS_MODULE": "forum.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
           "KINDRED_SITE_URL": "https://kindred.example"}
    env.pop("KINDRED_HTTPS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_serve_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "", "DJANGO_SETTINGS_MODULE": "forum.settings"}
    served = subprocess.run([sys.executable, "-c", "import forum.wsgi"], cwd=settings.BASE_DIR,
                            env=env, capture_output=True, text=True)
    assert served.returncode != 0 and "Set SECRET_KEY" in served.stderr
    checked = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                              "WARNING"], cwd=settings.BASE_DIR, env=env, capture_output=True,
                             text=True)
    assert checked.returncode != 0 and "kindred.W001" in checked.stderr + checked.stdout


def test_seed_demo_fills_an_empty_database_and_prints_logins(db, capsys):
    call_command("seed_demo", "--allow-production", "--stories", "5")
    output = capsys.readouterr().out
    assert "demo / kindred-demo-2026" in output and "mod / kindred-mod-2026" in output
    assert Post.objects.count() == 5
    assert User.objects.get(username="mod").is_moderator
    assert User.objects.filter(username="demo").exists()
    assert all(post.disclaimer_id for post in Post.objects.all())


def test_seed_demo_leaves_a_database_with_content_alone(post, capsys):
    call_command("seed_demo", "--allow-production")
    assert "changed nothing" in capsys.readouterr().out
    assert Post.objects.count() == 1


def test_the_deploy_check_fails_without_a_site_url_members_can_reach(tmp_path):
    """Left unset, KINDRED_SITE_URL is http://127.0.0.1:8000: every emailed link would be dead."""
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "k" * 30 + "Zx9!q" * 10,
           "ALLOWED_HOSTS": "kindred.example", "DJANGO_SETTINGS_MODULE": "forum.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}"}
    env.pop("KINDRED_HTTPS", None)
    env.pop("KINDRED_SITE_URL", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "kindred.E001" in result.stdout + result.stderr


@pytest.mark.parametrize("site_url", ["http://127.0.0.1:8000", "http://localhost", "https://[::1]",
                                      "http://127.0.1.1/", "http://kindred.localhost"])
def test_the_deploy_check_refuses_a_loopback_site_url(settings, site_url):
    from django.core.checks import run_checks

    settings.DEBUG, settings.SITE_URL = False, site_url
    errors = [m.id for m in run_checks(include_deployment_checks=True)]
    assert "kindred.E001" in errors
    settings.SITE_URL = "https://kindred.example"
    assert "kindred.E001" not in [m.id for m in run_checks(include_deployment_checks=True)]


def test_the_deploy_check_leaves_a_development_site_alone(settings):
    from django.core.checks import run_checks

    settings.DEBUG, settings.SITE_URL = True, "http://127.0.0.1:8000"
    assert "kindred.E001" not in [m.id for m in run_checks(include_deployment_checks=True)]


def test_seed_demo_refuses_a_production_site_and_creates_nothing(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production") as refused:
        call_command("seed_demo", "--stories", "2")
    assert "refused and created nothing" in str(refused.value)
    assert not User.objects.exists() and not Post.objects.exists()


def test_seed_demo_exits_non_zero_on_a_production_site(tmp_path):
    """It refuses before touching the database (there is not even a schema here)."""
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "k" * 40, "DJANGO_SETTINGS_MODULE":
           "forum.settings", "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    seeded = subprocess.run([sys.executable, "manage.py", "seed_demo", "--stories", "1"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert seeded.returncode != 0 and "DEBUG is off" in seeded.stderr
    assert "kindred-mod-2026" not in seeded.stdout + seeded.stderr
