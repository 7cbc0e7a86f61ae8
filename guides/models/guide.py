"""A country (or region: Hong Kong, Macao) guide.

Structure fields (country, region, initiatives, sectors, risk level, review
date, fact numbers and codes, verification dates) are synchronised across
locales by wagtail-localize; texts (title, summary, capital, fact sources,
sections) are translated. The field names follow the content bundle format
(../shared/content/FORMAT.md) so import and export map one to one.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.areas import SEARCH_FACTS_FIELD, content_area, facts_as_words
from core.fields import ChoiceListField
from core.models import BasePage, LeadImagePlacement
from core.related import country_hub_html
from core.validators import validate_currency_code, validate_time_zone
from core.vocabularies import Initiative, Region, RiskLevel, Sector, country_choices, country_name
from guides import freshness
from guides.blocks import GuideSectionsBlock, section_anchor
from guides.change_lines import recent_lines
from guides.facts import FACT_NAMES, facts_of
from guides.models.emergency import EmergencyCard


def _source_field():
    return models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the figure comes from, e.g. “IMF, April 2026”.")
    )


def _verified_field():
    return models.DateField(_("verified on"), null=True, blank=True)


class CountryGuidePage(LeadImagePlacement, BasePage):
    country = models.CharField(
        _("country or region"),
        max_length=2,
        choices=country_choices,  # called per form: names in the editor's language
        help_text=_("Its name is shown in the reader's language; one guide per country and language."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    initiatives = ChoiceListField(_("initiatives"), choices=Initiative.choices)
    sectors = ChoiceListField(_("sectors"), choices=Sector.choices, help_text=_("Sectors the guide covers."))
    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    reviewed = models.DateField(
        _("last reviewed"), help_text=_("After twelve months the guide shows a notice that it may be out of date.")
    )

    capital = models.CharField(_("capital"), max_length=100, blank=True)
    capital_source = _source_field()
    capital_verified = _verified_field()
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency_code], help_text=_("ISO 4217 code.")
    )
    currency_source = _source_field()
    currency_verified = _verified_field()
    # Floats: approximate statistics, and what the bundle's JSON numbers are.
    population_millions = models.FloatField(
        _("population (millions)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    population_millions_source = _source_field()
    population_millions_verified = _verified_field()
    gdp_usd_billions = models.FloatField(
        _("GDP (US$ billions)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    gdp_usd_billions_source = _source_field()
    gdp_usd_billions_verified = _verified_field()
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA name of the capital's time zone, e.g. Asia/Phnom_Penh."),
    )
    time_zone_source = _source_field()
    time_zone_verified = _verified_field()

    change_note = models.CharField(
        _("public change note"),
        max_length=200,
        blank=True,
        help_text=_(
            "One line for the public change log when you publish a substantive change, e.g. "
            "“Labour section: new minimum wage from 1 January”. Recorded when it differs from the note last published."
        ),
    )

    sections = StreamField(
        GuideSectionsBlock(),
        verbose_name=_("sections"),
        blank=True,
        help_text=_(
            "The usual outline: overview and investment environment; key industries and opportunities; "
            "foreign investment rules and company setup; tax, foreign exchange and labour; risks and practical tips."
        ),
    )

    content_panels = BasePage.content_panels + [
        LeadImagePlacement.lead_image_panel,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("risk_level")]),
                FieldPanel("initiatives"),
                FieldPanel("sectors"),
                FieldPanel("reviewed"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(name), FieldPanel(f"{name}_source"), FieldPanel(f"{name}_verified")])
                for name in FACT_NAMES
            ],
            heading=_("Facts"),
        ),
        FieldPanel("sections"),
        FieldPanel("change_note"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        *LeadImagePlacement.lead_image_translatable_fields,
        SynchronizedField("country"),
        SynchronizedField("region"),
        SynchronizedField("initiatives"),
        SynchronizedField("sectors"),
        SynchronizedField("risk_level"),
        SynchronizedField("reviewed"),
        TranslatableField("capital"),
        SynchronizedField("currency"),
        SynchronizedField("population_millions"),
        SynchronizedField("gdp_usd_billions"),
        SynchronizedField("time_zone"),
        *(TranslatableField(f"{name}_source") for name in FACT_NAMES),
        *(SynchronizedField(f"{name}_verified") for name in FACT_NAMES),
        TranslatableField("sections"),
        TranslatableField("change_note"),
    ]

    search_facts = facts_as_words  # its area's structured facts as words (core.areas)
    search_fields = BasePage.search_fields + [
        SEARCH_FACTS_FIELD,
        index.SearchField("summary"),
        index.SearchField("capital"),
        index.SearchField("sections"),
        index.FilterField("country"),
        index.FilterField("region"),
        index.FilterField("risk_level"),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("country guide")
        verbose_name_plural = _("country guides")

    def __str__(self):
        return self.title

    # ------------------------------------------------------------ validation

    def clean(self):
        super().clean()
        errors = {}
        if self.country and self.locale_id:
            duplicates = CountryGuidePage.objects.filter(locale_id=self.locale_id, country=self.country)
            if self.pk:
                duplicates = duplicates.exclude(pk=self.pk)
            if duplicates.exists():
                errors["country"] = _("There is already a guide to %(country)s in this language.") % {
                    "country": country_name(self.country)
                }
        today = freshness.today()
        for name in ("reviewed", *(f"{fact}_verified" for fact in FACT_NAMES)):
            value = getattr(self, name)
            if value and value > today:
                errors[name] = _("This date is in the future.")
        if errors:
            raise ValidationError(errors)

    # ------------------------------------------------------------ reading

    def country_label(self, language_code=None):
        """The country's name from CLDR, in the given (default: active) language."""
        return country_name(self.country, language_code or get_language())

    def is_stale(self, on=None):
        return freshness.is_stale(self.reviewed, on)

    @property
    def stale_since(self):
        return freshness.stale_since(self.reviewed)

    def table_of_contents(self):
        """[(anchor, heading)] for the section blocks, in reading order."""
        return [
            (section_anchor(block.id), block.value["heading"])
            for block in self.sections
            if block.block_type == "section"
        ]

    def facts(self, language_code=None, today=None):
        return facts_of(self, language_code or get_language(), today)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = freshness.today()
        index_page = content_area("guides").index_above(self)
        context.update(
            today=today,
            stale=self.is_stale(today),
            # Callables, which the template calls only when it renders the
            # fragment that shows them (a memoised fragment is not rendered).
            country_label=self.country_label,
            facts=partial(self.facts, today=today),
            toc=self.table_of_contents,
            last_changed=lambda: self.changes.aggregate(day=models.Max("changed_on"))["day"],
            recent_changes=partial(recent_lines, self.changes),
            hub_html=country_hub_html(self.country, self.locale),
            index_page=index_page,
            compare_url=partial(index_page.compare_url, request),
            changes_feed_url=partial(index_page.changes_feed_url, self.country, request),
            emergency_card_url=(
                index_page.emergency_card_url(self.country, request)
                if EmergencyCard.objects.filter(locale_id=self.locale_id, country=self.country).exists()
                else ""
            ),
        )
        return context
