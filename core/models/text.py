"""The plain-text rule for a model's own text fields, in the admin and in any
full_clean() (the importer's too)."""

from django.core.exceptions import ValidationError
from django.db import models

from core.validators import validate_multiline_text, validate_single_line_text


def plain_text_rule(field):
    """The rule for `field`, or None: a CharField is one line (the admin shows
    it as one input), a TextField may have several. Subclasses (slugs, URLs,
    e-mail addresses, rich text) have stricter rules of their own, and a field
    with choices can only hold one of them."""
    if not field.editable or field.choices:
        return None
    if type(field) is models.CharField:
        return validate_single_line_text
    if type(field) is models.TextField:
        return validate_multiline_text
    return None


class PlainTextFieldsMixin:
    """Refuses control characters (and line breaks in one-line fields) in
    every text field, Wagtail's page title included, which a `validators=`
    argument could not reach. Refused, not removed: the editor sees which
    field holds one and nothing is changed behind their back.

    It runs in clean_fields(), so a form checks only the fields it shows (old
    content in a field the form does not show cannot block a save)."""

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        try:
            super().clean_fields(exclude=exclude)
            errors = {}
        except ValidationError as error:
            errors = error.update_error_dict({})
        for field in self._meta.concrete_fields:
            rule = plain_text_rule(field)
            if rule is None or field.name in exclude or field.name in errors:
                continue
            try:
                rule(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
