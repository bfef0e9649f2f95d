"""The review queue as compact cards: one click for Approve and Dismiss, the full action form
behind "Other actions", and a crisis item marked by an icon and words, not colour alone."""

import re

from forum.moderation.reports import file_report
from posts.services import post_comment
from tests.factories import make_user


def _articles(html):
    return re.findall(r'<article class="queue-item.*?</article>', html, re.S)


def test_the_queue_keeps_the_full_action_form_behind_other_actions(
        client, post, member, acting_moderator):
    comment = post_comment(author=member, post=post, body="Buy my supplements")
    file_report(reporter=make_user("reporter"), post=post, comment=comment, reason="spam")
    client.force_login(acting_moderator)
    (card,) = _articles(client.get("/moderation/").content.decode())
    # Approve and Dismiss are one click; Hide and Remove have their own form on the card.
    one_click = re.search(r'<div class="buttons one-click">.*?</div>', card, re.S).group(0)
    rest = card.split('<details class="other-actions">')[1]
    assert 'value="dismiss"' in one_click and 'name="statement"' not in one_click
    assert re.search(r"<summary>Other actions<span class=\"visually-hidden\"> for the comment "
                     r"by rowan</span></summary>", rest)
    assert 'name="statement"' in rest and 'name="guideline"' in rest


def test_a_crisis_item_says_may_be_at_risk_with_an_icon_and_words(
        client, post, member, acting_moderator):
    post_comment(author=member, post=post, body="I can't go on like this")
    client.force_login(acting_moderator)
    (card,) = _articles(client.get("/moderation/").content.decode())
    assert re.search(r'<span class="crisis-icon" aria-hidden="true">⚠</span> '
                     r'<span class="badge badge-crisis">May be at risk</span>', card)
