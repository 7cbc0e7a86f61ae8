"""A list of vocabulary keys (initiatives, sectors) stored as one JSON array.

One field rather than a join table keeps revisions, wagtail-localize
synchronisation (the list is copied whole to every locale) and the bundle
format (`"sectors": ["textiles", …]`) one-to-one. The index filters guides in
Python, where it sorts them by their CLDR names anyway, so no database needs
to look inside the array.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """Unique keys of one TextChoices vocabulary, kept in the vocabulary's order."""

    def __init__(self, *args, choices=None, **kwargs):
        # Not passed on: Django would check the whole list against `choices`.
        self.item_choices = list(choices or [])
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.item_choices
        return name, path, args, kwargs

    @property
    def keys(self):
        return [key for key, _label in self.item_choices]

    def normalise(self, value):
        """The known keys of `value`, unique, in vocabulary order."""
        chosen = set(value or [])
        return [key for key in self.keys if key in chosen]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list."), code="invalid")
        unknown = sorted({str(item) for item in value} - set(self.keys))
        if unknown:
            raise ValidationError(
                _("Unknown value(s): %(values)s"), code="invalid_choice", params={"values": ", ".join(unknown)}
            )

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
