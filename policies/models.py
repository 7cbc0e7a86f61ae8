"""The policy library (政策法规库): policy documents and their section index."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.areas import SEARCH_FACTS_FIELD, content_area, facts_as_words
from core.blocks import DocumentBlock, RichTextBlock
from core.models import BasePage
from core.related import policy_citations
from core.routing import page_path
from core.validators import validate_web_url
from core.vocabularies import PolicyLevel, PolicyStatus, PolicyTopic


def body_blocks():
    """A bundle's `body` (one HTML fragment) is exactly one `rich_text` block."""
    return [("rich_text", RichTextBlock())]


def attachment_blocks():
    return [("document", DocumentBlock())]


class PolicyPage(BasePage):
    """One policy document: a law, a regulation, a notice, with its number, issuer and status."""

    document_number = models.CharField(
        _("document number"),
        max_length=100,
        blank=True,
        help_text=_("As printed on the document, e.g. 国家发展和改革委员会令第11号."),
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, help_text=_("The authority that issued it, as printed on the document.")
    )
    issued_on = models.DateField(_("issued on"))
    in_force_on = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Leave empty when it applies from the day of issue.")
    )
    status = models.CharField(_("status"), max_length=16, choices=PolicyStatus.choices, default=PolicyStatus.IN_FORCE)
    superseded_by = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
        help_text=_("The document that amended or repealed this one."),
    )
    topic = models.CharField(_("topic"), max_length=24, choices=PolicyTopic.choices)
    level = models.CharField(_("level"), max_length=16, choices=PolicyLevel.choices)
    body = StreamField(
        body_blocks(), verbose_name=_("full text"), blank=True, help_text=_("The full text, or leave empty.")
    )
    source_url = models.URLField(
        _("official source"),
        max_length=500,
        blank=True,
        validators=[validate_web_url],
        help_text=_("The issuing body's own publication of the document."),
    )
    attachments = StreamField(attachment_blocks(), verbose_name=_("attachments"), blank=True)

    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuing_body")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("in_force_on")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("superseded_by")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("level")]),
                FieldPanel("source_url"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        TranslatableField("document_number"),
        TranslatableField("issuing_body"),
        SynchronizedField("issued_on"),
        SynchronizedField("in_force_on"),
        SynchronizedField("status"),
        SynchronizedField("superseded_by"),
        SynchronizedField("topic"),
        SynchronizedField("level"),
        TranslatableField("body"),
        SynchronizedField("source_url"),
        SynchronizedField("attachments"),
    ]

    search_facts = facts_as_words  # its area's structured facts as words (core.areas)
    search_fields = BasePage.search_fields + [
        SEARCH_FACTS_FIELD,
        index.SearchField("document_number", boost=2),
        index.SearchField("issuing_body"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("topic"),
        index.FilterField("level"),
        index.FilterField("issued_on"),
    ]

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def clean(self):
        super().clean()
        errors = {}
        if self.in_force_on and self.issued_on and self.in_force_on < self.issued_on:
            errors["in_force_on"] = _("A document cannot be in force before it is issued.")
        if self.superseded_by_id and self.status == PolicyStatus.IN_FORCE:
            errors["status"] = _("A document replaced by another is amended or repealed, not in force.")
        if self.superseded_by_id and self.pk and self.superseded_by_id == self.pk:
            errors["superseded_by"] = _("A document cannot replace itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_superseded(self):
        return self.status != PolicyStatus.IN_FORCE

    def replacement(self):
        """The public translation, in this page's language, of the document that replaced it, or None.

        `superseded_by` is synchronised across languages (it names the source page), so
        the replacement is found by its translation key in one query."""
        if not self.superseded_by_id:
            return None
        same_document = PolicyPage.objects.filter(pk=self.superseded_by_id).values("translation_key")
        return content_area("policies").public(self.locale).filter(translation_key__in=same_document).first()

    def replaces(self):
        """The public documents, in this page's language, that this one amended or repealed."""
        public = content_area("policies").public(self.locale)
        return public.filter(superseded_by__translation_key=self.translation_key).order_by("-issued_on")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = content_area("policies").index_page(self.locale)
        context["replacement"] = self.replacement()
        context["replaces"] = list(self.replaces().defer_streamfields())
        context["cited_by"] = policy_citations(self, self.locale)
        return context


class PolicyIndexPage(RoutablePageMixin, BasePage):
    """The section page: the policy library, filtered by status, issuing body, topic, level and year."""

    per_page = 20

    parent_page_types = ["home.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("policy library index page")

    def policies(self):
        return content_area("policies").public(self.locale).child_of(self)

    # The view is policies/views.py (core/routing.py).
    index_route = page_path("", "policies.views.policy_index", name="index")
