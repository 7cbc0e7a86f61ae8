"""The editor's form for an event page.

Start and end are typed as wall-clock times in the event's own time zone (an
editor copies "09:00 in Phnom Penh" from the programme); Django would read
them as Beijing time, so they are re-localised here. Registration opening
and closing stay in Beijing time: they are the centre's deadlines.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.page_forms import BasePageForm
from core.vocabularies import country_choices

from .timezones import time_zone_choices, zone

LOCAL_TIME_FIELDS = ("starts", "ends")


class EventPageForm(BasePageForm):
    countries = forms.MultipleChoiceField(
        label=_("Countries concerned"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The countries the event is about; leave empty for an event about outbound investment in general."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        required=False,
        help_text=_("Start and end are entered in this time zone. Empty: Beijing time, or inferred for imports."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        time_zone = self.instance.time_zone
        if time_zone and not self.is_bound:
            for name in LOCAL_TIME_FIELDS:
                value = getattr(self.instance, name, None)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, zone(time_zone)).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        time_zone = cleaned_data.get("time_zone")
        if time_zone:
            for name in LOCAL_TIME_FIELDS:
                value = cleaned_data.get(name)
                if value is not None:
                    cleaned_data[name] = timezone.make_naive(value).replace(tzinfo=zone(time_zone))
        return cleaned_data
