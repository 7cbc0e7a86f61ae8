"""The index filters and the subscription form.

Filters are GET parameters that combine; a value that is not valid is
reported next to its field and ignored, never an error page.
"""

from functools import cache

from django import forms
from django.conf import settings
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.public_forms import PublicForm
from core.vocabularies import (
    AdvisoryKind,
    DigestFrequency,
    DigestTopic,
    Severity,
    country_choices,
    country_group_choices,
)
from core.widgets import ChoicesPerLanguage, FilterBoundField, FilterSelect


@cache
def _country_choices(language_code):
    # Sorting ~250 names by pinyin is not free: once per language and process.
    return tuple(country_choices(language_code))


def country_options():
    return list(_country_choices(get_language() or settings.LANGUAGE_CODE))


class AdvisoryFilterForm(forms.Form):
    bound_field_class = FilterBoundField

    STATUS_CURRENT = "current"
    STATUS_EXPIRED = "expired"
    STATUS_ALL = "all"

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *AdvisoryKind.choices], widget=FilterSelect
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=ChoicesPerLanguage(lambda language: (("", _("All countries")), *_country_choices(language))),
        widget=FilterSelect,
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        required=False,
        choices=[("", _("All severities")), *Severity.choices],
        widget=FilterSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (STATUS_CURRENT, pgettext_lazy("advisories", "Current")),
            (STATUS_EXPIRED, pgettext_lazy("advisories", "Expired")),
            (STATUS_ALL, _("Current and expired")),
        ],
        widget=FilterSelect,
    )

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        if isinstance(data.get("country"), str):
            data["country"] = data["country"].strip().upper()
        data.setdefault("status", self.STATUS_CURRENT)
        super().__init__(data, **kwargs)
        self.is_valid()  # fills cleaned_data with the valid fields, errors for the others

    def active_filters(self):
        """The valid, non-empty filter values."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, advisories):
        filters = self.active_filters()
        if kind := filters.get("kind"):
            advisories = advisories.filter(kind=kind)
        if severity := filters.get("severity"):
            advisories = advisories.filter(severity=severity)
        if country := filters.get("country"):
            advisories = advisories.concerning(country)
        status = filters.get("status", self.STATUS_CURRENT)
        if status == self.STATUS_CURRENT:
            advisories = advisories.current()
        elif status == self.STATUS_EXPIRED:
            advisories = advisories.expired()
        return advisories


class LanguageNameSelect(forms.Select):
    """Each language is named in itself ("English", "简体中文"), so each
    option says which language it is in, for screen readers (WCAG 3.1.2)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = value
        return option


class FollowFields(forms.Form):
    """What a firm follows: countries, regions and blocs; alerts at once; a digest."""

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        choices=country_options,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_(
            "Hold Ctrl (⌘ on a Mac) to choose several. Leave empty for every country: "
            "advisories that apply everywhere are always sent."
        ),
    )
    groups = forms.MultipleChoiceField(
        label=_("Regions and blocs"),
        required=False,
        choices=country_group_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every country the centre's guides place in them."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of advisory"),
        required=False,
        choices=AdvisoryKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every kind."),
    )
    digest = forms.ChoiceField(
        label=_("Digest"),
        required=False,
        choices=[("", _("No digest: every advisory at once")), *DigestFrequency.choices],
        widget=forms.RadioSelect,
        help_text=_(
            "With a digest, alerts still come at once; other advisories, guide changes, new events and "
            "new service providers come together, at most one e-mail a week."
        ),
    )
    digest_topics = forms.MultipleChoiceField(
        label=_("In the digest"),
        required=False,
        choices=DigestTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for everything."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, widget=LanguageNameSelect
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"language": get_language() or settings.LANGUAGE_CODE})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        chosen = any(cleaned.get(name) for name in ("countries", "groups", "kinds"))
        if not self.errors and not chosen:
            raise forms.ValidationError(
                _("Choose at least one country, region or bloc, or one kind of advisory."), code="nothing_chosen"
            )
        return cleaned

    def follow_choices(self):
        return {name: self.cleaned_data[name] for name in ("groups", "digest", "digest_topics")}


class SubscribeForm(PublicForm, FollowFields):
    """A firm follows countries with its e-mail address (double opt-in)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email", "countries", "groups", "kinds", "digest", "digest_topics", "language"]


class ManageForm(FollowFields):
    """The subscriber's own page (reached with the token from any of its e-mails)."""
