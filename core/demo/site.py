"""The demo's own site details, on top of the site structure: a made-up
centre's name, address and opening hours, and its phone, e-mail and filing
numbers (core/demo/site.json).

Idempotent, and it fills in only what is still empty, so an editor's own
details are never overwritten.
"""

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Site

from core.models import CentreDetails, SiteSettings
from core.site_structure import set_up_site

DEMO_SITE_FILE = Path(__file__).with_name("site.json")


def _fill_centre(data, report):
    for code, texts in data.items():
        details = CentreDetails.objects.filter(locale__language_code=code).first()
        if details is not None and not details.address:
            for name, value in texts.items():
                setattr(details, name, value)
            details.save()
            report.append(f"filled in the demo centre details in {code}")


def _fill_settings(data, site, report):
    site_settings = SiteSettings.for_site(site)
    if not site_settings.phone:
        for name, value in data.items():
            setattr(site_settings, name, value)
        site_settings.save()
        report.append("filled in the demo site settings")


@transaction.atomic
def build_demo_site():
    """The site structure, then the demo's details; returns what was done."""
    report = set_up_site()
    data = json.loads(DEMO_SITE_FILE.read_text(encoding="utf-8"))
    _fill_centre(data["centre"], report)
    _fill_settings(data["settings"], Site.objects.get(is_default_site=True), report)
    return report
