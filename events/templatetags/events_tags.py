from django import template
from django.utils.formats import date_format, time_format

register = template.Library()


@register.filter(expects_localtime=True)
def date_and_time(value):
    """'2027年3月18日 09:30' / 'March 18, 2027 09:30': the active time zone's
    wall clock (set it with {% timezone %}), 24-hour time in every language."""
    if not value:
        return ""
    return f"{date_format(value, 'DATE_FORMAT')} {time_format(value, 'H:i')}"
