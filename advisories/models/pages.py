"""Advisory pages and their section index (filters, feeds)."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from advisories.blocks import body_blocks
from advisories.feeds import feed_title
from core.areas import SEARCH_FACTS_FIELD, content_area, facts_as_words
from core.fields import CountryListField, CountryTokensField, concerns_q
from core.models import BasePage, LeadImagePlacement
from core.routing import page_path, page_re_path
from core.vocabularies import AdvisoryKind, Severity

# Paths under /<lang>/advisories/ that belong to views (advisories/urls.py)
# or index routes, so no advisory may take them as its slug.
RESERVED_SLUGS = frozenset({"feed", "subscribe", "confirm", "unsubscribe", "manage", "banners"})


class AdvisoryQuerySet(PageQuerySet):
    def current(self, today=None):
        """Not expired: no expiry date, or it is today or later (the last day it applies)."""
        today = today or timezone.localdate()
        return self.filter(models.Q(expires__isnull=True) | models.Q(expires__gte=today))

    def expired(self, today=None):
        return self.filter(expires__lt=today or timezone.localdate())

    def concerning(self, country_code):
        """Advisories about this country, and those that apply everywhere."""
        return self.filter(concerns_q(self.model, "countries", [country_code]))

    def newest_first(self):
        return self.order_by("-issued", "-pk")


AdvisoryManager = PageManager.from_queryset(AdvisoryQuerySet)


class AdvisoryPage(LeadImagePlacement, BasePage):
    """An IP, legal, security, tax, foreign-exchange or trade notice."""

    kind = models.CharField(_("kind"), max_length=16, choices=AdvisoryKind.choices)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices, default=Severity.INFO)
    countries = CountryListField(
        _("countries concerned"),
        help_text=_("Leave empty when the advisory applies everywhere."),
        empty_means_all=True,
    )
    country_tokens = CountryTokensField("countries")
    issued = models.DateField(_("issued"), default=timezone.localdate)
    expires = models.DateField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("The last day the advisory applies. After it the advisory stays readable, marked expired."),
    )
    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)

    objects = AdvisoryManager()

    parent_page_types = ["advisories.AdvisoryIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        LeadImagePlacement.lead_image_panel,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("severity")]),
                FieldPanel("countries"),
                FieldRowPanel([FieldPanel("issued"), FieldPanel("expires")]),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("body"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        *LeadImagePlacement.lead_image_translatable_fields,
        SynchronizedField("kind"),
        SynchronizedField("severity"),
        SynchronizedField("countries"),
        SynchronizedField("country_tokens"),
        SynchronizedField("issued"),
        SynchronizedField("expires"),
        TranslatableField("body"),
    ]

    search_facts = facts_as_words  # its area's structured facts as words (core.areas)
    search_fields = BasePage.search_fields + [
        SEARCH_FACTS_FIELD,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("severity"),
        index.FilterField("issued"),
        index.FilterField("expires"),
    ]

    class Meta:
        verbose_name = _("advisory")
        verbose_name_plural = _("advisories")
        # Every listing is newest first with a LIMIT (a country guide's
        # "current advisories"): read in this order, it stops after a few rows
        # instead of sorting every advisory of the language.
        indexes = [models.Index(fields=["issued"], name="advisory_issued_idx")]

    def clean(self):
        super().clean()
        errors = {}  # unknown countries: CountryListField.validate
        if self.expires and self.issued and self.expires < self.issued:
            errors["expires"] = _("The expiry date cannot be before the issue date.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is reserved for the advisories section; choose another slug.") % {
                "slug": self.slug
            }
        if errors:
            raise ValidationError(errors)

    def is_current(self, today=None):
        return self.expires is None or self.expires >= (today or timezone.localdate())

    @property
    def is_expired(self):
        return not self.is_current()

    @cached_property
    def banner_key(self):
        """The same for every translation, so dismissing it once is enough."""
        return f"advisory-{self.translation_key.hex}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = content_area("advisories").index_above(self)
        context["index_page"] = index_page
        # Shown only in the page's memoised fragments: read when they are rendered.
        context["feed_links"] = partial(index_page.feed_links, request)
        context["today"] = timezone.localdate()  # the page's memoised fragment is kept for the day: it may expire
        return context


class AdvisoryIndexPage(RoutablePageMixin, BasePage):
    """The section page: filtered list of advisories and their Atom feeds."""

    per_page = 20

    parent_page_types = ["home.HomePage"]
    subpage_types = ["advisories.AdvisoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("advisory index page")

    def advisories(self):
        return content_area("advisories").public(self.locale).child_of(self)

    def feed_links(self, request, kind="", country=""):
        """Atom feeds to announce with <link rel="alternate">: all, plus the filtered ones."""
        links = [{"url": self.reverse_subpage("feed"), "title": feed_title(self)}]
        if kind:
            links.append({"url": self.reverse_subpage("feed-kind", args=[kind]), "title": feed_title(self, kind=kind)})
        if country:
            url = self.reverse_subpage("feed-country", args=[country])
            links.append({"url": url, "title": feed_title(self, country=country)})
        base = self.get_url(request)
        return [{**link, "url": base + link["url"]} for link in links]

    # Views in advisories/views.py (core/routing.py).
    index_route = page_path("", "advisories.views.advisory_index", name="index")
    feed_all = page_path("feed/", "advisories.views.feed", name="feed")
    feed_kind = page_path("feed/kind/<str:kind>/", "advisories.views.kind_feed", name="feed-kind")
    feed_country = page_re_path(
        r"^feed/country/(?P<country>[A-Za-z]{2})/$", "advisories.views.country_feed", name="feed-country"
    )
