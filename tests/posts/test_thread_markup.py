"""Every value a member controls comes out of the story page escaped: author and reply-to
names, titles, bodies, poll text, a draft sent back (templates/, templates/jinja2/)."""

from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string

from posts.services import create_post, post_comment
from posts.services.community import set_poll
from tests.factories import make_user

HOSTILE = "<script>alert(1)</script>\"onmouseover=alert(2) x='y"


class Injected(HTMLParser):
    """Collects what a hostile value could have smuggled in: a <script> with words in it, an
    event-handler attribute, an attribute named after the payload."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, _ in attrs:
            if name.startswith("on") or name in {"x", "y", "alert(2)"}:
                self.found.append(f"<{tag} {name}=…>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data}</script>")


def injected(page):
    parser = Injected()
    parser.feed(page)
    return parser.found


@pytest.fixture
def hostile_thread(db, settings):
    settings.KINDRED_COMMENT_MAX_DEPTH = 2
    author = make_user("june")
    story = create_post(author=author, title=f"Title {HOSTILE}", body=f"Body {HOSTILE}",
                        kind="question")
    set_poll(author=author, post=story, question=f"Question {HOSTILE}",
             choices=[f"Yes {HOSTILE}", f"No {HOSTILE}"])
    villain = make_user(f"v{HOSTILE}")
    other = make_user(f"w{HOSTILE}")
    root = post_comment(author=villain, post=story, body=f"Root {HOSTILE}")
    reply = post_comment(author=other, post=story, parent=root, body=f"Reply {HOSTILE}")
    past_cap = post_comment(author=villain, post=story, parent=reply, body="Past the cap")
    return {"story": story, "root": root, "past_cap": past_cap}


@pytest.mark.parametrize("who", ["reader", "member", "moderator"])
def test_hostile_names_titles_bodies_and_poll_text_come_out_escaped(client, hostile_thread,
                                                                   who):
    if who != "reader":
        client.force_login(make_user(who, moderator=who == "moderator"))
    story, root = hostile_thread["story"], hostile_thread["root"]
    page = client.get(f"{story.get_absolute_url()}?reply={root.pk}").content.decode()
    assert injected(page) == []
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"Title {escaped}" in page and f"Question {escaped}" in page
    assert f"v{escaped}" in page  # the author's name, in their byline
    assert "replying to @w&lt;script&gt;" in page  # past the cap, whom it answers
    if who != "reader":
        assert f"Yes {escaped}" in page
        assert f"Your reply to v{escaped}" in page


def test_a_hostile_draft_comes_back_escaped_in_the_reply_box(rf, hostile_thread):
    story, root = hostile_thread["story"], hostile_thread["root"]
    request = rf.get("/")
    request.user = make_user("marion")
    html = render_to_string("posts/reply_form.html", {
        "post_id": story.pk, "parent": root.pk, "name": root.author_name,
        "draft": f"</textarea>{HOSTILE}"}, request=request, using="jinja2")
    assert injected(html) == []
    assert "&lt;/textarea&gt;&lt;script&gt;" in html
