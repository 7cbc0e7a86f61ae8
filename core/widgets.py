"""Form widgets the public pages share."""

from functools import cache, lru_cache
from html import escape

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString
from django.utils.translation import get_language

# Distinct option lists kept written out (a list's labels are in its key: one
# per language, and the directory's change with its entries).
OPTION_LISTS = 256


@lru_cache(maxsize=OPTION_LISTS)
def _written_options(choices):
    """The <option> elements of `choices` ((value, label) strings) with none
    selected, and where " selected" goes in each value's first option."""
    parts, selected_at, length = [], {}, 0
    for value, label in choices:
        opening = f'<option value="{escape(value)}"'
        selected_at.setdefault(value, length + len(opening))
        part = f"{opening}>{escape(label)}</option>"
        parts.append(part)
        length += len(part)
    return "".join(parts), selected_at


class FilterSelect(forms.Select):
    """The <select> of the public pages' filters, written out here: Django's
    builds a dictionary and renders a template for each option, 10–30 ms for
    the country list on every index page (and a template per option of the
    shorter ones). The same elements and attributes (every value and label
    escaped, as django.utils.html.escape does), without the blank lines;
    grouped choices are left to Django.

    The options are written once per distinct list of choices (the labels,
    so the language, are part of it) and kept; a request only inserts
    " selected" into its copy. Nothing of one request is kept, so a value
    chosen in one never shows in another's select."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        options, selected_at = _written_options(
            tuple(("" if option_value is None else str(option_value), str(label)) for option_value, label in choices)
        )
        # One selected option, the first whose value is chosen, as Django's Select.
        positions = [selected_at[chosen] for chosen in self.format_value(value) if chosen in selected_at]
        if positions:
            at = min(positions)
            options = f"{options[:at]} selected{options[at:]}"
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return SafeString(f'<select name="{escape(name)}"{attrs}>{options}</select>')


class KeptChoices(BaseChoiceIterator):
    """(value, label) pairs assigned to a filter as they are: Django
    normalises a list of choices again each time it is assigned, which for
    choices kept between requests (the directory's ~250 countries) was
    every request's work."""

    def __init__(self, pairs):
        self.pairs = tuple(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __deepcopy__(self, memo):
        return self  # shared and never changed


class ChoicesPerLanguage(BaseChoiceIterator):
    """A filter's choices built once per language by `build(language_code)`
    (from vocabularies the code holds, never from content) and iterated as
    they are: Django normalises a callable's choices again on every
    iteration, which for the ~250 countries was twice a request."""

    def __init__(self, build):
        self.build = cache(build)

    def __iter__(self):
        yield from self.build(get_language() or settings.LANGUAGE_CODE)

    def __deepcopy__(self, memo):
        return self  # each form copies its fields; the choices are shared and never changed


class FilterBoundField(BoundField):
    """A filter field's label and help text around its <select>, rendered
    through Django's field template once per form, field and language and
    kept; a request renders only its select (FilterSelect). A field with an
    error (a value that is not among the choices) is rendered whole, for
    that request alone. Forms whose selects are all FilterSelects set it as
    their `bound_field_class`."""

    MARK = "\x00widget\x00"

    def as_field_group(self):
        if self.errors or not isinstance(self.field.widget, FilterSelect):
            return super().as_field_group()
        before, after = _frame(
            (type(self.form), self.name, get_language(), str(self.label), str(self.help_text), self.auto_id),
            self._render_frame,
        )
        return SafeString(f"{before}{self.as_widget()}{after}")

    def _render_frame(self):
        self._framing = True
        try:
            return str(super().as_field_group()).split(self.MARK)
        finally:
            self._framing = False

    def as_widget(self, *args, **kwargs):
        return self.MARK if getattr(self, "_framing", False) else super().as_widget(*args, **kwargs)


_frames = {}


def _frame(key, render):
    # Keyed by everything the frame shows; labels and help texts are code's
    # (translated), so the entries are as many as filter fields and languages.
    if key not in _frames:
        _frames[key] = render()
    return _frames[key]
