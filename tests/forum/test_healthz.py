"""/healthz.json tells monitoring whether the email worker is alive and keeping up, while
/healthz stays the load balancer's plain "ok" for as long as the database answers."""

from datetime import timedelta

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.notifications.models import WorkerHeartbeat
from forum.notifications.tasks import email_notifications
from forum.notifications.worker import beat


def queue_a_task(settings, *, queued_ago=0):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    email_notifications.enqueue(ids=[])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=queued_ago))


def test_healthz_detail_is_ok_while_a_worker_beats_and_nothing_waits_long(client, db, settings):
    beat("worker-1")
    queue_a_task(settings)  # just queued: the worker will take it
    response = client.get("/healthz.json")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok" and health["queue"]["status"] == "ok"
    assert health["queue"]["last_worker_heartbeat_seconds"] is not None
    assert health["queue"]["oldest_waiting_task_seconds"] is not None


def test_healthz_stays_up_and_says_degraded_when_the_worker_died_and_email_waits(
        client, db, settings):
    beat("worker-1")
    lease = settings.KINDRED_TASK_LEASE
    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=lease * 3))
    queue_a_task(settings, queued_ago=lease * 2)
    response = client.get("/healthz.json")
    assert response.status_code == 200  # the load balancer keeps the site
    health = response.json()
    assert health["status"] == "degraded" and health["queue"]["status"] == "degraded"
    assert health["queue"]["oldest_waiting_task_seconds"] >= lease * 2
    assert health["queue"]["last_worker_heartbeat_seconds"] >= lease * 3
    # The plain probe keeps its contract.
    assert client.get("/healthz").content == b"ok\ncache: ok\n"


def test_healthz_says_degraded_when_no_worker_has_ever_beaten(client, db):
    health = client.get("/healthz.json").json()
    assert health["status"] == "degraded"
    assert health["queue"]["last_worker_heartbeat_seconds"] is None


def test_healthz_says_degraded_when_a_live_worker_is_stuck_and_email_waits(
        client, db, settings):
    beat("worker-1")  # alive, but the due task has waited for longer than the lease
    queue_a_task(settings, queued_ago=settings.KINDRED_TASK_LEASE * 2)
    assert client.get("/healthz.json").json()["queue"]["status"] == "degraded"


def test_healthz_detail_query_budget_does_not_grow_with_the_queue(
        client, db, settings, django_assert_max_num_queries):
    beat("worker-1")
    for _ in range(20):
        queue_a_task(settings)
    DBTaskResult.objects.filter(pk__in=DBTaskResult.objects.values("pk")[:5]).update(
        status=TaskResultStatus.SUCCESSFUL)
    with django_assert_max_num_queries(3):
        assert client.get("/healthz.json").status_code == 200


def test_an_operator_sees_which_workers_beat_in_the_admin(admin_client, db):
    beat("kindred-1-worker")
    listing = admin_client.get("/admin/notifications/workerheartbeat/")
    assert listing.status_code == 200 and "kindred-1-worker" in listing.content.decode()
