"""Lists of vocabulary codes stored as JSON lists.

A JSON list keeps the page revision and wagtail-localize synchronisation
simple (one field, copied as a whole); matching is done on a denormalised
token string beside it (see advisories.matching), which SQLite and
PostgreSQL both filter with a plain LIKE.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.vocabularies import AdvisoryKind, country_choices, is_country_code


class CodeListField(models.JSONField):
    """A sorted list of unique codes; empty means "all"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def is_known(self, code):
        raise NotImplementedError

    def form_choices(self):
        raise NotImplementedError

    def form_widget(self):
        return forms.CheckboxSelectMultiple

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list of codes."), code="invalid")
        unknown = [str(code) for code in value if not self.is_known(code)]
        if unknown:
            raise ValidationError(
                _("Unknown code(s): %(codes)s"), code="invalid_choice", params={"codes": ", ".join(unknown)}
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.form_choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=kwargs.get("widget") or self.form_widget(),
        )


class CountryListField(CodeListField):
    """ISO 3166-1 alpha-2 codes, upper case."""

    def is_known(self, code):
        return is_country_code(code)

    def form_choices(self):
        # A callable, so names follow the language of whoever opens the form.
        return country_choices()

    def form_widget(self):
        return forms.SelectMultiple(attrs={"size": 10})


class KindListField(CodeListField):
    """Advisory kinds (core.vocabularies.AdvisoryKind)."""

    def is_known(self, code):
        return code in AdvisoryKind.values

    def form_choices(self):
        return AdvisoryKind.choices


def normalise_codes(codes, upper=False):
    """Sorted unique codes from any iterable of strings."""
    return sorted({(code.upper() if upper else code) for code in codes or [] if isinstance(code, str) and code})
