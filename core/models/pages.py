"""The abstract page every public page type extends."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.links import absolute_url

from .text import PlainTextFieldsMixin


class BasePage(PlainTextFieldsMixin, Page):
    """Slug synchronised across locales (the same URL words in every language),
    title and summary translated; the summary doubles as meta description.
    Text fields follow the plain-text rule (PlainTextFieldsMixin)."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One plain-text paragraph, used in lists and as the meta description.")
    )

    override_translatable_fields = [
        SynchronizedField("slug"),
        TranslatableField("summary"),
    ]

    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, at the site's base URL (core.links) rather than the request's host."""
        return [{**url, "location": absolute_url(url["location"])} for url in super().get_sitemap_urls(request)]
