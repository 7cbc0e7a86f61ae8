"""`manage.py setup_site`: a first install without demo content (issue 13).

Each test starts from what `migrate` leaves (Wagtail's root page, and in one
variant Wagtail's own welcome page and localhost Site record): the session's
site structure is deleted inside the test's rolled-back transaction.
"""

import io
import sys

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page, Revision, Site, Workflow, WorkflowPage
from wagtail_localize.models import Translation, TranslationSource

from core.models import CentreDetails, FooterLink, SiteSettings
from core.roles import EDITORIAL_GROUPS
from tests.conftest import SAMPLE_BUNDLE, load_sample_bundle

pytestmark = pytest.mark.django_db

# Every page setup_site makes, by path, in each language.
STRUCTURE_PATHS = ["", "guides/", "advisories/", "policies/", "events/", "directory/", "about/", "about/privacy/"]
STRUCTURE_PATHS += ["about/accessibility/"]


@pytest.fixture(params=["root only", "as migrate leaves it"])
def fresh_database(request, zh):
    """The database before setup_site: only the tree's root, or the root with
    Wagtail's welcome page and its localhost Site record (what `migrate` makes)."""
    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    CentreDetails.objects.all().delete()
    TranslationSource.objects.all().delete()
    assert not SiteSettings.objects.exists()
    if request.param == "as migrate leaves it":
        welcome = Page(title="Welcome to your new Wagtail site!", slug="home", locale=zh)
        Page.get_first_root_node().add_child(instance=welcome)
        Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    return request.param


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    models = [Page, Revision, Site, SiteSettings, CentreDetails, FooterLink, Group, Workflow, WorkflowPage]
    models += [Translation, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


def test_setup_site_creates_the_structure_in_both_languages(fresh_database, client):
    users = get_user_model().objects.count()
    out = run("setup_site", "--no-input")
    assert "created the home page" in out
    for language in ("zh-hans", "en"):
        for path in STRUCTURE_PATHS:
            assert client.get(f"/{language}/{path}").status_code == 200, (language, path)
    assert client.get("/zh-hans/about/privacy/").context["page"].title == "隐私声明"
    assert client.get("/en/about/privacy/").context["page"].title == "Privacy notice"
    # The English pages are wagtail-localize translations of the Chinese ones.
    guides = apps.get_model("guides", "GuideIndexPage").objects.get(locale__language_code="zh-hans")
    assert Translation.objects.filter(source__object_id=guides.translation_key).count() == 1
    assert {details.locale.language_code for details in CentreDetails.objects.all()} == {"zh-hans", "en"}
    site = Site.objects.get()
    assert site.is_default_site and site.root_url == "http://testserver"
    assert SiteSettings.objects.filter(site=site).exists()
    # No demo content and no account.
    assert get_user_model().objects.count() == users
    assert not apps.get_model("guides", "CountryGuidePage").objects.exists()
    assert not CentreDetails.objects.exclude(address="").exists()
    assert set(EDITORIAL_GROUPS) <= set(Group.objects.values_list("name", flat=True))
    assert WorkflowPage.objects.filter(page__depth=1, workflow__active=True).exists()


def test_running_setup_site_again_changes_nothing(fresh_database):
    run("setup_site", "--no-input")
    before = counts()
    assert "Nothing to do." in run("setup_site", "--no-input")
    assert counts() == before


def test_an_editors_changes_survive_a_second_run(fresh_database):
    run("setup_site", "--no-input")
    details = CentreDetails.objects.get(locale__language_code="en")
    details.name = "Our own name"
    details.save()
    run("setup_site", "--no-input")
    assert CentreDetails.objects.get(locale__language_code="en").name == "Our own name"


def test_without_a_terminal_nothing_is_asked(fresh_database, monkeypatch):
    """Without --no-input but with no terminal (a deploy script), it must not
    wait for an answer: an input() call would raise here."""
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail(f"asked {prompt!r}"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    run("setup_site")
    assert Site.objects.get().root_url == "http://testserver"


def test_on_a_terminal_it_asks_for_the_address_and_checks_it(fresh_database, monkeypatch):
    answers = iter(["not an address", "https://invest.example.org"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    run("setup_site")
    assert Site.objects.get().root_url == "https://invest.example.org"


def test_the_base_url_goes_into_the_site_record(fresh_database):
    run("setup_site", "--no-input", "--base-url", "https://invest.example.org")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("invest.example.org", 443, "https://invest.example.org")
    out = run("setup_site", "--no-input", "--base-url", "http://127.0.0.1:8000")
    assert "the default site is at http://127.0.0.1:8000" in out
    assert Site.objects.get().root_url == "http://127.0.0.1:8000"


def test_https_on_another_port_gives_pages_full_urls_at_that_address(fresh_database, settings):
    """A Site record cannot say https on a port other than 443 (Wagtail's
    root_url would say http://x.org:8443); pages take their root from the base
    URL instead (BasePage.get_url_parts), so Wagtail's full_url agrees with
    every other link."""
    settings.SITE_BASE_URL = "https://x.org:8443"
    run("setup_site", "--no-input")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("x.org", 8443)
    about = site.root_page.get_children().get(slug="about").specific
    assert about.full_url == "https://x.org:8443/zh-hans/about/"


@pytest.mark.parametrize(
    "address", ["invest.example.org", "ftp://invest.example.org", "https://x.org/cms/", "https://x.org:port"]
)
def test_a_bad_base_url_is_refused_before_anything_is_written(fresh_database, address):
    before = counts()
    with pytest.raises(CommandError, match="base URL|invalid port"):
        run("setup_site", "--no-input", "--base-url", address)
    assert counts() == before


def test_an_unmigrated_database_is_told_to_migrate(fresh_database):
    Group.objects.filter(name="Reviewers").delete()
    with pytest.raises(CommandError, match="run `manage.py migrate` first"):
        run("setup_site", "--no-input")


def test_the_shared_sample_bundle_imports_on_a_fresh_site(fresh_database, client):
    """Issue 13's failure: import_content refused a fresh database ("there is
    no guides.GuideIndexPage in zh-hans"); after setup_site it must succeed."""
    load_sample_bundle()  # skips (or fails under CI) without ../shared
    run("setup_site", "--no-input")
    out = run("import_content", str(SAMPLE_BUNDLE))
    assert "guides:" in out
    guide_model = apps.get_model("guides", "CountryGuidePage")
    guide = guide_model.objects.live().filter(locale__language_code="zh-hans").first()
    english = guide.get_translation(Locale.objects.get(language_code="en"))
    for page in (guide, english):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert response.context["page"].pk == page.pk


def test_load_demo_builds_on_the_same_structure(fresh_database, client):
    out = run("load_demo")
    assert "created the home page" in out
    assert "filled in the demo centre details in en" in out
    assert apps.get_model("guides", "CountryGuidePage").objects.live().exists()
    assert "Binjiang" in CentreDetails.objects.get(locale__language_code="en").address
    assert SiteSettings.for_site(Site.objects.get()).phone
    assert not get_user_model().objects.filter(username="admin").exists()
    assert client.get("/en/guides/").status_code == 200
    before = counts()
    run("load_demo")
    assert counts() == before
