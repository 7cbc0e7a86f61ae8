"""Form widgets the public pages share."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A <select> for a long flat list (every country), written out here:
    Django's builds a dictionary and renders a template for each option,
    10–30 ms for the country list on every index page. The same elements and
    attributes (every value escaped), without the blank lines; grouped
    choices are left to Django."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = option_value in chosen
            chosen = set() if selected else chosen  # one selected option, as Django's Select
            options.append(f'<option value="{escape(option_value)}"{" selected" if selected else ""}>{escape(label)}')
            options.append("</option>")
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return SafeString(f'<select name="{escape(name)}"{attrs}>{"".join(options)}</select>')
