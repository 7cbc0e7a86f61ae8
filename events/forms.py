"""Public forms: the registration form and the event list's filters."""

import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.areas import content_area
from core.public_forms import PublicForm
from core.validators import normalise_phone
from core.vocabularies import EventKind, collation_key, country_name
from core.widgets import FilterBoundField, FilterSelect

from .models import MAX_ATTENDEES
from .validators import validate_credit_code

ATTENDEE_FIELDS = [f"attendee_{number}" for number in range(1, MAX_ATTENDEES + 1)]


class RegistrationForm(PublicForm):
    company_name = forms.CharField(
        label=_("Company name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code"),
        max_length=40,
        help_text=_("18 characters, as on the business licence (统一社会信用代码)."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false", "inputmode": "text"}),
    )
    contact_name = forms.CharField(
        label=_("Contact name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=32,
        help_text=_("A mainland mobile number, or an international number starting with + and the country code."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and the cancellation link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    attendees = forms.TypedChoiceField(
        label=_("Number of attendees"),
        coerce=int,
        choices=[(number, str(number)) for number in range(1, MAX_ATTENDEES + 1)],
        initial=1,
    )
    consent = forms.BooleanField(
        # The template shows the full sentence with the link to the privacy notice.
        label=_("Consent to the processing of personal information"),
        error_messages={
            "required": _("Please agree to the processing of your personal information, or we cannot register you.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for number, name in enumerate(ATTENDEE_FIELDS, start=1):
            self.fields[name] = forms.CharField(
                label=_("Attendee %(number)d") % {"number": number},
                max_length=100,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
        self.fields["attendees"].help_text = _("At most %(max)d per company. Give each attendee's name below.") % {
            "max": MAX_ATTENDEES
        }

    @property
    def attendee_fields(self):
        return [self[name] for name in ATTENDEE_FIELDS]

    def clean_credit_code(self):
        return validate_credit_code(self.cleaned_data["credit_code"])

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"], mainland_mobile=True)

    def clean_company_name(self):
        return " ".join(self.cleaned_data["company_name"].split())

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean(self):
        cleaned_data = super().clean()
        count = cleaned_data.get("attendees")
        if count is None:
            return cleaned_data
        names = [" ".join((cleaned_data.get(name) or "").split()) for name in ATTENDEE_FIELDS]
        for index, name in enumerate(ATTENDEE_FIELDS):
            if index < count and not names[index] and name not in self.errors:
                self.add_error(name, _("Enter the name of attendee %(number)d.") % {"number": index + 1})
            elif index >= count and names[index]:
                self.add_error(
                    name,
                    ngettext(
                        "You chose %(count)d attendee: clear this name or raise the number of attendees.",
                        "You chose %(count)d attendees: clear this name or raise the number of attendees.",
                        count,
                    )
                    % {"count": count},
                )
        cleaned_data["attendee_names"] = names[:count]
        return cleaned_data


# ---------------------------------------------------------------- filters

MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class EventFilterForm(forms.Form):
    """GET filters that combine. Choices are what the listed events offer;
    a value outside them is reported and ignored, never an error page."""

    bound_field_class = FilterBoundField

    FORMAT_ONLINE = "online"
    FORMAT_IN_PERSON = "in-person"

    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FilterSelect)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FilterSelect)
    format = forms.ChoiceField(label=_("Online or in person"), required=False, widget=FilterSelect)
    month = forms.ChoiceField(label=_("Month"), required=False, widget=FilterSelect)

    def __init__(self, *args, countries=(), months=(), language=None, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(EventKind.choices)
        pairs = [(code, country_name(code, language)) for code in countries]
        self.fields["country"].choices = everything + sorted(pairs, key=lambda pair: collation_key(pair[1], language))
        self.fields["format"].choices = everything + [
            (self.FORMAT_ONLINE, _("Online")),
            (self.FORMAT_IN_PERSON, _("In person")),
        ]
        self.fields["month"].choices = everything + [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]

    def valid_filters(self):
        """The filters that are valid; `ignored` lists the labels of the others."""
        self.is_valid()
        self.ignored = [self.fields[name].label for name in self.errors]
        return {name: value for name, value in self.cleaned_data.items() if value}

    def apply(self, queryset):
        filters = self.valid_filters()
        if kind := filters.get("kind"):
            queryset = queryset.filter(kind=kind)
        if country := filters.get("country"):
            queryset = content_area("events").concerning(queryset, country)
        if fmt := filters.get("format"):
            queryset = queryset.filter(online=fmt == self.FORMAT_ONLINE)
        if (month := filters.get("month")) and (match := MONTH_PATTERN.match(month)):
            queryset = queryset.filter(starts__year=int(match[1]), starts__month=int(match[2]))
        return queryset

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)
