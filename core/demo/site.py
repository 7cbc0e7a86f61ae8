"""The site's skeleton for the demo (and a first install): home page, section
index pages and information pages in the source locale with their
translations, the centre's details and site settings.

Idempotent: anything that already exists is left as it is.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.models import CentreDetails, FooterLink, SiteSettings
from core.translation import translate

SITE_FILE = Path(__file__).with_name("site.json")


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
    site = Site.objects.filter(is_default_site=True).first()
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
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    root = Page.get_first_root_node()
    return _ensure_page(root, home_model, data["slug"], data, report)


def _ensure_centre(data, site, report):
    source = None
    for code, _name in settings.LANGUAGES:
        texts = data.get(code)
        locale = Locale.objects.get(language_code=code)
        if texts is None or CentreDetails.objects.filter(locale=locale).exists():
            source = source or CentreDetails.objects.filter(locale=Locale.get_default()).first()
            continue
        details = CentreDetails(
            locale=locale, name=texts["name"], address=texts["address"], opening_hours=texts["opening_hours"]
        )
        if source is not None:
            details.translation_key = source.translation_key
        details.footer_links = [FooterLink(label=label, url=url) for label, url in texts["footer_links"]]
        details.save()
        source = source or details
        report.append(f"created the centre details in {code}")


def _ensure_settings(data, site, report):
    site_settings = SiteSettings.for_site(site)
    if not site_settings.phone:
        for name, value in data.items():
            setattr(site_settings, name, value)
        site_settings.save()
        report.append("filled in the site settings")


@transaction.atomic
def build_site():
    """Create what is missing; returns a list of what was done."""
    data = json.loads(SITE_FILE.read_text(encoding="utf-8"))
    report = []
    home = _ensure_home(data["home"], report)
    site = Site.objects.get(is_default_site=True)
    _ensure_centre(data["centre"], site, report)
    _ensure_settings(data["settings"], site, report)
    by_slug = {}
    for section in data["sections"]:
        try:
            model = apps.get_model(section["model"])
        except LookupError:
            continue  # that area is not built yet
        parent = by_slug.get(section.get("parent"), home)
        by_slug[section["slug"]] = _ensure_page(parent, model, section["slug"], section, report, in_menu=parent is home)
    return report
