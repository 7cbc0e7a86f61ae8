from .base import ListAdapter, RichTextMapping


class AdvisoryList(ListAdapter):
    """Advisories: the bundle's body is one rich text block."""

    name = "advisories"
    model_label = "advisories.AdvisoryPage"
    index_label = "advisories.AdvisoryIndexPage"
    shared_fields = {
        "kind": "kind",
        "severity": "severity",
        "countries": "countries",
        "issued": "issued",
        "expires": "expires",
    }
    text_fields = {"title": "title", "summary": "summary"}
    image_field = "lead_image"
    streams = (RichTextMapping("body", "body", "rich_text"),)
    unordered_lists = ("countries",)  # the model keeps them sorted
    defaults = {"countries": [], "expires": None}
    text_defaults = {"summary": ""}
