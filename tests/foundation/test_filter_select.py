"""core.widgets.FilterSelect writes the same <select> as Django's Select (every
filter of the index pages), only faster."""

import re

import pytest
from django import forms
from django.utils.translation import gettext_lazy, override

from core.vocabularies import country_choices
from core.widgets import ChoicesPerLanguage, FilterBoundField, FilterSelect


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


def test_a_changed_list_of_choices_is_written_anew():
    """The written options are kept by the choices themselves (values and
    labels): were they kept by the field alone, the second select would
    still offer only Cambodia (as the directory's country filter after an
    entry in a new country is listed)."""
    widget = FilterSelect(choices=[("", "All"), ("KH", "Cambodia")])
    assert "Vietnam" not in widget.render("country", "")
    widget.choices = [("", "All"), ("KH", "Cambodia"), ("VN", "Vietnam")]
    assert '<option value="VN">Vietnam</option>' in widget.render("country", "")


def test_a_value_chosen_in_one_request_is_not_selected_in_the_next():
    """Each request inserts " selected" into its own copy of the kept
    options: were the kept string changed, the second select would still
    have Cambodia selected (and two options selected after the third)."""
    widget = FilterSelect(choices=[("", "All"), ("KH", "Cambodia"), ("VN", "Vietnam")])
    assert '<option value="KH" selected>' in widget.render("country", "KH")
    second = widget.render("country", "")
    assert second.count(" selected") == 1 and '<option value="" selected>' in second
    third = widget.render("country", "VN")
    assert third.count(" selected") == 1 and '<option value="VN" selected>' in third


class Filters(forms.Form):
    bound_field_class = FilterBoundField

    country = forms.ChoiceField(
        label=gettext_lazy("Country"),
        required=False,
        choices=ChoicesPerLanguage(lambda language: (("", gettext_lazy("All")), *country_choices(language))),
        widget=FilterSelect,
        help_text=gettext_lazy("Leave empty for every kind."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", "-"), ("tax", "tax")], widget=FilterSelect
    )


class PlainFilters(Filters):
    bound_field_class = None


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("data", [{}, {"country": "KH"}, {"country": "XX", "kind": "tax"}, {"kind": "nothing"}])
def test_a_kept_field_group_is_djangos_field_group(language, data):
    """FilterBoundField keeps the label and help text around the select and
    renders the select per request: the same HTML as Django's BoundField,
    with the request's value selected and its errors shown (a field with an
    error is rendered whole), in the request's language."""
    with override(language):
        ours = Filters(data)
        djangos = PlainFilters(data)
        ours.is_valid(), djangos.is_valid()
        for name in ("country", "kind"):
            assert without_line_breaks(str(ours[name].as_field_group())) == without_line_breaks(
                str(djangos[name].as_field_group())
            )


def test_a_kept_field_group_follows_the_language():
    """The field group is kept per language: without the language in its
    key, the English form would show the Chinese label and help text kept
    first (the choices are ChoicesPerLanguage's, also per language)."""
    with override("zh-hans"):
        chinese = str(Filters({})["country"].as_field_group())
    with override("en"):
        english = str(Filters({})["country"].as_field_group())
    assert "国家" in chinese and "柬埔寨" in chinese
    assert "Country" in english and "Cambodia" in english and "国家" not in english and "柬埔寨" not in english


def test_an_error_is_shown_only_for_the_request_that_caused_it():
    """A field with an error is rendered whole for its request and never
    kept: were it kept, the next request's valid form would still show the
    error message and aria-invalid."""
    with override("en"):
        bad = Filters({"kind": "nothing"})
        bad.is_valid()
        assert "errorlist" in str(bad["kind"].as_field_group())
        good = Filters({"kind": "tax"})
        good.is_valid()
        html = str(good["kind"].as_field_group())
    assert "errorlist" not in html and "aria-invalid" not in html and '<option value="tax" selected>' in html
