"""What django-tasks-db's worker lacks for "every email exactly once": a heartbeat, and a
lease on RUNNING tasks.

A worker killed mid-task (`kill -9`, the OOM killer, a lost machine) leaves its task RUNNING,
and django-tasks-db never runs a RUNNING task again. So each worker (`manage.py db_worker`,
forum/notifications/management/commands/db_worker.py) beats from a thread of its own every
quarter of KINDRED_TASK_LEASE, whatever its task is doing, and at each beat hands back to the
queue the RUNNING tasks whose worker has not beaten for a lease. A task taken back
MAX_CLAIMS times (it kills every worker that runs it) is failed loudly instead.

Taking a task back may at worst run it while its first worker still runs it (a worker whose
database connection failed for a lease): the email tasks claim each notification before
sending (tasks.py), so the two never send the same email.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import Case, F, Max, Min, When
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import WorkerHeartbeat

logger = logging.getLogger("kindred.worker")

MAX_CLAIMS = 3  # workers that may die running one task before it is failed
FORGET_WORKERS_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """Recorded on a task whose workers died running it MAX_CLAIMS times."""


def lease() -> timedelta:
    return timedelta(seconds=settings.KINDRED_TASK_LEASE)


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id,
                                             defaults={"beat_at": timezone.now()})


def take_back_abandoned_tasks() -> int:
    """RUNNING tasks whose worker has not beaten for a lease go back to READY (or FAILED
    after MAX_CLAIMS workers died running them). Returns how many went back to READY."""
    now = timezone.now()
    stale = now - lease()
    alive = set(WorkerHeartbeat.objects.filter(beat_at__gte=stale)
                .values_list("worker_id", flat=True))
    taken_back = 0
    for task in (DBTaskResult.objects.running().filter(started_at__lt=stale)
                 .only("id", "worker_ids", "started_at", "task_path")):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue  # a long task on a live worker
        # started_at is the claim's token: a worker that claimed it meanwhile wins.
        unchanged = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING,
                                                started_at=task.started_at)
        if len(task.worker_ids) >= MAX_CLAIMS:
            error = WorkerLost(f"{len(task.worker_ids)} workers died running this task "
                               f"({', '.join(task.worker_ids)}); it is not run again.")
            if unchanged.update(status=TaskResultStatus.FAILED, finished_at=now,
                                exception_class_path=f"{__name__}.WorkerLost",
                                traceback=f"{__name__}.WorkerLost: {error}\n"):
                logger.error("Task %s (%s) failed: %s", task.pk, task.task_path, error)
            continue
        if unchanged.update(status=TaskResultStatus.READY):
            taken_back += 1
            logger.warning("Task %s (%s) taken back from worker %s, silent for over %s s",
                           task.pk, task.task_path, task.worker_ids[-1] if task.worker_ids
                           else "?", settings.KINDRED_TASK_LEASE)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return taken_back


def _beat_until(stopped: threading.Event, worker_id: str) -> None:
    interval = max(settings.KINDRED_TASK_LEASE / 4, 0.1)
    try:
        while True:
            close_old_connections()  # drop a connection the database closed (a restart)
            try:
                beat(worker_id)
                take_back_abandoned_tasks()
            except DatabaseError as error:
                logger.warning("Worker %s could not beat: %s", worker_id, error)
            if stopped.wait(interval):
                return
    finally:
        connection.close()  # this thread's own connection


@contextmanager
def heartbeat(worker_id: str) -> Iterator[None]:
    """Beat for `worker_id` (and take back abandoned tasks) while the block runs."""
    stopped = threading.Event()
    thread = threading.Thread(target=_beat_until, args=(stopped, worker_id),
                              name=f"heartbeat-{worker_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopped.set()
        thread.join(timeout=settings.KINDRED_TASK_LEASE)


def queue_health() -> dict[str, str | int | None]:
    """For /healthz: the age of the oldest task that is due and waiting, and of the latest
    worker heartbeat (seconds, None when there is none); "degraded" when either is older
    than the lease: no worker is alive, or the workers are stuck or overwhelmed."""
    now = timezone.now()
    # A task queued to run at once is stored with a far-future run_after: it is due since
    # it was queued; a deferred one (a retry) since its run_after.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")),
                     default=F("run_after"))
    oldest_due = DBTaskResult.objects.ready().aggregate(oldest=Min(due_since))["oldest"]
    last_beat = WorkerHeartbeat.objects.aggregate(last=Max("beat_at"))["last"]
    waiting = (now - oldest_due).total_seconds() if oldest_due else None
    silent = (now - last_beat).total_seconds() if last_beat else None
    limit = settings.KINDRED_TASK_LEASE
    degraded = silent is None or silent > limit or (waiting is not None and waiting > limit)
    return {"status": "degraded" if degraded else "ok",
            "oldest_waiting_task_seconds": None if waiting is None else round(waiting),
            "last_worker_heartbeat_seconds": None if silent is None else round(silent)}
