"""A country's emergency card: who to call and what to do first when
something goes wrong. A translatable snippet (wagtail-localize), one per
country and language; numbers and dates are synchronised, texts translated.

The global consular protection hotline (12308, +86-10-12308) is the same
everywhere and is printed on every card by the template, not stored.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models.text import PlainTextFieldsMixin
from core.validators import validate_foreign_country_code, validate_phone
from core.vocabularies import country_name
from guides import freshness
from guides.blocks import IncidentStepsBlock, MissionBlock

CARD_REVIEW_MONTHS = 6


def _emergency_number(label):
    return models.CharField(label, max_length=20, blank=True, help_text=_("As dialled locally, e.g. 117."))


class EmergencyCard(PlainTextFieldsMixin, TranslatableMixin, models.Model):
    country = models.CharField(_("country"), max_length=2, validators=[validate_foreign_country_code])
    reviewed = models.DateField(
        _("last reviewed"), help_text=_("Cards not reviewed for six months are listed for editors.")
    )
    numbers_are_examples = models.BooleanField(
        _("numbers are examples"),
        default=False,
        help_text=_("Tick until the numbers have been checked against an official source: the card then says so."),
    )
    missions = StreamField([("mission", MissionBlock())], verbose_name=_("Chinese embassy and consulates"))
    police = _emergency_number(_("police"))
    ambulance = _emergency_number(_("ambulance"))
    fire = _emergency_number(_("fire"))
    centre_incident_phone = models.CharField(
        _("the centre's incident line"), max_length=40, blank=True, validators=[validate_phone]
    )
    centre_incident_email = models.EmailField(_("the centre's incident e-mail"), blank=True)
    first_steps = StreamField([("incident", IncidentStepsBlock())], verbose_name=_("what to do first"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("country"), FieldPanel("reviewed"), FieldPanel("numbers_are_examples")]),
        FieldPanel("missions"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("police"), FieldPanel("ambulance"), FieldPanel("fire")])],
            heading=_("Local emergency numbers"),
        ),
        FieldRowPanel([FieldPanel("centre_incident_phone"), FieldPanel("centre_incident_email")]),
        FieldPanel("first_steps"),
    ]

    translatable_fields = [
        SynchronizedField("country", overridable=False),
        SynchronizedField("reviewed", overridable=False),
        SynchronizedField("numbers_are_examples", overridable=False),
        TranslatableField("missions"),
        SynchronizedField("police", overridable=False),
        SynchronizedField("ambulance", overridable=False),
        SynchronizedField("fire", overridable=False),
        SynchronizedField("centre_incident_phone", overridable=False),
        SynchronizedField("centre_incident_email", overridable=False),
        TranslatableField("first_steps"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("emergency card")
        verbose_name_plural = _("emergency cards")
        constraints = [
            models.UniqueConstraint(fields=["country", "locale"], name="one_emergency_card_per_country_and_language"),
        ]

    def __str__(self):
        return str(_("Emergency card: %(country)s") % {"country": country_name(self.country, get_language())})

    def clean(self):
        super().clean()
        if self.reviewed and self.reviewed > freshness.today():
            raise ValidationError({"reviewed": _("This date is in the future.")})

    def review_due(self):
        return freshness.add_months(self.reviewed, CARD_REVIEW_MONTHS)

    def is_stale(self, on=None):
        return (on or freshness.today()) >= self.review_due()
