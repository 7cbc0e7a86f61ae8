"""The site's structure, for a first install (`manage.py setup_site`) and
under the demo (`manage.py load_demo` builds this first): the home page, the
section index pages and the information pages in the source locale with their
translations, the centre's details (its name and footer links), the site
settings, and the default Site record at the site's base URL.

The texts are in site_structure.json. Idempotent: anything that already
exists is left as it is (an editor's changes survive a second run); only the
Site record's address follows the base URL it is given.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site, WorkflowPage

from core.models import CentreDetails, FooterLink, SiteSettings
from core.roles import EDITORIAL_GROUPS
from core.translation import translate

STRUCTURE_FILE = Path(__file__).with_name("site_structure.json")
DEFAULT_PORTS = {"http": 80, "https": 443}


class SetupError(Exception):
    """Something setup_site cannot do on its own (the message says what to do)."""


def site_address(base_url):
    """(hostname, port) of the Site record for `base_url`, e.g.
    https://invest.example.org → ("invest.example.org", 443)."""
    parts = urlsplit(base_url)
    try:
        port = parts.port
    except ValueError as error:
        raise SetupError(f"{base_url!r} has an invalid port") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise SetupError(f"{base_url!r} is not a base URL such as https://invest.example.org")
    # A Site record has no scheme (Wagtail's own root_url guesses https from
    # port 443 only); the pages' full URLs come from the base URL instead
    # (BasePage.get_url_parts), so https on another port works too.
    return parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def _page_fields(model, texts):
    return {name: value for name, value in texts.items() if name in {f.name for f in model._meta.get_fields()}}


def _ensure_page(parent, model, slug, texts_by_locale, report, in_menu=False):
    """The page under `parent` with `slug` (source locale), created and
    translated into every other configured locale when missing."""
    source_code = settings.LANGUAGE_CODE
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
    else:
        page = model(slug=slug, show_in_menus=in_menu, **_page_fields(model, texts_by_locale[source_code]))
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.append(f"created {model.__name__} /{slug}/")
    for code, _name in settings.LANGUAGES:
        if code == source_code or code not in texts_by_locale:
            continue
        locale = Locale.objects.get(language_code=code)
        if page.get_translation_or_none(locale) is None:
            translate(page, locale, _page_fields(model, texts_by_locale[code]))
            report.append(f"translated {model.__name__} /{slug}/ into {code}")
    return page


def _ensure_home(data, report):
    source_locale = Locale.get_default()
    home_model = apps.get_model("home", "HomePage")
    home = home_model.objects.filter(depth=2, locale=source_locale).first()
    if home is None:
        root = Page.get_first_root_node()
        # Replace Wagtail's placeholder "Welcome" page, which has our slug.
        Page.objects.filter(depth=2, slug=data["slug"], content_type__model="page").delete()
        root.refresh_from_db()
        home = home_model(slug=data["slug"], **_page_fields(home_model, data[source_locale.language_code]))
        root.add_child(instance=home)
        home.save_revision().publish()
        report.append("created the home page")
    return _ensure_page(Page.get_first_root_node(), home_model, data["slug"], data, report)


def _ensure_site_record(home, base_url, report):
    """The default Site at `base_url`, rooted at the home page."""
    hostname, port = site_address(base_url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # A record already at this address (not the default one) becomes the default.
        site = Site.objects.filter(hostname=hostname, port=port).first() or Site(is_default_site=True, site_name="")
        site.is_default_site = True
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        raise SetupError(f"another site record already has {hostname}:{port}; remove it in the admin first")
    if site.pk is None or (site.hostname, site.port, site.root_page_id) != (hostname, port, home.pk):
        site.hostname, site.port, site.root_page = hostname, port, home
        site.save()
        report.append(f"the default site is at {base_url} (hostname {hostname}, port {port})")
    return site


def _ensure_centre(data, report):
    """The centre's details in every configured locale, as translations of the source locale's."""
    source = CentreDetails.objects.filter(locale=Locale.get_default()).first()
    codes = sorted((code for code, _name in settings.LANGUAGES), key=lambda code: code != settings.LANGUAGE_CODE)
    for code in codes:  # the source locale's first: the others are its translations
        locale = Locale.objects.get(language_code=code)
        texts = data.get(code)
        if texts is None or CentreDetails.objects.filter(locale=locale).exists():
            continue
        details = CentreDetails(locale=locale, name=texts["name"])
        if source is not None:
            details.translation_key = source.translation_key
        details.footer_links = [FooterLink(label=label, url=url) for label, url in texts["footer_links"]]
        details.save()
        source = source or details
        report.append(f"created the centre details in {code}")


def _ensure_settings(site, report):
    if not SiteSettings.objects.filter(site=site).exists():
        SiteSettings.for_site(site)  # created with the fields' defaults
        report.append("created the site settings")


def _check_editorial_roles():
    """The groups and the review workflow come from data migrations; a
    database without them has not been migrated."""
    present = Group.objects.filter(name__in=EDITORIAL_GROUPS).values_list("name", flat=True)
    missing = set(EDITORIAL_GROUPS) - set(present)
    if missing:
        raise SetupError(f"the editorial groups {sorted(missing)} are missing: run `manage.py migrate` first")
    if not WorkflowPage.objects.filter(page=Page.get_first_root_node(), workflow__active=True).exists():
        raise SetupError("the review workflow is missing: run `manage.py migrate` first")


@transaction.atomic
def set_up_site(base_url=None):
    """Create what is missing; returns a list of what was done. `base_url`
    (default: settings.SITE_BASE_URL) is where the default Site record points."""
    base_url = base_url or settings.SITE_BASE_URL
    site_address(base_url)  # refuse a bad address before writing anything
    _check_editorial_roles()
    data = json.loads(STRUCTURE_FILE.read_text(encoding="utf-8"))
    report = []
    home = _ensure_home(data["home"], report)
    site = _ensure_site_record(home, base_url, report)
    _ensure_centre(data["centre"], report)
    _ensure_settings(site, report)
    by_slug = {}
    for section in data["sections"]:
        model = apps.get_model(section["model"])
        parent = by_slug.get(section.get("parent"), home)
        by_slug[section["slug"]] = _ensure_page(parent, model, section["slug"], section, report, in_menu=parent is home)
    return report
