"""core.widgets.FilterSelect writes the same <select> as Django's Select (every
filter of the index pages), only faster."""

import re

import pytest
from django import forms

from core.widgets import FilterSelect


def without_line_breaks(html):
    return re.sub(r"\s*\n\s*", "", html)


@pytest.mark.parametrize(
    ("choices", "value"),
    [
        ([("", "所有国家和地区"), ("KH", "柬埔寨"), ("VN", "越南")], "KH"),
        ([("", "All countries"), ("KH", "Cambodia")], None),
        ([("x", 'say "hi"'), (None, "none"), ("KH", "a<b"), ("KH", "the same value again")], "KH"),
        ([("Asia", [("KH", "柬埔寨")]), ("FR", "France")], "FR"),  # grouped: Django's own rendering
    ],
)
def test_the_same_html_as_djangos_select(choices, value):
    ours = FilterSelect(choices=choices).render("country", value, {"id": "id_country"})
    djangos = forms.Select(choices=choices).render("country", value, {"id": "id_country"})
    assert without_line_breaks(ours) == without_line_breaks(djangos)
    assert "<b" not in ours  # escaped
