import pytest

from forum.moderation.reports import file_report
from posts.services import post_comment
from tests.factories import make_user


@pytest.fixture
def acting_moderator(db):
    return make_user("mod_ada", moderator=True)


@pytest.fixture
def second_moderator(db):
    return make_user("mod_bea", moderator=True)


@pytest.fixture
def seller(db):
    return make_user("cure_seller")


@pytest.fixture
def selling_comment(post, seller):
    return post_comment(author=seller, post=post, body="Buy my miracle cure, only $99!")


@pytest.fixture
def reported(selling_comment, other_member):
    file_report(reporter=other_member, post=selling_comment.post, comment=selling_comment,
                reason="selling")
    return selling_comment


def act(client, post, comment=None, **data):
    url = (f"/moderation/items/{post.pk}/{comment.pk}/act/" if comment
           else f"/moderation/items/{post.pk}/act/")
    payload = {"kind": "hide", "guideline": "no_selling",
               "statement": "Selling products is not allowed here."}
    payload.update(data)
    return client.post(url, payload)
