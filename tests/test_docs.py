"""The README and docs/ serve their readers: short enough for a newcomer, links that lead
somewhere, every environment variable the settings read described, an operator's recipe
that names only commands that exist, and no development history."""

import ast
import re
import unicodedata
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
SETTINGS = ROOT / "forum" / "settings.py"

# [text](target) and ![alt](target), not inside inline code; <img src="target">.
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_SOURCE = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")


def documents():
    return [README, *sorted(DOCS.rglob("*.md"))]


def _prose(text):
    """The text a reader follows links in: fenced blocks and inline code left out."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links(path):
    prose = _prose(path.read_text(encoding="utf-8"))
    return [*MARKDOWN_LINK.findall(prose), *HTML_SOURCE.findall(prose)]


def heading_anchors(path):
    """GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, -1 for repeats."""
    anchors, seen = set(), {}
    for line in FENCE.sub("", path.read_text(encoding="utf-8")).splitlines():
        match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        title = re.sub(r"[`*_]", "", match.group(1)).strip().lower()
        slug = "".join(char for char in title
                       if char in " -_" or unicodedata.category(char)[0] in "LN")
        slug = slug.replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def test_the_readme_stays_short_enough_for_a_newcomer():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; move depth into docs/"


def test_every_link_in_the_readme_and_docs_points_at_a_file_that_exists():
    broken, checked = [], 0
    for document in documents():
        for target in links(document):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # https:, mailto:
                continue
            checked += 1
            name, _, anchor = target.partition("#")
            file = (document.parent / name).resolve() if name else document
            where = f"{document.relative_to(ROOT)}: {target}"
            if not file.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and file.suffix == ".md" and anchor not in heading_anchors(file):
                broken.append(f"{where} (no heading #{anchor})")
    assert checked, "no relative links found: the link pattern no longer matches the docs"
    assert not broken, "links that lead nowhere:\n" + "\n".join(broken)


def test_the_link_check_sees_a_broken_link_and_a_broken_heading(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [missing](nowhere.md), [here](#title), [bad](#no-such) "
                    'and <img src="images/none.png" alt="">.\n`[code](not-a-link.md)`\n')
    assert links(page) == ["nowhere.md", "#title", "#no-such", "images/none.png"]
    assert heading_anchors(page) == {"title"}


def _environment_reads(source):
    """Names of environment variables a settings module reads: os.environ.get/[...],
    os.getenv, helpers defined in the module that read os.environ with their first argument,
    and dj_database_url.config() (DATABASE_URL unless told otherwise)."""
    tree = ast.parse(source)

    def is_environ(node):
        return (isinstance(node, ast.Attribute) and node.attr == "environ"
                and isinstance(node.value, ast.Name) and node.value.id == "os")

    helpers = {
        function.name for function in ast.walk(tree) if isinstance(function, ast.FunctionDef)
        and any(is_environ(node) for node in ast.walk(function))
    }
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and is_environ(node.value):
            if isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
        if not isinstance(node, ast.Call):
            continue
        func, first = node.func, node.args[0] if node.args else None
        literal = first.value if isinstance(first, ast.Constant) else None
        if isinstance(func, ast.Attribute) and func.attr == "get" and is_environ(func.value):
            names.add(literal)
        elif isinstance(func, ast.Attribute) and func.attr == "getenv":
            names.add(literal)
        elif isinstance(func, ast.Name) and func.id in helpers:
            names.add(literal)
        elif (isinstance(func, ast.Attribute) and func.attr == "config"
              and isinstance(func.value, ast.Name) and func.value.id == "dj_database_url"):
            told = [kw.value.value for kw in node.keywords if kw.arg == "env"]
            names.add(told[0] if told else "DATABASE_URL")
    return names - {None}


def test_every_setting_the_code_reads_is_in_the_configuration_doc():
    names = _environment_reads(SETTINGS.read_text(encoding="utf-8"))
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "KINDRED_SITE_URL",
            "EMAIL_TIMEOUT"} <= names, names  # the scan still sees each way of reading
    described = set(re.findall(r"`([A-Z][A-Z0-9_]+)`",
                               (DOCS / "configuration.md").read_text(encoding="utf-8")))
    assert sorted(names - described) == []


def test_the_settings_scan_finds_each_way_of_reading_the_environment():
    source = (
        "import os, dj_database_url\n"
        "def env_flag(name, default):\n    return os.environ.get(name) or default\n"
        "A = os.environ.get('A_GET')\nB = os.environ['B_ITEM']\nC = os.getenv('C_GETENV')\n"
        "D = env_flag('D_HELPER', 1)\nE = dj_database_url.config(default='sqlite://')\n"
        "F = {'x': 1}.get('NOT_ENV')\n"
    )
    assert _environment_reads(source) == {"A_GET", "B_ITEM", "C_GETENV", "D_HELPER",
                                          "DATABASE_URL"}


def test_the_production_recipe_sets_every_variable_a_deployment_needs():
    recipe = (DOCS / "production.md").read_text(encoding="utf-8")
    block = re.search(r"cat > /etc/kindred/env <<EOF\n(.*?)\nEOF", recipe, re.DOTALL)
    assert block, "production.md no longer writes /etc/kindred/env"
    written = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", block.group(1), re.MULTILINE))
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "KINDRED_SITE_URL",
            "DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL"} <= written
    assert re.search(r"^DEBUG=0$", block.group(1), re.MULTILINE)


def test_every_management_command_the_docs_name_exists():
    commands = get_commands()
    named = set()
    for document in documents():
        text = document.read_text(encoding="utf-8")
        code = [block.group(0) for block in FENCE.finditer(text)] + INLINE_CODE.findall(text)
        lines = [line for block in code for line in block.splitlines()
                 if not line.lstrip().startswith("#")]  # a comment in a script is prose
        for line in lines:
            named |= set(re.findall(r"(?:manage\.py|kindred-manage)\s+([a-z_]+)", line))
    assert {"migrate", "db_worker", "send_digests", "prune_db_task_results",
            "make_moderator", "createsuperuser", "collectstatic"} <= named
    assert sorted(name for name in named if name not in commands) == []


HISTORY = [
    re.compile(r"load average", re.IGNORECASE),
    re.compile(r"\b(this|last|previous|next) round\b|\brounds? of (work|changes)\b",
               re.IGNORECASE),
    re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
               r"October|November|December) (19|20)\d\d\b"),
    re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b"),
]


def test_the_readme_and_docs_hold_no_development_history():
    found = [f"{document.relative_to(ROOT)}: {match.group(0)!r}"
             for document in documents() for pattern in HISTORY
             for match in pattern.finditer(document.read_text(encoding="utf-8"))]
    assert found == [], "history belongs in commit messages:\n" + "\n".join(found)
