"""The home page's featured guides block (home/models.py): the editors'
choice, else the most recently reviewed public guides, so the demo site's
block is not empty. Without the fallback the demo home page shows
"No country guides have been featured yet."."""

import datetime
import re

import pytest
from django.core.management import call_command

from home.models import HomePage
from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db


def featured_titles(client, path):
    html = client.get(path).content.decode()
    block = html.split('id="featured-guides"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<li class="card"><a href="[^"]+">([^<]+)</a>', block)


def test_the_demo_home_pages_feature_guides(client):
    call_command("load_demo")
    assert featured_titles(client, "/zh-hans/")
    assert featured_titles(client, "/en/")


def test_without_a_choice_the_latest_reviewed_guides_are_featured(client, zh, en):
    CountryGuidePageFactory(country="KH", title="柬埔寨投资指南", reviewed=datetime.date(2026, 5, 1))
    CountryGuidePageFactory(country="VN", title="越南投资指南", reviewed=datetime.date(2026, 6, 1))
    CountryGuidePageFactory(country="TH", title="泰国投资指南", live=False)
    assert featured_titles(client, "/zh-hans/") == ["越南投资指南", "柬埔寨投资指南"]


def test_the_editors_choice_comes_first(client, zh):
    CountryGuidePageFactory(country="KH", title="柬埔寨投资指南", reviewed=datetime.date(2026, 5, 1))
    chosen = CountryGuidePageFactory(country="VN", title="越南投资指南", reviewed=datetime.date(2026, 1, 1))
    home = HomePage.objects.get(locale=zh)
    home.featured_guides = [("guide", chosen)]
    home.save_revision().publish()
    assert featured_titles(client, "/zh-hans/") == ["越南投资指南"]
