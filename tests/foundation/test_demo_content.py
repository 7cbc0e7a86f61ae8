import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from core.models import CentreDetails
from core.site_structure import set_up_site

pytestmark = pytest.mark.django_db


def _counts():
    return (Page.objects.count(), Revision.objects.count(), CentreDetails.objects.count())


def test_setting_up_the_site_again_changes_nothing():
    before = _counts()
    assert set_up_site() == []
    assert _counts() == before


def test_load_demo_command_is_idempotent(capsys):
    call_command("load_demo")
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    assert "created" not in capsys.readouterr().out.split("Demo content is in place.")[-1]


def test_demo_pages_exist_in_both_languages(client):
    for path in ("/zh-hans/", "/en/", "/zh-hans/about/privacy/", "/en/about/privacy/"):
        assert client.get(path).status_code == 200, path


def test_loaded_demo_content_is_searchable_in_both_languages(client):
    """load_demo defers indexing to the end of the import; it must still happen."""
    call_command("load_demo")
    for path, query in (("/zh-hans/search/", "柬埔寨"), ("/en/search/", "Cambodia")):
        outcome = client.get(path, {"q": query}).context["outcome"]
        assert outcome.total > 0, (path, query)
