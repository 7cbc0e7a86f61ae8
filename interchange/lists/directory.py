from django.utils.translation import gettext_lazy as _

from .base import ListAdapter

BLANK_AS_NULL = ("website", "email", "phone")


class DirectoryList(ListAdapter):
    """Directory entries: translatable snippets matched by their own `key`.
    Contacts the bundle gives as null are stored blank, and exported as null."""

    name = "directory"
    model_label = "directory.DirectoryEntry"
    is_page = False
    shared_fields = {
        "kind": "kind",
        "country": "country",
        "website": "website",
        "email": "email",
        "phone": "phone",
        "languages": "languages",
        "services": "services",
    }
    text_fields = {"name": "name", "description": "description", "city": "city", "address": "address"}
    defaults = {"website": None, "email": None, "phone": None, "languages": [], "services": []}
    text_defaults = {"description": "", "city": "", "address": ""}
    image_field = "logo"
    image_texts = ("alt",)
    draft_values = {"status": "pending"}  # directory.status.EntryStatus.PENDING: not public
    no_drafts_note = _("held back: directory entries have no drafts; import without --draft")

    def to_model_value(self, bundle_name, value, item):
        if bundle_name in BLANK_AS_NULL:
            return value or ""
        return super().to_model_value(bundle_name, value, item)

    def to_bundle_value(self, bundle_name, value, instance):
        if bundle_name in BLANK_AS_NULL:
            return value or None
        return super().to_bundle_value(bundle_name, value, instance)
