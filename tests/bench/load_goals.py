"""The production goals the page load test (load.py) cannot show, run on its seeded
database and servers: comments while the mail server stalls (then answers), writes with
Redis stopped, and rate limits across two web workers sharing the database cache.

Each phase starts its own gunicorn/worker with the settings it needs and stops them."""

import json
import re
import socket
import socketserver
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.bench import load
from tests.bench.results import record

STALLED_GOAL = ("comment POST p99, 8 writers, SMTP stalled ≤ 0.3 s; "
                "email delivered once SMTP answers")
REDIS_GOAL = "writes with Redis stopped: 2xx, logged"
LIMITS_GOAL = "rate limits across 2 workers, no Redis: exact"
DELIVERY_WAIT = 120  # seconds: the first retry after a stalled attempt comes 30 s later
COMMENT_LIMIT = 20  # forum/settings.py KINDRED_RATE_LIMIT_RULES["comment"]
COMMENT_WINDOW = 600


class StallingSmtp(socketserver.ThreadingTCPServer):
    """Accepts connections and says nothing until `answer()`; from then on it speaks enough
    SMTP to take every message, and counts them per recipient."""

    daemon_threads = True
    allow_reuse_address = True

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            server = self.server
            while not server.answering.wait(0.2):
                if server.closing:
                    return
            try:
                self._speak(server)
            except OSError:
                pass  # the client gave up while we were stalled

        def _speak(self, server):
            self.wfile.write(b"220 bench smtp\r\n")
            recipients, in_data = [], False
            for line in self.rfile:
                if in_data:
                    if line.rstrip(b"\r\n") == b".":
                        in_data = False
                        with server.lock:
                            server.received.update(recipients)
                        recipients = []
                        self.wfile.write(b"250 ok\r\n")
                    continue
                verb = line[:4].upper()
                if verb == b"RCPT":
                    match = re.search(rb"<([^>]*)>", line)
                    recipients.append(match.group(1).decode() if match else "?")
                    self.wfile.write(b"250 ok\r\n")
                elif verb == b"DATA":
                    in_data = True
                    self.wfile.write(b"354 go on\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                elif verb == b"RSET":
                    recipients = []
                    self.wfile.write(b"250 ok\r\n")
                else:  # EHLO, HELO, MAIL, NOOP
                    self.wfile.write(b"250 ok\r\n")

    def __init__(self):
        super().__init__(("127.0.0.1", 0), self.Handler)
        self.answering = threading.Event()
        self.closing = False
        self.lock = threading.Lock()
        self.received = Counter()

    def close(self):
        self.closing = True
        self.shutdown()
        self.server_close()


def dead_port():
    """A loopback port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env, log, extra, workers=2):
    port = load.free_port()
    web = load.start([load.GUNICORN, "forum.wsgi:application", "--workers", str(workers),
                      "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                     {**env, **extra}, log)
    try:
        load.wait_until_up(port, web)
    except BaseException:
        load.stop(web)
        raise
    return port, web


def stalled_smtp(env, log, data, answering_p99):
    """8 commenters while the worker's mail server accepts and never answers; then it
    answers and every queued email must arrive exactly once."""
    smtp = StallingSmtp()
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    mail = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.server_address[1]),
            "EMAIL_TIMEOUT": "2"}
    web = worker = None
    try:
        port, web = serve(env, log, mail)
        worker = load.start([load.PYTHON, "manage.py", "db_worker", "--interval", "0.2"],
                            {**env, **mail}, log)
        author = f"{data['members'][0]}@example.org"
        before = counts(env)  # the earlier phase's worker may have left some unsent
        row = load.commenters(port, data["stories"]["200"], data["members"], data["password"])
        smtp.answering.set()
        deadline = time.monotonic() + DELIVERY_WAIT
        settled_at, last = None, -1
        started = time.monotonic()
        while time.monotonic() < deadline:  # until the count has not moved for 5 s
            count = smtp.received[author]
            if count != last:
                last, settled_at = count, time.monotonic()
            elif count and time.monotonic() - settled_at > 5 and queue_empty(env):
                break
            time.sleep(0.5)
        waited = time.monotonic() - started
        posted = counts(env)
        expected = posted["notified"] - before["notified"] + before["unsent"]
        delivered = smtp.received[author]
        once = delivered == expected and posted["unsent"] == 0
        print(f"\nSMTP stalled: 8 commenters, {row['rps']:.1f} POST/s, p50 {row['p50']:.0f} ms, "
              f"p99 {row['p99']:.0f} ms, {row['errors']} errors; after "
              f"SMTP answered, {delivered} emails to the author within {waited:.0f} s, "
              f"{expected} notifications wanted one, "
              f"{posted['unsent']} still unsent")
        record(STALLED_GOAL,
               f"p99 {row['p99'] / 1000:.2f} s (SMTP answering: {answering_p99 / 1000:.2f} s; "
               f"{row['errors']} errors); {delivered} of {expected} emails arrived "
               f"{waited:.0f} s after SMTP answered"
               f"{'' if once else ' (NOT once each)'}",
               row["p99"] <= 300 and row["errors"] == 0 and once)
    finally:
        load.stop(worker)
        load.stop(web)
        smtp.close()


def queue_empty(env):
    return counts(env)["queued"] == 0


def counts(env):
    """Counts from the bench database: queued tasks, and the author's reply notifications."""
    code = (
        "import json; from django_tasks_db.models import DBTaskResult; "
        "from forum.notifications.models import Notification as N; "
        "q = N.objects.filter(kind='reply_to_post', recipient__username='bench0'); "
        "print(json.dumps({'queued': DBTaskResult.objects.filter("
        "status__in=['READY', 'RUNNING']).count(), 'notified': q.count(), "
        "'unsent': q.filter(emailed_at__isnull=True).count()}))")
    out = load.manage(env, "shell", "-c", code, capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def redis_stopped(env, log, data, log_path):
    """REDIS_URL names a port with nothing listening: logging in and commenting still work,
    and the log says the cache is down."""
    web = None
    try:
        port, web = serve(env, log, {"REDIS_URL": f"redis://127.0.0.1:{dead_port()}/7"})
        member, story = data["members"][3], data["stories"]["200"]
        cookies = {}
        statuses = {"login page": load.request(port, "GET", "/accounts/login/",
                                               cookies=cookies)}
        statuses["log in"] = load.request(port, "POST", "/accounts/login/", cookies=cookies,
                                          body={"login": member, "password": data["password"],
                                                "csrfmiddlewaretoken": cookies["csrftoken"]})
        statuses["comment"] = load.request(
            port, "POST", story.rstrip("/") + "/comments/", cookies=cookies,
            body={"body": "Written while Redis is stopped: still here.",
                  "csrfmiddlewaretoken": cookies["csrftoken"]})
        statuses["story page"] = load.request(port, "GET", story, cookies=cookies)
        log.flush()
        logged = "Redis cache unreachable" in log_path.read_text()
        shown = ", ".join(f"{name} {status}" for name, status in statuses.items())
        print(f"\nRedis stopped: {shown}; logged: {'yes' if logged else 'NO'}")
        ok = all(status < 400 for status in statuses.values()) and statuses["comment"] == 302
        record(REDIS_GOAL, f"{shown}; 'Redis cache unreachable' logged: "
                           f"{'yes' if logged else 'no'}", ok and logged)
    finally:
        load.stop(web)


def rate_limits(env, log, data):
    """KINDRED_RATE_LIMITS on, no REDIS_URL (database cache), 2 gunicorn workers: one member
    sends limit + 3 comments over several connections at once."""
    extra = {"KINDRED_RATE_LIMITS": "on", "REDIS_URL": ""}
    web = None
    try:
        port, web = serve(env, log, extra)
        cookies = load.log_in(port, data["members"][4], data["password"])
        url = data["stories"]["200"].rstrip("/") + "/comments/"
        wait = COMMENT_WINDOW - time.time() % COMMENT_WINDOW
        if wait < 30:  # the counter starts again at each window: stay inside one
            time.sleep(wait + 1)

        def post(number):
            return load.request(port, "POST", url, cookies=dict(cookies), body={
                "body": f"Rate limit bench comment {number}.",
                "csrfmiddlewaretoken": cookies["csrftoken"]})

        with ThreadPoolExecutor(4) as pool:
            statuses = Counter(pool.map(post, range(COMMENT_LIMIT + 3)))
        accepted, refused = statuses.pop(302, 0), statuses.pop(429, 0)
        exact = accepted == COMMENT_LIMIT and refused == 3 and not statuses
        print(f"\nRate limits, 2 workers, database cache: {COMMENT_LIMIT + 3} comments sent "
              f"(limit {COMMENT_LIMIT}): {accepted} accepted, {refused} refused (429)"
              f"{', other: ' + str(dict(statuses)) if statuses else ''}")
        record(LIMITS_GOAL, f"{COMMENT_LIMIT + 3} sent over 4 connections, limit "
                            f"{COMMENT_LIMIT}: {accepted} accepted, {refused} refused"
                            f"{', other ' + str(dict(statuses)) if statuses else ''}", exact)
    finally:
        load.stop(web)


def run_all(env, log, data, log_path, answering_p99):
    for phase in (lambda: stalled_smtp(env, log, data, answering_p99),
                  lambda: redis_stopped(env, log, data, log_path),
                  lambda: rate_limits(env, log, data)):
        phase()
