"""Visibility and states are stated once, on the models (querysets and properties). A view,
template or helper that compares statuses by hand would drift from that rule, so this test
reads the source tree and names every such line."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DIRS = ("accounts", "posts", "forum")

# Where states are defined and changed: models, services and migrations. Demo seeding writes
# rows in bulk for speed (it builds states, it does not decide who sees them).
ALLOWED = re.compile(r"(^|/)(migrations|models|services)(/|\.py$)|^forum/demo/")

PYTHON_COMPARISONS = re.compile(
    r"\b\w+\.Status\.[A-Z_]+"                      # Post.Status.PUBLISHED, Report.Status.OPEN
    r"|\bstatus__in\b"                             # filter(status__in=[...])
    r"|\bstatus(__\w+)?\s*=\s*[\"']"               # filter(status="pending")
    r"|\.status\s*(==|!=|in\b|not\s+in\b)(?!\s*\d)"  # comment.status == ... (not HTTP codes)
    r"|\bstatus\s*==\s*[\"']"
)
# Models and services do compare states (that is where states are stated), but by the
# model's names (Comment.Status.PENDING, comment.is_waiting_for_review), never a bare string
# that would silently stop matching when a state is renamed. Only migrations, frozen in
# time, spell states as strings.
BARE_STATES = re.compile(r"\.status\s*(==|!=|\bin\b|\bnot\s+in\b)\s*[(\[{]?\s*[\"']")
BARE_STATES_ALLOWED = re.compile(r"(^|/)migrations/")
TEMPLATE_COMPARISONS = re.compile(r"\bstatus\s*(==|!=)|\bstatus\s+(not\s+)?in\b")


def hand_written(paths, pattern, allowed=ALLOWED):
    found = []
    for path in paths:
        name = path.relative_to(ROOT).as_posix()
        if allowed.search(name):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_view_or_helper_compares_statuses_by_hand():
    paths = [path for folder in PYTHON_DIRS for path in sorted((ROOT / folder).rglob("*.py"))]
    assert len(paths) > 50  # the tree was really read
    assert hand_written(paths, PYTHON_COMPARISONS) == [], (
        "Ask the model instead: Comment.objects.public()/displayable_to(user)/listed_for(user), "
        "Post.objects.listed_for(user)/visible_to(user), posts.permissions.can_comment, or a "
        "property such as comment.is_waiting_for_review")


def test_no_model_or_service_compares_a_status_with_a_bare_string():
    paths = [path for folder in PYTHON_DIRS for path in sorted((ROOT / folder).rglob("*.py"))]
    assert hand_written(paths, BARE_STATES, BARE_STATES_ALLOWED) == [], (
        "Name the state: Post.Status.PENDING, or a property such as target.is_taken_down")


def test_no_template_compares_statuses_by_hand():
    paths = sorted((ROOT / "templates").rglob("*.html"))
    assert len(paths) > 20
    assert hand_written(paths, TEMPLATE_COMPARISONS) == [], (
        "Use a model property: post.is_published, post.is_open_for_comments, "
        "comment.is_waiting_for_review, appeal.is_granted …")


@pytest.mark.parametrize("line", [
    'qs.filter(status=Comment.Status.VISIBLE)',
    'can_reply = post.status == Post.Status.PUBLISHED and not post.is_locked',
    'if item.status == "pending":',
    'Comment.objects.filter(status__in=hidden)',
    'Post.objects.filter(status="published")',
])
def test_the_check_recognises_hand_written_comparisons(line):
    assert PYTHON_COMPARISONS.search(line)


@pytest.mark.parametrize("line", [
    'return render(request, "x.html", context, status=400)',
    'if refusal.status == 403:',
    'raise Refused("Nope.", status=refusal.status)',
])
def test_the_check_leaves_http_status_codes_alone(line):
    assert not PYTHON_COMPARISONS.search(line)


@pytest.mark.parametrize("line", [
    'if target.status != "pending":',
    'if target.status not in ("hidden", "removed"):',
    "if comment.status in ['hidden', 'removed']:",
    'return self.status == "published"',
])
def test_the_check_recognises_bare_state_strings_in_models_and_services(line):
    assert BARE_STATES.search(line)


@pytest.mark.parametrize("line", [
    'if target.status != Post.Status.PENDING:',
    'return self.status in Comment.TOMBSTONE_STATUSES',
    'if refusal.status == 403:',
    'Post.objects.filter(pk=post.pk).update(status=status)',
    'return self.status == self.Status.PUBLISHED',
])
def test_the_bare_state_check_leaves_named_states_and_http_codes_alone(line):
    assert not BARE_STATES.search(line)


def test_the_check_recognises_template_comparisons():
    assert TEMPLATE_COMPARISONS.search('{% if comment.status == "pending" %}')
    assert TEMPLATE_COMPARISONS.search('{% if post.status != "published" %}')
