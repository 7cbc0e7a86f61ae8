import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import CountryGuidePageFactory

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load guides_tags %}{% country_guide_url "KH" as kh %}{% country_guide_url "VN" as vn %}'
    '{% country_guide_url "DE" as de %}[{{ kh }}|{{ vn }}|{{ de }}]'
)


def test_template_tag_links_the_guide_in_the_active_language_with_one_query():
    CountryGuidePageFactory(country="KH", english=True)
    CountryGuidePageFactory(country="VN")
    request = RequestFactory().get("/")
    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        assert TEMPLATE.render(Context({"request": request})) == "[/en/guides/kh/||]"
    assert len([q for q in queries if "guides_countryguidepage" in q["sql"]]) == 1
    with translation.override("zh-hans"):
        assert TEMPLATE.render(Context({"request": RequestFactory().get("/")})) == (
            "[/zh-hans/guides/kh/|/zh-hans/guides/vn/|]"
        )
