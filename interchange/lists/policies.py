from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..models import ImportKey
from .base import ListAdapter, RichTextMapping


def policy_of_key(key, bundle_name):
    """The source-locale policy page a bundle names by its key (in the same
    bundle, imported first, or already on the site); a ValidationError on `bundle_name` when there is none."""
    PolicyPage = apps.get_model(PolicyList.model_label)
    mapping = ImportKey.objects.filter(list_name=PolicyList.name, key=key).first()
    pages = PolicyPage.objects.filter(locale=Locale.get_default())
    page = pages.filter(translation_key=mapping.translation_key).first() if mapping else None
    if page is None:
        page = pages.filter(slug=key).first()
    if page is None:
        message = _("there is no policy document with the key %(key)s, in the bundle or on the site")
        raise ValidationError({bundle_name: message % {"key": f"'{key}'"}})
    return page


def key_of_policy(page):
    """The bundle key of a policy page (any locale's): its import key, else its slug."""
    mapping = ImportKey.objects.filter(list_name=PolicyList.name, translation_key=page.translation_key).first()
    return mapping.key if mapping else page.slug


class PolicyList(ListAdapter):
    """Policy documents (format 1.1): the bundle's body is one rich text block;
    `superseded_by` names the replacing document by its bundle key.
    Attachments (Wagtail documents) are not in the format: kept on import, left out of the export."""

    name = "policies"
    model_label = "policies.PolicyPage"
    index_label = "policies.PolicyIndexPage"
    shared_fields = {
        "issued_on": "issued_on",
        "in_force_on": "in_force_on",
        "status": "status",
        "superseded_by": "superseded_by",
        "topic": "topic",
        "level": "level",
        "source_url": "source_url",
    }
    text_fields = {
        "title": "title",
        "summary": "summary",
        "document_number": "document_number",
        "issuing_body": "issuing_body",
    }
    streams = (RichTextMapping("body", "body", "rich_text"),)
    text_order = ("title", "document_number", "issuing_body", "summary", "body")
    defaults = {"in_force_on": None, "status": "in_force", "superseded_by": None, "source_url": ""}
    text_defaults = {"summary": "", "document_number": ""}

    def import_order(self, items):
        """(index, item) pairs with each replacing document before those it replaces,
        so `superseded_by` finds its page (the validator has refused cycles)."""
        by_key = {item["key"]: (index, item) for index, item in enumerate(items)}
        ordered, placed = [], set()

        def place(key):
            if key in placed or key not in by_key:
                return
            placed.add(key)
            place(by_key[key][1].get("superseded_by"))
            ordered.append(by_key[key])

        for item in items:
            place(item["key"])
        return ordered

    def to_model_value(self, bundle_name, value, item):
        if bundle_name == "superseded_by" and value is not None:
            return policy_of_key(value, "superseded_by")
        if bundle_name == "source_url":
            return value or ""
        return super().to_model_value(bundle_name, value, item)

    def to_bundle_value(self, bundle_name, value, instance):
        if bundle_name == "superseded_by" and value is not None:
            return key_of_policy(value)
        return super().to_bundle_value(bundle_name, value, instance)

    def export_item(self, key, source, translations):
        """Fields at their default are left out, as a hand-written bundle would."""
        item = self.item(key, source, translations)
        for name in ("in_force_on", "superseded_by"):
            if item.get(name) is None:
                item.pop(name)
        if not item.get("source_url"):
            item.pop("source_url")
        return item
