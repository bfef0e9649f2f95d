"""The moderators' statements of reasons as JSON, in the shape of the EU DSA transparency
database's statements (https://transparency.dsa.ec.europa.eu/page/api-documentation), for
moderators and admins to check and submit: `/moderation/statements.json?page=N`, newest
first, only sanctions (hide, remove, lock, silence, suspend).

How a logged sanction (ModerationAction) becomes a statement:

- puid: "kindred-action-<id>", the log row's id.
- decision_visibility: hide → DECISION_VISIBILITY_CONTENT_DISABLED; remove →
  DECISION_VISIBILITY_CONTENT_REMOVED; lock → DECISION_VISIBILITY_OTHER, with
  decision_visibility_other saying comments were closed. Empty for account sanctions.
- decision_provision: silence → DECISION_PROVISION_PARTIAL_SUSPENSION (can read, not write).
- decision_account: suspend → DECISION_ACCOUNT_SUSPENDED.
- end_date_account_restriction: the silence's or suspension's end (`until`), YYYY-MM-DD.
- decision_ground: ground "law" → DECISION_GROUND_ILLEGAL_CONTENT, with
  illegal_content_legal_ground (the law named) and illegal_content_explanation (the
  statement); ground "guideline" → DECISION_GROUND_INCOMPATIBLE_CONTENT, with
  incompatible_content_ground (the guideline) and incompatible_content_explanation.
- decision_facts: the statement of reasons the member was sent (written for the member, so
  it names nobody else; read it before submitting).
- category: from the guideline (CATEGORIES below); a ground in law alone →
  STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH.
- content_type: CONTENT_TYPE_TEXT (Kindred holds text only).
- automated_detection: "Yes" when Kindred's automatic checks had flagged the item, else "No".
- automated_decision: AUTOMATED_DECISION_NOT_AUTOMATED: a person decides every sanction.
- source_type: a notice of illegal content → SOURCE_ARTICLE_16; a member's report →
  SOURCE_TYPE_OTHER_NOTIFICATION; the automatic checks or a moderator's own initiative →
  SOURCE_VOLUNTARY.
- territorial_scope: every EEA country (Kindred is one site for everyone).
- application_date: when the decision was made, YYYY-MM-DD.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import reverse

from .models import APPEALABLE, Ground, Guideline, ModerationAction, Source

K = ModerationAction.Kind
PER_PAGE = 100

VISIBILITY = {K.HIDE: "DECISION_VISIBILITY_CONTENT_DISABLED",
              K.REMOVE: "DECISION_VISIBILITY_CONTENT_REMOVED",
              K.LOCK: "DECISION_VISIBILITY_OTHER"}
CATEGORIES = {
    Guideline.BE_GENTLE: "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
    Guideline.EXPERIENCE: "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
    Guideline.NO_SELLING: "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
    Guideline.PRIVACY: "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
    Guideline.AT_RISK: "STATEMENT_CATEGORY_SELF_HARM",
    Guideline.NO_SPAM: "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
}
SOURCES = {Source.NOTICE: "SOURCE_ARTICLE_16", Source.REPORT: "SOURCE_TYPE_OTHER_NOTIFICATION",
           Source.AUTOMATIC: "SOURCE_VOLUNTARY", Source.MODERATOR: "SOURCE_VOLUNTARY"}
EEA = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
       "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE",
       "SI", "SK"]


def statement_of_reasons(action: ModerationAction) -> dict:
    on_law = action.ground == Ground.LAW
    statement = {
        "puid": f"kindred-action-{action.pk}",
        "decision_visibility": [VISIBILITY[action.kind]] if action.kind in VISIBILITY else [],
        "decision_ground": ("DECISION_GROUND_ILLEGAL_CONTENT" if on_law
                            else "DECISION_GROUND_INCOMPATIBLE_CONTENT"),
        "decision_facts": action.statement,
        "category": CATEGORIES.get(action.guideline,
                                   "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"),
        "content_type": ["CONTENT_TYPE_TEXT"],
        "automated_detection": "Yes" if action.automated_detection else "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "source_type": SOURCES.get(action.source, "SOURCE_VOLUNTARY"),
        "territorial_scope": EEA,
        "application_date": action.created_at.date().isoformat(),
    }
    if action.kind == K.LOCK:
        statement["decision_visibility_other"] = "Conversation locked: no new comments"
    if action.kind == K.SILENCE:
        statement["decision_provision"] = "DECISION_PROVISION_PARTIAL_SUSPENSION"
    if action.kind == K.SUSPEND:
        statement["decision_account"] = "DECISION_ACCOUNT_SUSPENDED"
    if action.until is not None:
        statement["end_date_account_restriction"] = action.until.date().isoformat()
    if on_law:
        statement["illegal_content_legal_ground"] = action.legal_ground
        statement["illegal_content_explanation"] = action.statement
    else:
        statement["incompatible_content_ground"] = action.get_guideline_display()
        statement["incompatible_content_explanation"] = action.statement
    return statement


def export(request):
    """One page of statements, newest first (the view is for moderators only)."""
    sanctions = ModerationAction.objects.filter(kind__in=APPEALABLE).only(
        "kind", "guideline", "statement", "until", "created_at", "ground", "legal_ground",
        "automated_detection", "source")
    page = Paginator(sanctions, PER_PAGE).get_page(request.GET.get("page"))
    following = (f"{reverse('moderation:statements')}?page={page.next_page_number()}"
                 if page.has_next() else None)
    response = JsonResponse({"statements": [statement_of_reasons(a) for a in page],
                             "next": following})
    response["Cache-Control"] = "private, no-store"
    return response
