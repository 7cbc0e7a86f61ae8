"""The questionnaire: one question per step, all of them GET parameters, so
every step and the result have their own URL (bookmarkable, shareable and
kept by the page cache). The same form validates every step and the result."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.vocabularies import Sector, country_choices, is_country_code

from .models import Financing, InvestorType, Mode

# (parameter, the question): the order of the steps.
STEPS = ("investor", "country", "industry", "amount", "mode", "financing")
MAX_AMOUNT = Decimal("1000000")  # US$ million: a trillion dollars, far above any project


def _country_choices():
    return [("", _("Choose a country or region")), *country_choices()]


def _one_of(label, choices, message):
    """A question answered with one of a few choices (radio buttons); one message for none and for a wrong one."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class NavigatorForm(forms.Form):
    investor = _one_of(_("Who invests?"), InvestorType.choices, _("Choose who invests."))
    country = forms.ChoiceField(
        label=_("Where does the investment go?"),
        choices=_country_choices,
        error_messages={
            "required": _("Choose the destination country or region."),
            "invalid_choice": _("Choose the destination country or region from the list."),
        },
    )
    industry = forms.ChoiceField(
        label=_("In which industry?"),
        choices=[("", _("Choose an industry")), *Sector.choices],
        error_messages={
            "required": _("Choose the industry of the project."),
            "invalid_choice": _("Choose the industry from the list."),
        },
    )
    amount = forms.DecimalField(
        label=_("How much does the Chinese side invest, in millions of US dollars?"),
        help_text=_("For example 50 for US$50 million. Include loans and guarantees the Chinese side provides."),
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        localize=False,
        error_messages={
            "required": _("Enter the Chinese side's investment in millions of US dollars."),
            "invalid": _("Enter the amount as a number, e.g. 50 or 12.5."),
            "min_value": _("The amount must be more than zero."),
            "max_value": _("The amount must be at most %(limit_value)s million US dollars."),
            "max_digits": _("Enter the amount as a number, e.g. 50 or 12.5."),
            "max_decimal_places": _("Enter the amount with at most two decimals."),
            "max_whole_digits": _("The amount must be at most %(limit_value)s million US dollars."),
        },
    )
    mode = _one_of(_("How is the investment made?"), Mode.choices, _("Choose how the investment is made."))
    financing = _one_of(_("How is it financed?"), Financing.choices, _("Choose how it is financed."))

    def clean_country(self):
        country = self.cleaned_data["country"]
        if not is_country_code(country):
            raise forms.ValidationError(_("Choose the destination country or region from the list."))
        return country


def first_open_step(form):
    """(index of the first step not answered or answered wrongly, whether it was answered)."""
    for index, name in enumerate(STEPS):
        if name in form.errors:
            return index, name in form.data
    return None, False
