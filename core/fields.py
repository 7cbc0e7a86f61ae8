"""Lists of vocabulary codes, and the one way a list of countries is stored.

A list is a JSON array (`CodeListField`): revisions, wagtail-localize
synchronisation (the list is copied whole) and the bundle format stay one
value each. Beside a country list sits its token column
(`CountryTokensField`), "|AE|KH|" (empty for an empty list), kept by the
field itself on every save, so that "concerns Cambodia" is a plain LIKE on
any database, without a join or JSON operators (SQLite has no JSON
containment lookup):

    countries = CountryListField(_("countries concerned"), empty_means_all=True)
    country_tokens = CountryTokensField("countries")
    ...
    Advisory.objects.filter(concerns_q(Advisory, "countries", ["KH"]))

Country names and codes themselves are in core.vocabularies.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.vocabularies import country_choices, is_country_code


def normalise_codes(codes, upper=False):
    """Sorted unique codes from any iterable of strings."""
    return sorted({(code.upper() if upper else code) for code in codes or [] if isinstance(code, str) and code})


def token_string(codes):
    """'|AE|KH|' for ['KH', 'AE']; '' for an empty list."""
    codes = sorted(set(codes or []))
    return f"|{'|'.join(codes)}|" if codes else ""


def tokens_q(field, codes, empty_means_all):
    """Rows whose token column `field` includes one of `codes` (or is empty, when that means "all")."""
    condition = Q(**{field: ""}) if empty_means_all else Q(pk__in=[])
    for code in codes:
        condition |= Q(**{f"{field}__contains": f"|{code}|"})
    return condition


class CodeListField(models.JSONField):
    """A sorted list of unique codes."""

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


class ChoiceListField(CodeListField):
    """Unique keys of one vocabulary (initiatives, sectors, advisory kinds), kept in the vocabulary's order."""

    def __init__(self, *args, choices=None, **kwargs):
        # Not passed on as `choices`: Django would check the whole list against them.
        self.item_choices = list(choices or [])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.item_choices
        return name, path, args, kwargs

    def is_known(self, code):
        return isinstance(code, str) and code in {key for key, _label in self.item_choices}

    def form_choices(self):
        return self.item_choices

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            chosen = set(value)
            value = [key for key, _label in self.item_choices if key in chosen]
            setattr(model_instance, self.attname, value)
        return value


class CountryListField(CodeListField):
    """ISO 3166-1 alpha-2 codes, upper case, sorted.

    `empty_means_all`: an empty list concerns every country (an advisory for
    everywhere, a subscriber to every country) rather than none (an event
    about outbound investment in general)."""

    def __init__(self, *args, empty_means_all=False, **kwargs):
        self.empty_means_all = empty_means_all
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.empty_means_all:
            kwargs["empty_means_all"] = True
        return name, path, args, kwargs

    def is_known(self, code):
        return is_country_code(code)

    def form_choices(self):
        # A callable, so names follow the language of whoever opens the form.
        return country_choices()

    def form_widget(self):
        return forms.SelectMultiple(attrs={"size": 10})

    def to_python(self, value):
        # Before validation, so that "kh" from an import or a form is KH, not an unknown code.
        value = super().to_python(value)
        return normalise_codes(value, upper=True) if isinstance(value, list) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class CountryTokensField(models.TextField):
    """The "|AE|KH|" mirror of the CountryListField named `source`, recomputed
    on every save (a queryset .update() of the list must set it too)."""

    def __init__(self, source, *args, **kwargs):
        self.source = source
        kwargs.update(blank=True, default="", editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("blank", "default", "editable"):
            kwargs.pop(fixed, None)
        return name, path, [self.source, *args], kwargs

    def pre_save(self, model_instance, add):
        value = token_string(normalise_codes(getattr(model_instance, self.source), upper=True))
        setattr(model_instance, self.attname, value)
        return value


def concerns_q(model, field_name, codes):
    """Rows of `model` whose country list `field_name` concerns one of `codes`."""
    field = model._meta.get_field(field_name)
    tokens = next(
        other.name
        for other in model._meta.concrete_fields
        if isinstance(other, CountryTokensField) and other.source == field_name
    )
    return tokens_q(tokens, [code.upper() for code in codes], field.empty_means_all)
