"""The policy library's filters: GET parameters that combine.

A value that is not valid (an unknown status, a year with no document) is
reported next to its field and in the error summary, and ignored; never an
error page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.vocabularies import PolicyLevel, PolicyStatus, PolicyTopic

NOT_LISTED = _("“%(value)s” is not one of the choices: choose from the list.")


class PolicyFilterForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("policy", "Status"), required=False)
    body = forms.ChoiceField(label=_("Issuing body"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    year = forms.ChoiceField(label=_("Year issued"), required=False)

    def __init__(self, data, bodies_and_years):
        """`bodies_and_years`: the (issuing body, year issued) pairs of the documents listed,
        so the choices are what the library holds."""
        super().__init__(data.copy())
        bodies = sorted({body for body, _year in bodies_and_years})
        years = sorted({year for _body, year in bodies_and_years}, reverse=True)
        self.fields["status"].choices = [("", _("All statuses")), *PolicyStatus.choices]
        self.fields["body"].choices = [("", _("All issuing bodies")), *((body, body) for body in bodies)]
        self.fields["topic"].choices = [("", _("All topics")), *PolicyTopic.choices]
        self.fields["level"].choices = [("", _("All levels")), *PolicyLevel.choices]
        self.fields["year"].choices = [("", _("All years")), *((str(year), str(year)) for year in years)]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = NOT_LISTED
        self.is_valid()  # fills cleaned_data with the valid fields, errors for the others

    def active_filters(self):
        """The valid, non-empty filter values."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, policies):
        filters = self.active_filters()
        for name, lookup in (("status", "status"), ("body", "issuing_body"), ("topic", "topic"), ("level", "level")):
            if value := filters.get(name):
                policies = policies.filter(**{lookup: value})
        if year := filters.get("year"):
            policies = policies.filter(issued_on__year=int(year))
        return policies
