"""Filing reports: by members, and by Kindred itself when content announces crisis words."""

from django.db import IntegrityError, transaction

from accounts.refusals import Refused
from posts.policy import check_rate

from .models import Reason, Report


def file_crisis_report(*, post, comment=None):
    """Filed by Kindred itself when words suggest someone may be at risk: top of the queue."""
    return Report.objects.create(
        post=post, comment=comment, reason=Reason.CRISIS, is_automatic=True,
        details="Filed automatically: the words suggest this person may be at risk.",
    )


def file_report(*, reporter, post, comment=None, reason, details=""):
    if not (reporter and reporter.is_authenticated):
        raise Refused("Please log in to report.", status=403)
    if reason not in Reason.values:
        raise Refused("Choose one of the reasons.")
    details = (details or "").strip()
    if reason == Reason.OTHER and not details:
        raise Refused("Please tell us a little about what is wrong.")
    target = comment or post
    if target.author_id == reporter.pk:
        raise Refused("You can’t report your own words. You can edit or delete them.",
                      status=403)
    open_report = Report.objects.open().filter(reporter=reporter, post=post, comment=comment)
    if open_report.exists():
        raise Refused("You have already reported this. A moderator will look at it.",
                      status=409)
    check_rate(reporter, "report")
    try:
        with transaction.atomic():
            return Report.objects.create(reporter=reporter, post=post, comment=comment,
                                         reason=reason, details=details)
    except IntegrityError as error:  # two clicks at once: the constraint keeps one
        raise Refused("You have already reported this.", status=409) from error
