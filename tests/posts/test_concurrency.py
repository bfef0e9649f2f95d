import threading

import pytest
from django.db import connection
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from forum.notifications.models import Notification
from forum.notifications.tasks import email_notifications
from posts.models import Comment
from posts.services import post_comment
from tests.factories import make_post, make_user

WRITERS, EACH = 8, 50


@pytest.mark.django_db(transaction=True)
def test_eight_members_commenting_at_once_lose_nothing_and_counts_stay_exact(task_queue):
    # task_queue: the production queue, so each reply's email waits for the worker as it
    # would in production (and the test checks the queue as it checks the comments).
    story = make_post(make_user("storyteller"), title="Busy thread")
    authors = [make_user(f"writer{n}") for n in range(WRITERS)]
    root = post_comment(author=authors[0], post=story, body="Where it starts")
    errors, start = [], threading.Barrier(WRITERS)

    def write(author):
        try:
            start.wait()
            previous = root
            for number in range(EACH):
                # Alternate between answering the thread's first comment and one's own last.
                parent = root if number % 2 == 0 else previous
                previous = post_comment(author=author, post=story, parent=parent,
                                        body=f"{author.username} says {number}")
        except Exception as error:  # noqa: BLE001 - any failure fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(author,)) for author in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Comment.objects.filter(post=story).count() == WRITERS * EACH + 1
    story.refresh_from_db()
    assert story.comment_count == WRITERS * EACH + 1
    actual_replies = dict(
        Comment.objects.filter(post=story, parent__isnull=False)
        .values_list("parent_id").annotate(n=Count("id"))
    )
    for comment in Comment.objects.filter(post=story):
        assert comment.reply_count == actual_replies.get(comment.pk, 0), comment.pk
    # Every notification the replies made is queued for its email exactly once; writer0
    # hears of each reply to the first comment but their own.
    made = Notification.objects.filter(comment__post=story)
    assert made.filter(recipient=authors[0],
                       kind=Notification.Kind.REPLY_TO_COMMENT).count() == (
        (WRITERS - 1) * EACH // 2)
    queued = sorted(pk for task in DBTaskResult.objects.filter(
                        task_path=email_notifications.module_path)
                    for pk in task.args_kwargs["kwargs"]["ids"])
    assert queued == sorted(made.values_list("pk", flat=True))
