"""`make bench`: runs the production-shaped load test (tests/bench/load.py) and prints its
table. Not part of `make test`. It needs wrk (`apt-get install -y wrk`)."""

from tests.bench.load import run


def test_load_on_loopback_prints_requests_per_second_and_latency():
    rows = run()
    assert rows["/healthz"]["rps"] > 0
    assert all(row["errors"] == 0 for row in rows.values()), rows
