"""The home page starts where visitors start: the search box, then guides,
alerts, training and directory (the content areas' index pages) and the
filing navigator as the first choices, in both languages, before the featured guides."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from core.areas import content_area
from home.models import FIRST_CHOICES, VIEW_CHOICES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_search_box_and_the_five_first_choices_come_first(client, language):
    html = client.get(f"/{language}/").content.decode()
    start = html.index('class="home-start"')
    with translation.override(language):
        search_url = reverse("search:search")
    form = re.search(r'<form class="search-form" action="([^"]+)" method="get" role="search">', html[start:])
    assert form and form.group(1) == search_url
    choices = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', html[start : html.index("</section>", start)])
    locale = Locale.objects.get(language_code=language)
    expected = [(page.url, page.title) for page in (content_area(key).index_page(locale) for key in FIRST_CHOICES[:4])]
    with translation.override(language):
        expected.append((reverse("filing:start"), str(VIEW_CHOICES["filing"][1])))
    assert choices == expected
    assert FIRST_CHOICES[4] == "filing"
    assert start < html.index('id="featured-guides"')
