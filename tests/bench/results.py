"""The issue's goal table, filled in by the bench tests as they measure (`make bench`).

Each bench test calls `record(goal, measured, met)` for the rows it measures;
tests/bench/conftest.py prints every row once at the end of the run, in the issue's order,
with the rows nothing measured in this run marked so."""

GOALS = [
    "anonymous story page (200 comments) / /healthz ≥ 0.5",
    "anonymous home and tag page / /healthz ≥ 0.5",
    "logged-in story page (200 comments) / /healthz ≥ 0.1",
    "a member's home / /healthz ≥ 0.1",
    "comment POST p99, 8 writers, SMTP stalled ≤ 0.3 s; email delivered once SMTP answers",
    "search at 100,000 posts + 1,000,000 comments (PostgreSQL) ≤ 50 ms, index scans only",
    "home / tag page at 100,000 posts vs 5 (full page) ≤ 1.5×",
    "story page SQL at 100,000 comments vs 10 ≤ 3×",
    "publishing to 10,000 email watchers ≤ 0.3 s in the request; the worker delivers",
    "writes with Redis stopped: 2xx, logged",
    "rate limits across 2 workers, no Redis: exact",
]

_rows = {}  # goal -> [(measured, met)]


def record(goal, measured, met):
    """met: True, False, or None (not measurable here; `measured` says why)."""
    assert goal in GOALS, goal
    _rows.setdefault(goal, []).append((measured, met))


def rows():
    for goal in GOALS:
        for measured, met in _rows.get(goal, [("not run in this session", None)]):
            yield goal, measured, {True: "met", False: "MISSED", None: "—"}[met]
