"""docs/production.md followed as written, where this machine can: its environment file,
`check --deploy`, `collectstatic`, gunicorn with the unit's own flags, the documented health
probe (and the two probes it warns about), and the cron lines, each loading that file.
The database is a throwaway SQLite file instead of the recipe's PostgreSQL role (CI's
PostgreSQL pass runs everything else on PostgreSQL); the recipe's mail server is never
reached (nothing is sent). Steps this cannot run (systemd, nginx, certbot) stay manual."""

import http.client
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECIPE = (ROOT / "docs" / "production.md").read_text()
VENV_BIN = Path(sys.executable).parent


def heredoc(opening):
    """The lines between `opening` and its EOF in the recipe."""
    start = RECIPE.index(opening) + len(opening)
    return RECIPE[start:RECIPE.index("\nEOF", start)].strip("\n")


def fenced_line(prefix):
    return next(line for line in RECIPE.splitlines() if line.startswith(prefix))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The recipe's environment file (its own words, with a throwaway database), and the
    steps of section 4 that need no account."""
    folder = tmp_path_factory.mktemp("recipe")
    env_file = heredoc("cat > /etc/kindred/env <<EOF\n")
    env_file = env_file.replace("$(openssl rand -hex 50)", secrets.token_hex(50))
    env_file = re.sub(r"^DATABASE_URL=.*$", f"DATABASE_URL=sqlite:///{folder}/kindred.sqlite3",
                      env_file, flags=re.M)
    env_file = re.sub(r"^REDIS_URL=.*\n", "", env_file, flags=re.M)  # the database cache
    path = folder / "env"
    path.write_text(env_file + "\n")

    def manage(*args):
        # As the kindred-manage wrapper and the cron lines do: load the file, then manage.py.
        command = (f"set -a && . {shlex.quote(str(path))} && set +a && "
                   f"{shlex.quote(sys.executable)} manage.py {' '.join(args)}")
        return subprocess.run(["sh", "-c", command], cwd=ROOT, capture_output=True, text=True,
                              env={"PATH": "/usr/bin:/bin"}, timeout=300)

    for step in ("migrate --noinput", "collectstatic --noinput"):
        done = manage(step)
        assert done.returncode == 0, (step, done.stderr[-2000:])
    return {"env": path, "manage": manage, "host": re.search(r"^ALLOWED_HOSTS=(\S+)$",
                                                              env_file, re.M).group(1)}


def test_the_recipes_environment_file_passes_the_deploy_check(site):
    done = site["manage"]("check --deploy --fail-level WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_recipes_cron_lines_run_with_its_environment(site):
    cron = heredoc("cat > /etc/cron.d/kindred <<'EOF'\n")
    commands = re.findall(r"manage\.py (\S+(?: --\S+ \S+)?) >/dev/null", cron)
    assert commands == ["send_digests", "prune_db_task_results --min-age-days 7"]
    for command in commands:
        done = site["manage"](command)
        assert done.returncode == 0, (command, done.stderr[-2000:])


def request(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def gunicorn(site, tmp_path_factory):
    """The web unit's ExecStart, on a free port, with the environment file loaded."""
    exec_start = fenced_line("ExecStart=").removeprefix("ExecStart=")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = shlex.split(exec_start.replace("/srv/kindred/.venv/bin/gunicorn",
                                          str(VENV_BIN / "gunicorn")))
    assert "--forwarded-allow-ips" in args and "127.0.0.1:8000" in args
    args[args.index("127.0.0.1:8000")] = f"127.0.0.1:{port}"
    args[args.index("--workers") + 1] = "1"
    command = (f"set -a && . {shlex.quote(str(site['env']))} && set +a && "
               f"exec {shlex.join(args)}")
    log = (tmp_path_factory.mktemp("gunicorn") / "log").open("w")
    process = subprocess.Popen(["sh", "-c", command], cwd=ROOT, stdout=log, stderr=log,
                               env={"PATH": "/usr/bin:/bin"})
    try:
        for _ in range(200):
            assert process.poll() is None, "gunicorn stopped while starting"
            try:
                request(port, "/healthz", {"Host": site["host"]})
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_the_recipes_health_probe_answers_200_ok_straight_from_gunicorn(site, gunicorn):
    probe = fenced_line("curl -sS -o /dev/null -w '%{http_code}\\n'")
    headers = dict(header.split(": ", 1) for header in re.findall(r"-H '([^']+)'", probe))
    assert headers == {"Host": site["host"], "X-Forwarded-Proto": "https"}
    assert probe.endswith("http://127.0.0.1:8000/healthz")
    status, body = request(gunicorn, "/healthz", headers)
    assert (status, body.splitlines()[0]) == (200, "ok")


def test_the_probes_the_recipe_warns_about_get_400_and_301(site, gunicorn):
    assert request(gunicorn, "/healthz", {"Host": f"127.0.0.1:{gunicorn}"})[0] == 400
    assert request(gunicorn, "/healthz", {"Host": site["host"]})[0] == 301
