"""The translation coverage report: per section and language, translated / out
of date / missing, each number leading to the pages with a link to act."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import CountryGuidePageFactory, InformationPageFactory

pytestmark = pytest.mark.django_db
URL = reverse("translation_coverage")


def cell(html, section_label, state_label):
    match = re.search(rf'aria-label="{re.escape(section_label)} · {re.escape(state_label)}: (\d+)"', html)
    return int(match.group(1))


def test_counts_per_section_follow_a_republished_source(client, translator):
    guide = CountryGuidePageFactory(country="VN", english=True)
    CountryGuidePageFactory(country="TH")  # no translation
    client.force_login(translator)
    with_translation = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    guide.title = "越南投资指南（修订）"
    guide.save_revision().publish()
    after_republishing = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert (
        cell(after_republishing, "Country guides", "Out of date")
        == cell(with_translation, "Country guides", "Out of date") + 1
    )
    assert (
        cell(after_republishing, "Country guides", "Translated")
        == cell(with_translation, "Country guides", "Translated") - 1
    )
    assert cell(after_republishing, "Country guides", "Missing") >= 1


def test_a_state_lists_its_pages_with_the_link_to_act(client, translator):
    guide = CountryGuidePageFactory(country="VN", english=True)
    english = guide.get_translation(Locale.objects.get(language_code="en"))
    guide.save_revision().publish()
    untranslated = InformationPageFactory(title="无译文页面")
    client.force_login(translator)

    out_of_date = client.get(URL, {"state": "out_of_date", "section": "guides", "language": "en"}).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in out_of_date
    missing = client.get(URL, {"state": "missing", "section": "other", "language": "en"}).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[untranslated.pk]) in missing
    assert reverse("wagtail_localize:submit_page_translation", args=[guide.pk]) not in missing


def test_only_editorial_staff_read_it(client, event_manager):
    client.force_login(event_manager)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert 'id="translation-coverage"' not in response.content.decode()
