"""The index page's filter form and the compare page's country selection.

Both read GET parameters, so every view is a shareable URL that works
without JavaScript. A bad value never fails the request: a filter with an
unknown value is reported next to its field and left out; a bad compare
selection is explained above the form.
"""

from dataclasses import dataclass, field

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.vocabularies import Initiative, Region, RiskLevel, Sector, country_name, is_country_code
from core.widgets import FilterSelect
from guides.catalogue import SORT_BY_NAME, SORT_BY_REVIEWED, GuideFilters

MIN_COMPARED = 2
MAX_COMPARED = 4


def _any(label, choices):
    return [("", label), *choices]


class GuideFilterField(BoundField):
    """A filter whose value is not an option points its select at the index
    page's own message (guides/guide_index_page.html)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            attrs["aria-describedby"] = f"{self.id_for_label}-error"
        return attrs


class GuideFilterForm(forms.Form):
    bound_field_class = GuideFilterField

    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=_any(_("All regions"), Region.choices), widget=FilterSelect
    )
    initiative = forms.ChoiceField(
        label=_("Initiative"),
        required=False,
        choices=_any(_("All initiatives"), Initiative.choices),
        widget=FilterSelect,
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_any(_("All sectors"), Sector.choices), widget=FilterSelect
    )
    risk = forms.ChoiceField(
        label=_("Risk level"),
        required=False,
        choices=_any(_("All risk levels"), RiskLevel.choices),
        widget=FilterSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(SORT_BY_NAME, _("Name")), (SORT_BY_REVIEWED, _("Recently reviewed"))],
        widget=FilterSelect,
    )

    FILTER_NAMES = ("region", "initiative", "sector", "risk")

    def __init__(self, data=None, **kwargs):
        # A filter left at "all" arrives as an empty string; keep the form unbound
        # when no parameter is given at all so nothing is flagged.
        super().__init__(data if data else None, **kwargs)

    def _valid(self, name):
        if not self.is_bound:
            return ""
        self.is_valid()  # fills cleaned_data with the valid fields only
        return self.cleaned_data.get(name, "") or ""

    def filters(self):
        return GuideFilters(**{name: self._valid(name) for name in self.FILTER_NAMES})

    def sort_order(self):
        return self._valid("sort") or SORT_BY_NAME


@dataclass
class CompareSelection:
    """Which countries to compare, in the order asked for, and what is wrong."""

    codes: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ready(self):
        return bool(self.codes) and not self.errors


def parse_compare(values, guide_countries):
    """Check the `c` parameters against the guides available in this locale.

    `values`: the raw strings (?c=KH&c=VN); `guide_countries`: the country codes
    that have a live guide here. Codes are case-insensitive and de-duplicated.
    """
    selection = CompareSelection()
    seen = set()
    for raw in values:
        code = raw.strip().upper()
        if not code or code in seen:
            continue
        seen.add(code)
        if not is_country_code(code):
            shown = raw.strip()[:12]
            selection.errors.append(gettext("“%(code)s” is not a country code.") % {"code": shown})
        elif code not in guide_countries:
            selection.errors.append(
                gettext("There is no guide to %(country)s in this language yet.") % {"country": country_name(code)}
            )
        else:
            selection.codes.append(code)
    count = len(seen)
    if count == 1:
        selection.errors.insert(0, gettext("Choose at least two countries to compare."))
    elif count > MAX_COMPARED:
        selection.errors.insert(
            0,
            gettext("You can compare at most %(max)d countries at a time; you chose %(count)d.")
            % {"max": MAX_COMPARED, "count": count},
        )
    return selection
