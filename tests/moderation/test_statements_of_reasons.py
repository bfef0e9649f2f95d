"""Statements of reasons carry their ground, whether automated means found the item, how it
came to the moderators, what the sanction applies to and for how long (EU DSA Art. 17), on
the member's decision page and in the moderators' JSON export."""

import html

from forum.moderation import services
from forum.moderation.models import IllegalContentReport, ModerationAction
from forum.moderation.reports import file_crisis_report
from tests.factories import hide, make_post, make_user, suspend

from .conftest import act


def text_of(response):
    return html.unescape(response.content.decode())


def test_a_hide_after_a_members_report_names_its_guideline_ground_and_scope(
        client, post, reported, acting_moderator, seller):
    client.force_login(acting_moderator)
    act(client, post, reported)
    action = ModerationAction.objects.get()
    assert (action.ground, action.scope, action.source, action.automated_detection,
            action.duration_days) == ("guideline", "item", "report", False, None)
    client.force_login(seller)
    page = text_of(client.get(f"/moderation/decisions/{action.pk}/"))
    assert "What it rests on" in page and "Against a community guideline" in page
    assert "Only this post, comment or message" in page
    assert "A member's report. No automated means found it; a person decided." in page


def test_a_suspension_states_the_account_as_its_scope_and_its_duration(member):
    action = suspend(member, days=7)
    assert (action.scope, action.duration_days, action.source) == ("account", 7, "moderator")


def test_a_hide_of_what_the_crisis_check_flagged_says_automated_means_found_it(db):
    author = make_user("worried")
    post = make_post(author)
    file_crisis_report(post=post)
    action = hide(post, guideline="at_risk")
    assert (action.automated_detection, action.source) == (True, "automatic")


def test_a_removal_on_the_law_names_the_law_and_needs_no_guideline(client, db):
    moderator = make_user("mod_lex", moderator=True)
    author = make_user("seller2")
    post = make_post(author, title="Cheap prescription drugs without prescription")
    IllegalContentReport.objects.create(url=f"/posts/{post.slug}/", post=post,
                                        law="Medicines Act", explanation="Unlicensed sale",
                                        good_faith=True)
    action = services.remove(moderator=moderator, post=post, guideline="",
                             statement="Selling prescription medicines is illegal.",
                             legal_ground="Human Medicines Regulations 2012, reg. 214")
    assert (action.ground, action.source) == ("law", "notice")
    client.force_login(author)
    page = text_of(client.get(f"/moderation/decisions/{action.pk}/"))
    assert "Against the law: Human Medicines Regulations 2012, reg. 214" in page
    assert "A report of illegal content" in page


def test_moderators_export_statements_in_the_shape_of_the_eu_transparency_database(
        client, post, reported, acting_moderator, member):
    client.force_login(acting_moderator)
    act(client, post, reported)
    suspend(member, days=3, by=acting_moderator)
    data = client.get("/moderation/statements.json").json()
    suspension, hidden = data["statements"]
    assert hidden["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    assert hidden["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert hidden["incompatible_content_ground"].startswith("3. No selling")
    assert hidden["category"] == "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"
    assert hidden["automated_detection"] == "No"
    assert hidden["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert hidden["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION"
    assert hidden["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert "DE" in hidden["territorial_scope"]
    assert len(hidden["application_date"]) == 10
    assert suspension["decision_account"] == "DECISION_ACCOUNT_SUSPENDED"
    assert suspension["end_date_account_restriction"] > suspension["application_date"]
    assert data["next"] is None


def test_only_moderators_read_the_statements_export(client, member):
    client.force_login(member)
    assert client.get("/moderation/statements.json").status_code == 403
    client.logout()
    assert client.get("/moderation/statements.json").status_code == 302


def test_the_statements_export_stays_within_its_query_budget_however_many(
        client, django_assert_max_num_queries, db):
    moderator = make_user("mod_count", moderator=True)
    for n in range(12):
        hide(make_post(make_user(f"writer{n}")), by=moderator)
    client.force_login(moderator)
    with django_assert_max_num_queries(6):
        data = client.get("/moderation/statements.json").json()
    assert len(data["statements"]) == 12


def test_a_moderator_hides_on_the_law_from_the_act_form(client, post, reported,
                                                        acting_moderator, seller):
    client.force_login(acting_moderator)
    act(client, post, reported, guideline="",
        legal_ground="Fraud Act 2006 (England and Wales)")
    action = ModerationAction.objects.get()
    assert (action.kind, action.ground, action.legal_ground) == (
        "hide", "law", "Fraud Act 2006 (England and Wales)")


def test_a_sanction_with_neither_a_guideline_nor_a_law_is_refused(client, post, reported,
                                                                  acting_moderator):
    client.force_login(acting_moderator)
    response = act(client, post, reported, guideline="", legal_ground="  ")
    assert "Choose the guideline this action is based on." in text_of(response)
    assert not ModerationAction.objects.exists()


def test_a_page_number_that_is_not_one_gives_a_page_of_statements_not_an_error(client, db):
    moderator = make_user("mod_pages", moderator=True)
    hide(make_post(make_user("writer")), by=moderator)
    client.force_login(moderator)
    for page in ("abc", "-1", "99999", "1" * 400):
        response = client.get(f"/moderation/statements.json?page={page}")
        assert response.status_code == 200
        assert len(response.json()["statements"]) == 1
