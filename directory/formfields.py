"""Form fields for directory values, used by the admin form, the public
application form and the spreadsheet import alike."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.validators import KEY_MAX_LENGTH, normalise_phone, validate_country_code, validate_directory_key
from core.vocabularies import Service, country_choices
from directory.validation import parse_languages, parse_services


def _countries_in_active_language():
    return [("", "---------"), *country_choices(get_language())]


class CountryField(forms.ChoiceField):
    """An ISO 3166-1 code, chosen by its name in the reader's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", _countries_in_active_language)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        # Any ISO code is valid, whatever the (display-only) choices list holds.
        forms.Field.validate(self, value)
        if value:
            validate_country_code(value)


class KeyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", KEY_MAX_LENGTH)
        super().__init__(**kwargs)
        self.validators.append(validate_directory_key)

    def to_python(self, value):
        return super().to_python(value).strip().lower()


class PhoneNumberField(forms.CharField):
    """Accepts +855 23 880 012, +855-23-880012 …; cleans to E.164."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""


class LanguageListField(forms.CharField):
    """Languages as codes or names separated by commas: 'zh, en, Khmer' → ['zh', 'en', 'km']."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", _("Language names or codes separated by commas, e.g. “zh, en, km”."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        value = super().clean(value)
        return parse_languages(value) if value else []


class ServiceListField(forms.CharField):
    """Service keys separated by commas, as typed in a spreadsheet cell."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        value = super().clean(value)
        return parse_services(value) if value else []


class ServiceChoiceField(forms.TypedMultipleChoiceField):
    """Services as check boxes, labelled in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Service.choices)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return list(value or [])
