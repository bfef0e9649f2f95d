"""`make bench`: a production-shaped load test on loopback.

gunicorn (2 workers, DEBUG=0) against PostgreSQL and Redis when DATABASE_URL and REDIS_URL
are set (else a fresh SQLite file and no shared cache), a worker when `manage.py db_worker`
exists, a local SMTP sink that accepts every mail. The bench database is flushed and seeded
(demo content, stories with 200 and 2,000 comments). wrk then loads each page for a bounded
time with a few connections; 8 threads post comments at once. Every figure is printed with
its ratio to /healthz measured in the same run. Everything started is stopped, even on
failure. Run: `python tests/bench/load.py` (or through `make bench`).
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
SECONDS = int(os.environ.get("KINDRED_BENCH_SECONDS", 10))  # per page
# Each page is loaded in rounds, pages taking turns, so a burst of load from elsewhere on
# the machine falls on all of them alike and the ratios stay comparable.
ROUNDS = 2
CONNECTIONS = 4
COMMENTERS = 8
COMMENTS_EACH = 40  # at most, within SECONDS
GOALS = {"home": 0.5, "tag page": 0.5, "story 200 (anonymous)": 0.5,
         "story 2,000 (anonymous)": 0.5, "story 200 (member)": 0.1, "home (member)": 0.1}


class SmtpSink(socketserver.ThreadingTCPServer):
    """Accepts every message and keeps none: mail must not be what the load test measures."""

    daemon_threads = True
    allow_reuse_address = True

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(b"220 bench sink\r\n")
            in_data = False
            for line in self.rfile:
                if in_data:
                    if line.rstrip(b"\r\n") == b".":
                        in_data = False
                        self.wfile.write(b"250 ok\r\n")
                    continue
                verb = line[:4].upper()
                if verb == b"DATA":
                    in_data = True
                    self.wfile.write(b"354 go on\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                else:
                    self.wfile.write(b"250 ok\r\n")

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir, smtp_port):
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "forum.settings", "DEBUG": "0", "KINDRED_HTTPS": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "k" * 40, "ALLOWED_HOSTS": "127.0.0.1",
        "KINDRED_RATE_LIMITS": "off", "KINDRED_NEW_MEMBER_REVIEW": "0",
        "KINDRED_EMAIL_VERIFICATION": "none", "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "0", "LOG_LEVEL": "WARNING",
    })
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    return env


def manage(env, *args, capture=False):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=capture, text=True)


def seed(env):
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # only the bench's own db number
    manage(env, "collectstatic", "--noinput", "-v", "0")
    out = manage(env, "shell", "-c", "from tests.bench.load_seed import seed; seed()",
                 capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def start(command, env, log):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(process):
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting (see its log above)")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz")


def request(port, method, path, *, cookies, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Host": "127.0.0.1"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.update({key: morsel.value for key, morsel in SimpleCookie(header).items()})
    connection.close()
    return response.status


def log_in(port, username, password):
    cookies = {}
    request(port, "GET", "/accounts/login/", cookies=cookies)
    status = request(port, "POST", "/accounts/login/", cookies=cookies, body={
        "login": username, "password": password, "csrfmiddlewaretoken": cookies["csrftoken"]})
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"could not log in as {username} (status {status})")
    return cookies


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def wrk(port, path, cookies=None):
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS // ROUNDS}s",
               "--latency",
               f"http://127.0.0.1:{port}{path}"]
    if cookies:
        command[1:1] = ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    out = subprocess.run(command, capture_output=True, text=True, check=True,
                         timeout=SECONDS + 30).stdout

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latency(50), "p99": latency(99), "errors": int(errors.group(1)) if errors else 0}


def commenters(port, story, members, password):
    sessions = [log_in(port, name, password) for name in members[1:COMMENTERS + 1]]
    comment_url = story.rstrip("/") + "/comments/"
    deadline = time.monotonic() + SECONDS

    def write(index):
        cookies, timings, failures = sessions[index], [], 0
        for number in range(COMMENTS_EACH):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            status = request(port, "POST", comment_url, cookies=cookies, body={
                "body": f"Bench comment {number} from writer {index}: pacing helps me.",
                "csrfmiddlewaretoken": cookies["csrftoken"]})
            timings.append((time.perf_counter() - started) * 1000)
            failures += status != 302
        return timings, failures

    started = time.perf_counter()
    with ThreadPoolExecutor(COMMENTERS) as pool:
        results = list(pool.map(write, range(COMMENTERS)))
    elapsed = time.perf_counter() - started
    timings = sorted(t for result in results for t in result[0])
    return {"rps": len(timings) / elapsed, "p50": statistics.median(timings),
            "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
            "errors": sum(result[1] for result in results)}


def has_worker(env):
    commands = manage(env, "help", "--commands", capture=True).stdout.split()
    return "db_worker" in commands


def report(rows, env, worker):
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "database (kindred_cache)"
    print(f"\nLoad test: gunicorn 2 workers, {database}, cache {cache}, "
          f"worker: {'db_worker' if worker else 'none (no db_worker on this branch)'}, "
          f"wrk {CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS // ROUNDS} s per page")
    print(f"{'page':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
          f"{'/ healthz':>9}  goal")
    base = rows["/healthz"]["rps"]
    for name, row in rows.items():
        goal = GOALS.get(name)
        ratio = row["rps"] / base
        verdict = "" if goal is None else f"≥ {goal}  {'met' if ratio >= goal else 'MISSED'}"
        print(f"{name:<28} {row['rps']:>9.1f} {row['p50']:>8.2f} {row['p99']:>8.2f} "
              f"{row['errors']:>7} {ratio:>9.3f}  {verdict}")


def record_goals(rows):
    from tests.bench.results import record

    ratio = {name: row["rps"] / rows["/healthz"]["rps"] for name, row in rows.items()}
    for goal, names, bar in [
            ("anonymous story page (200 comments) / /healthz ≥ 0.5",
             ["story 200 (anonymous)", "story 2,000 (anonymous)"], 0.5),
            ("anonymous home and tag page / /healthz ≥ 0.5", ["home", "tag page"], 0.5),
            ("logged-in story page (200 comments) / /healthz ≥ 0.1",
             ["story 200 (member)"], 0.1),
            ("a member's home / /healthz ≥ 0.1", ["home (member)"], 0.1)]:
        record(goal, ", ".join(f"{name} {ratio[name]:.2f}" for name in names),
               all(ratio[name] >= bar for name in names))


def run():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    workdir = tempfile.mkdtemp(prefix="kindred-bench-")
    sink = SmtpSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = environment(workdir, sink.server_address[1])
    log = open(Path(workdir) / "servers.log", "w")
    web = worker = None
    try:
        data = seed(env)
        port = free_port()
        web = start([GUNICORN, "forum.wsgi:application", "--workers", "2", "--bind",
                     f"127.0.0.1:{port}", "--log-level", "warning"], env, log)
        if has_worker(env):
            worker = start([PYTHON, "manage.py", "db_worker"], env, log)
        wait_until_up(port, web)
        member = log_in(port, data["members"][0], data["password"])
        small, large = data["stories"]["200"], data["stories"]["2000"]
        pages = [("/healthz", "/healthz", None), ("home", "/", None),
                 ("home (member)", "/", member),
                 ("tag page", data["tag"], None),
                 ("story 200 (anonymous)", small, None),
                 ("story 2,000 (anonymous)", large, None),
                 ("story 200 (member)", small, member),
                 ("story 2,000 (member)", large, member),
                 ("search", "/search/?q=fatigue", None)]
        for _name, path, cookies in pages:  # warm: the first reader builds the cached page
            request(port, "GET", path, cookies=dict(cookies or {}))
        runs = {name: [] for name, _, _ in pages}
        for _ in range(ROUNDS):
            for name, path, cookies in pages:
                runs[name].append(wrk(port, path, cookies))
        rows = {name: {"rps": statistics.mean(run["rps"] for run in done),
                       "p50": statistics.mean(run["p50"] for run in done),
                       "p99": max(run["p99"] for run in done),
                       "errors": sum(run["errors"] for run in done)}
                for name, done in runs.items()}
        rows["8 commenters (POST)"] = commenters(port, small, data["members"], data["password"])
        report(rows, env, worker is not None)
        record_goals(rows)
        stop(worker)  # the phases below start their own, with the settings they test
        stop(web)
        from tests.bench.load_goals import run_all

        run_all(env, log, data, Path(workdir) / "servers.log",
                rows["8 commenters (POST)"]["p99"])
        return rows
    except BaseException:
        log.flush()
        print((Path(workdir) / "servers.log").read_text()[-5000:], file=sys.stderr)
        raise
    finally:
        stop(worker)
        stop(web)
        sink.shutdown()
        sink.server_close()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    run()
