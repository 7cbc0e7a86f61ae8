"""Editors' pages at a number of SQL queries that does not grow with the
content: the registrations of an event with 500 registrations (one page of
them shown) within MAX_QUERIES, and the page explorer of the guides section
the same with 5 guides as with 25.

Counted on a second visit, as for the public pages (the first fills
per-process memos). The content is the bench's (bench/seed.py); the
registrations are one made through booking (tests.factories.register_verified)
and its copies inserted in bulk.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from bench.seed import add_clones, import_templates
from core.explorer import translation_buttons
from events.models import EventPage, Registration
from guides.models import CountryGuidePage, GuideIndexPage
from tests.factories import CountryGuidePageFactory, add_english, credit_code, register_verified

MAX_QUERIES = 20
REGISTRATIONS = 500

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    import_templates()
    add_clones({"events": 2})
    return Locale.objects.get(language_code="zh-hans")


def queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
    return [query["sql"] for query in queries.captured_queries]


def test_the_registrations_of_an_event_with_500(client, event_manager, seeded):
    client.force_login(event_manager)
    event = EventPage.objects.filter(locale=seeded, capacity__gt=0).first()
    first = register_verified(event)
    copies = []
    for number in range(REGISTRATIONS - 1):
        copy = Registration.objects.get(pk=first.pk)
        copy.pk = None
        copy.credit_code = credit_code(900000 + number)
        copy.email = f"applicant-{number}@example.org"
        copies.append(copy)
    Registration.objects.bulk_create(copies)
    assert event.registrations.count() == REGISTRATIONS

    url = reverse("events_registrations:list", args=[event.registration_anchor_id])
    queries = queries_of(client, url)
    assert len(queries) <= MAX_QUERIES, f"{url}: {len(queries)} queries"


def test_the_guides_explorer_costs_the_same_with_5_or_25_guides(client, editor):
    """Each row's "More" menu asked wagtail-localize two queries (may it be
    translated, is it a source to sync) and Wagtail two (is anything live
    below it, for the editor's Move and Delete): 64 queries with 5 guides
    and 4 more a row. The explorer now fetches those facts with its rows
    (core.explorer); without them this fails on the growth."""
    import_templates()
    add_clones({"guides": 4})
    zh = Locale.objects.get(language_code="zh-hans")
    url = reverse("wagtailadmin_explore", args=[GuideIndexPage.objects.get(locale=zh).pk])
    client.force_login(editor)
    assert CountryGuidePage.objects.filter(locale=zh).count() == 5
    five = queries_of(client, url)

    add_clones({"guides": 20}, start=5)
    assert CountryGuidePage.objects.filter(locale=zh).count() == 25
    twenty_five = queries_of(client, url)
    assert len(twenty_five) == len(five), f"5 guides: {len(five)} queries, 25 guides: {len(twenty_five)}"


def test_the_explorer_rows_offer_the_same_translation_buttons_as_wagtail_localize(client, editor, home):
    """The row menu (core.explorer.translation_buttons) shows "Translate this
    page" for a guide not yet in English and "Sync translated pages", to the
    guide's own translation source, for a translated one; anywhere else (a
    page's own header) wagtail-localize's function answers."""
    untranslated = CountryGuidePageFactory(country="LA", slug="la")
    translated = CountryGuidePageFactory(country="VN", slug="vn")
    add_english(translated)
    source = TranslationSource.objects.get(object_id=translated.translation_key, locale=translated.locale)
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_explore", args=[untranslated.get_parent().pk])).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[untranslated.pk]) in html
    assert reverse("wagtail_localize:submit_page_translation", args=[translated.pk]) not in html
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html

    bare = CountryGuidePage.objects.get(pk=translated.pk)  # not from the explorer: no annotations
    urls = [button.url for button in translation_buttons(bare, editor)]
    assert urls == [reverse("wagtail_localize:update_translations", args=[source.pk])]
