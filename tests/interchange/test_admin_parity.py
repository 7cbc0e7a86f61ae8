"""Whatever an editor cannot type into the admin, a bundle cannot bring in.

Each row feeds one bad value through the model's admin edit form (the form
Wagtail builds from its panels) and through the bundle validator, and expects
the same refusal, word for word: both doors apply core.validators.
"""

import pytest
from wagtail.fields import StreamField

from advisories.models import AdvisoryPage
from directory.models import DirectoryEntry
from events.models import EventPage
from guides.models import CountryGuidePage
from interchange.validation import validate_bundle

from .bundles import advisory, bundle, entry, event, guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def admin_errors(model, field, value):
    """The admin form's errors for `field` when an editor types `value` into it."""
    form_class = model.get_edit_handler().get_form_class()
    # An empty stream for each StreamField, so the form can read the rest.
    streams = {f"{f.name}-count": "0" for f in model._meta.get_fields() if isinstance(f, StreamField)}
    form = form_class(data={**streams, field: value}, instance=model(), for_user=None)
    form.is_valid()
    return form.errors.get(field)


def bundle_errors(list_name, item, path):
    return [problem.message for problem in validate_bundle(bundle(**{list_name: [item]})) if problem.path == path]


def guide_with(**facts):
    """A guide whose facts are changed: guide_with(**{"facts.currency": "lak"})."""
    item = guide()
    item["facts"] = {**item["facts"], **{name.removeprefix("facts."): value for name, value in facts.items()}}
    return item


ZH = "translations.zh-hans."


def in_chinese(make):
    """A maker for changes to the Chinese translation: in_chinese(guide)(**{ZH + "title": "…"})."""

    def make_translated(**fields):
        item = make()
        item["translations"]["zh-hans"].update({name.removeprefix(ZH): value for name, value in fields.items()})
        return item

    return make_translated


RULES = [
    # (model, admin field, bundle list, bundle item, bundle path, bad value)
    pytest.param(DirectoryEntry, "phone", "directory", entry, "phone", "+999 123", id="unreadable phone"),
    pytest.param(DirectoryEntry, "phone", "directory", entry, "phone", "+15555550100", id="invalid phone"),
    pytest.param(DirectoryEntry, "key", "directory", entry, "key", "apply", id="reserved directory key"),
    pytest.param(DirectoryEntry, "key", "directory", entry, "key", "lotus--bay", id="key shape"),
    pytest.param(DirectoryEntry, "country", "directory", entry, "country", "XX", id="country code"),
    pytest.param(DirectoryEntry, "website", "directory", entry, "website", "ftp://files.example.org/", id="url scheme"),
    pytest.param(DirectoryEntry, "email", "directory", entry, "email", "office(at)example.org", id="e-mail"),
    pytest.param(CountryGuidePage, "time_zone", "guides", guide_with, "facts.time_zone", "Asia/Lao", id="time zone"),
    pytest.param(CountryGuidePage, "currency", "guides", guide_with, "facts.currency", "lak", id="currency code"),
    # Plain text (core.validators.validate_single_line_text / validate_multiline_text)
    pytest.param(
        CountryGuidePage, "title", "guides", in_chinese(guide), ZH + "title", "老挝\x0b投资指南", id="title: control"
    ),
    pytest.param(EventPage, "title", "events", in_chinese(event), ZH + "title", "铁路\n研讨会", id="title: line break"),
    pytest.param(
        AdvisoryPage,
        "summary",
        "advisories",
        in_chinese(advisory),
        ZH + "summary",
        "第一行\x0c第二行",
        id="summary: control",
    ),
    pytest.param(
        DirectoryEntry, "name", "directory", in_chinese(entry), ZH + "name", "万象\x85商会", id="name: C1 control"
    ),
    pytest.param(
        DirectoryEntry, "address", "directory", in_chinese(entry), ZH + "address", "1号\r\n万象", id="address: one line"
    ),
]


@pytest.mark.parametrize(("model", "field", "list_name", "make", "bundle_field", "value"), RULES)
def test_the_admin_and_the_bundle_refuse_a_bad_value_alike(model, field, list_name, make, bundle_field, value):
    item = make(**{bundle_field: value})
    refusal = bundle_errors(list_name, item, f"{list_name}[0].{bundle_field}")
    assert len(refusal) == 1
    assert admin_errors(model, field, value) == refusal
