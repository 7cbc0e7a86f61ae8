"""The directory's forms: the editors' entry form, the public filters and the
public application form. (No model imports here: the model names its admin
form, so this module must load first.)"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from core.public_forms import PublicForm
from core.validators import validate_web_url
from core.vocabularies import ProviderKind, Service, collation_key, country_name, label, language_name
from core.widgets import FilterBoundField, FilterSelect, KeptChoices
from directory.formfields import CountryField, LanguageListField, PhoneNumberField, ServiceChoiceField
from directory.status import EntryStatus


class DirectoryEntryAdminForm(WagtailAdminModelForm):
    country = CountryField(label=_("country"))
    phone = PhoneNumberField(label=_("phone"), required=False)
    languages = LanguageListField(label=_("languages served"), required=False)
    services = ServiceChoiceField(label=_("services"), required=False)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") == EntryStatus.LISTED and not cleaned_data.get("verified_on"):
            self.add_error("verified_on", _("Enter the date the centre verified these details before listing them."))
        return cleaned_data


# ---------------------------------------------------------------- public filters

SORT_BY_NAME = "name"
SORT_BY_VERIFICATION = "verified"


class DirectoryFilterForm(forms.Form):
    """GET filters that combine. Choices offer only what listed entries have;
    an unknown value is reported on its field and ignored."""

    bound_field_class = FilterBoundField

    NOT_APPLIED = {"invalid_choice": _("“%(value)s” is not one of the choices, so this filter was not applied.")}

    country = forms.ChoiceField(
        label=_("Country or region"), required=False, error_messages=NOT_APPLIED, widget=FilterSelect
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, error_messages=NOT_APPLIED, widget=FilterSelect
    )
    service = forms.ChoiceField(label=_("Service"), required=False, error_messages=NOT_APPLIED, widget=FilterSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, error_messages=NOT_APPLIED, widget=FilterSelect)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (SORT_BY_NAME, pgettext_lazy("directory", "Name")),
            (SORT_BY_VERIFICATION, _("Most recently verified")),
        ],
        error_messages=NOT_APPLIED,
        widget=FilterSelect,
    )

    def __init__(self, data, *, choices):
        """`choices`: {field name: choices} from `choices_for`."""
        super().__init__(data)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices
        self.is_valid()  # fills cleaned_data with the valid values; errors stay on their fields

    @staticmethod
    def choices_for(facets, language_code):
        """The choices of the filters that offer what the entries have (`facets`), sorted by name."""
        by_name = lambda pair: collation_key(pair[1], language_code)  # noqa: E731
        choices = {
            "country": [("", _("All countries and regions"))]
            + sorted(((code, country_name(code, language_code)) for code in facets.countries), key=by_name),
            "kind": [("", _("All kinds")), *ProviderKind.choices],
            "service": [("", _("All services"))]
            + sorted(((key, label(Service, key)) for key in facets.services), key=by_name),
            "language": [("", _("All languages"))]
            + sorted(((tag, language_name(tag, language_code)) for tag in facets.languages), key=by_name),
        }
        return {name: KeptChoices(pairs) for name, pairs in choices.items()}

    def value(self, name):
        return self.cleaned_data.get(name) or ""

    @property
    def sort_order(self):
        return self.value("sort") or SORT_BY_NAME

    @property
    def is_filtered(self):
        return any(self.value(name) for name in ("country", "kind", "service", "language"))

    def apply(self, entries):
        if country := self.value("country"):
            entries = entries.filter(country=country)
        if kind := self.value("kind"):
            entries = entries.filter(kind=kind)
        if service := self.value("service"):
            entries = entries.with_service(service)
        if language := self.value("language"):
            entries = entries.with_language(language)
        if self.sort_order == SORT_BY_VERIFICATION:
            return entries.order_by_verification()
        return entries.order_by_name()


# ---------------------------------------------------------------- apply to be listed


class ApplicationForm(PublicForm):
    """What a provider sends to be listed. The organisation's details become a
    pending entry; the contact person's details are personal data and are kept
    apart, for staff only."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=[("", "---------"), *ProviderKind.choices])
    country = CountryField(label=_("Country or region"))
    city = forms.CharField(label=_("City"), max_length=255)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https", validators=[validate_web_url]
    )
    email = forms.EmailField(
        label=_("Public e-mail address"), help_text=_("Shown in the directory, e.g. info@… rather than a person's.")
    )
    phone = PhoneNumberField(label=_("Public phone number"), required=False)
    languages = LanguageListField(label=_("Languages you serve clients in"))
    services = ServiceChoiceField(label=_("Services"))
    description = forms.CharField(
        label=pgettext_lazy("directory", "Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you offer Chinese firms, in up to 2,000 characters."),
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_email = forms.EmailField(label=_("Your e-mail address"))
    contact_phone = PhoneNumberField(label=_("Your phone number"), required=False)
    message = forms.CharField(
        label=_("Message to the centre"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent = forms.BooleanField(
        label=_("I agree that the centre may use my contact details to process this application.")
    )
    ORGANISATION_FIELDS = ("name", "kind", "country", "city", "address", "website", "email", "phone")
    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "message")

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '<a href="{}">{}</a>', privacy_url, _("How we handle your personal information")
            )

    def organisation_fields(self):
        return [self[name] for name in self.ORGANISATION_FIELDS]

    def offer_fields(self):
        return [self[name] for name in ("languages", "services", "description")]

    def contact_fields(self):
        return [self[name] for name in (*self.CONTACT_FIELDS, "consent")]
