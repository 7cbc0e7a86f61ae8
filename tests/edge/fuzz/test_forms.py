"""Fuzz test, part 3 (issue 14): every public form posted with a valid
filling except one field, which holds a hostile value, each field in turn
(so the hostile value also reaches what runs after validation: saving,
mails). Never a 5xx."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from directory.models import DirectoryPage
from tests.edge.fuzz.values import FORM_LABELS, query
from tests.factories import application_form, index_of, registration_form

pytestmark = pytest.mark.django_db


def subscription_form():
    return {"email": "reader@example.org", "countries": ["KH"], "kinds": ["security"], "language": "zh-hans"}


def banner_dismissal():
    return {"key": "advisory-1", "next": "/zh-hans/"}


def post_each_field_hostile(probe, url, valid):
    """`valid` posted once as it is, then once per field and hostile value."""
    names = [*valid, "homepage"] if "homepage" in valid else list(valid)
    for name in names:
        others = {key: value for key, value in valid.items() if key != name}
        for label in FORM_LABELS:
            cache.clear()  # rate limits would answer 429 before the form is read
            body = "&".join(part for part in (urlencode(others, doseq=True), query(name, label)) if part)
            probe.post(url, body, what=f"{name} = {label}")


def test_the_registration_form_answers_every_hostile_field(public_site, probe):
    post_each_field_hostile(probe, public_site["event"].url + "register/", registration_form(seats=2))
    assert not probe.failures, probe.report()


def test_the_listing_application_answers_every_hostile_field(public_site, probe):
    post_each_field_hostile(probe, index_of(DirectoryPage).url + "apply/", application_form())
    assert not probe.failures, probe.report()


def test_subscription_and_banner_dismissal_answer_every_hostile_field(public_site, probe):
    post_each_field_hostile(probe, "/zh-hans/advisories/subscribe/", subscription_form())
    post_each_field_hostile(probe, "/zh-hans/advisories/banners/dismiss/", banner_dismissal())
    for action in ("confirm", "unsubscribe"):
        post_each_field_hostile(probe, f"/zh-hans/advisories/{action}/nonsense/", {"List-Unsubscribe": "One-Click"})
    assert not probe.failures, probe.report()
