"""The rows the data migrations install (disclaimer, editorial pages, curated symptoms).

Transactional tests flush the database afterwards, which removes them for every later
test; the installers are idempotent, so tests that need a clean slate put them back.
"""

from django.utils.text import slugify


def install_shipped_content():
    from forum.models import Page
    from forum.pages_content import install_editorial_pages
    from posts.defaults import install_first_disclaimer
    from posts.models import Disclaimer, Symptom, SymptomSynonym
    from posts.rendering import render_markdown
    from posts.symptoms import install_curated_symptoms

    install_first_disclaimer(Disclaimer, render_markdown)
    install_editorial_pages(Page, render_markdown)
    install_curated_symptoms(Symptom, SymptomSynonym, slugify)
