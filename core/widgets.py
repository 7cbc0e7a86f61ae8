"""Form widgets the public pages share."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeString


class FilterSelect(forms.Select):
    """The <select> of the public pages' filters, written out here: Django's
    builds a dictionary and renders a template for each option, 10–30 ms for
    the country list on every index page (and a template per option of the
    shorter ones). The same elements and attributes (every value and label
    escaped, as django.utils.html.escape does), without the blank lines;
    grouped choices are left to Django."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            selected = option_value in chosen
            chosen = set() if selected else chosen  # one selected option, as Django's Select
            options.append(
                f'<option value="{escape(option_value)}"{" selected" if selected else ""}>{escape(str(label))}</option>'
            )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return SafeString(f'<select name="{escape(name)}"{attrs}>{"".join(options)}</select>')
