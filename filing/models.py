"""The filing navigator's rules, maintained by editors as snippets.

Every rule goes through the review workflow (draft, submit, approve:
WorkflowMixin, DraftStateMixin, RevisionMixin, LockableMixin), cites the policy
document it comes from and carries the date from which it applies. Only the
live row counts: a draft or a rule waiting for review changes nothing the
public sees. A rule whose cited policy is repealed is not applied (`in_force`).

The navigator decides with the rules of the source language (Simplified
Chinese, where editors maintain them); their translations (wagtail-localize)
give the texts in the visitor's language (filing/navigator.py).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.fields import ChoiceListField
from core.models.text import PlainTextFieldsMixin
from core.validators import validate_country_code
from core.vocabularies import Sector, country_choices, country_name, label

from .choices import AmountCondition, Financing, InvestorType, Level, Mode, ProcedureKind, Sensitivity
from .citations import CITATION_PANELS, REPEALED, Citation


class RuleQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """Published rules that apply on `on` (default: today) and whose cited policy is not repealed."""
        on = on or timezone.localdate()
        return self.filter(live=True, applies_from__lte=on).exclude(cites_repealed_q())

    def citing_repealed(self):
        return self.filter(cites_repealed_q())


def cites_repealed_q():
    return Q(policy__isnull=False, policy__status=REPEALED)


class Rule(
    PlainTextFieldsMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    Citation,
    models.Model,
):
    """What every rule has: the review workflow, its policy and the date it applies from."""

    applies_from = models.DateField(_("applies from"), help_text=_("The date from which the rule applies."))

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    objects = RuleQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def revisions(self):
        return self._revisions


def _synchronised(*names):
    return [SynchronizedField(name, overridable=False) for name in names]


def _bundle_key():
    return models.SlugField(
        _("bundle key"),
        max_length=100,
        blank=True,
        help_text=_("Its name in the content bundle (interchange/README.md); empty for a rule made in the admin."),
    )


class Threshold(Rule):
    """An amount that moves a procedure from one authority or level to another
    (the US$300 million line of NDRC Order No. 11). A number, not a text: one
    row serves both languages."""

    key = _bundle_key()
    name = models.CharField(_("name"), max_length=200, help_text=_("For editors: what the line decides."))
    amount_million_usd = models.DecimalField(
        _("amount (US$ million)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The Chinese side's investment, in millions of US dollars."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("amount_million_usd"), FieldPanel("applies_from")]),
        *CITATION_PANELS,
    ]

    class Meta:
        verbose_name = _("navigator threshold")
        verbose_name_plural = _("navigator thresholds")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="filing_threshold_unique_bundle_key")
        ]

    def __str__(self):
        return f"{self.name} (US$ {self.amount_million_usd:g} m)"


class Procedure(TranslatableMixin, Rule):
    """One procedure and when it applies: who invests, how, how sensitive the
    project is and how large; what to prepare, where and how long it takes."""

    key = _bundle_key()
    kind = models.CharField(_("kind"), max_length=30, choices=ProcedureKind.choices)
    name = models.CharField(_("name"), max_length=200)
    authority = models.CharField(_("authority"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower comes first."))
    investor_types = ChoiceListField(
        _("investor types"), choices=InvestorType.choices, blank=True, help_text=_("None chosen: every investor.")
    )
    modes = ChoiceListField(_("modes"), choices=Mode.choices, blank=True, help_text=_("None chosen: every mode."))
    financings = ChoiceListField(
        _("financing"), choices=Financing.choices, blank=True, help_text=_("None chosen: any financing.")
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=20, choices=Sensitivity.choices, default=Sensitivity.ANY
    )
    threshold = models.ForeignKey(
        Threshold,
        verbose_name=_("threshold"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    amount_condition = models.CharField(
        _("amount"), max_length=20, choices=AmountCondition.choices, default=AmountCondition.ANY
    )
    why = models.TextField(_("why it applies"), blank=True, help_text=_("One sentence shown with the procedure."))
    documents = models.TextField(_("documents to prepare"), blank=True, help_text=_("One document a line."))
    typical_time = models.CharField(_("typical time"), max_length=200, blank=True)
    online_system = models.CharField(_("online system"), max_length=200, blank=True)
    online_system_url = models.URLField(_("online system's address"), blank=True)
    local_office = models.TextField(_("local office"), blank=True)
    local_office_is_example = models.BooleanField(
        _("the local office is an example"),
        default=False,
        help_text=_("Tick until the office has been checked: the navigator then says so."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("level"), FieldPanel("sort_order")]),
        FieldPanel("name"),
        FieldPanel("authority"),
        MultiFieldPanel(
            [
                FieldPanel("investor_types"),
                FieldPanel("modes"),
                FieldPanel("financings"),
                FieldPanel("sensitivity"),
                FieldRowPanel([FieldPanel("threshold"), FieldPanel("amount_condition")]),
                FieldPanel("applies_from"),
            ],
            heading=_("When it applies"),
        ),
        FieldPanel("why"),
        FieldPanel("documents"),
        FieldPanel("typical_time"),
        FieldRowPanel([FieldPanel("online_system"), FieldPanel("online_system_url")]),
        FieldRowPanel([FieldPanel("local_office"), FieldPanel("local_office_is_example")]),
        *CITATION_PANELS,
    ]

    translatable_fields = [
        *_synchronised(
            "key",
            "kind",
            "level",
            "sort_order",
            "investor_types",
            "modes",
            "financings",
            "sensitivity",
            "threshold",
            "amount_condition",
            "applies_from",
            "online_system_url",
            "local_office_is_example",
            "policy",
        ),
        TranslatableField("name"),
        TranslatableField("authority"),
        TranslatableField("why"),
        TranslatableField("documents"),
        TranslatableField("typical_time"),
        TranslatableField("online_system"),
        TranslatableField("local_office"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigator procedure")
        verbose_name_plural = _("navigator procedures")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "locale"], condition=~Q(key=""), name="filing_procedure_unique_bundle_key"
            )
        ]

    def __str__(self):
        return self.name

    def document_list(self):
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class SensitiveEntry(TranslatableMixin, Rule):
    reason = models.TextField(_("reason"), help_text=_("Shown to the visitor: why this makes a project sensitive."))

    class Meta(TranslatableMixin.Meta):
        abstract = True


_ENTRY_TEXTS = [TranslatableField("reason")]


class SensitiveIndustry(SensitiveEntry):
    sector = models.CharField(_("industry"), max_length=40, choices=Sector.choices)

    panels = [FieldRowPanel([FieldPanel("sector"), FieldPanel("applies_from")]), FieldPanel("reason"), *CITATION_PANELS]
    translatable_fields = [*_synchronised("sector", "applies_from", "policy"), *_ENTRY_TEXTS]

    class Meta(SensitiveEntry.Meta):
        verbose_name = _("sensitive industry")
        verbose_name_plural = _("sensitive industries")

    def __str__(self):
        return str(label(Sector, self.sector))


class SensitiveCountry(SensitiveEntry):
    country = models.CharField(
        _("country or region"), max_length=2, choices=country_choices, validators=[validate_country_code]
    )

    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("applies_from")]),
        FieldPanel("reason"),
        *CITATION_PANELS,
    ]
    translatable_fields = [*_synchronised("country", "applies_from", "policy"), *_ENTRY_TEXTS]

    class Meta(SensitiveEntry.Meta):
        verbose_name = _("sensitive country or region")
        verbose_name_plural = _("sensitive countries and regions")

    def __str__(self):
        return country_name(self.country, get_language())
