"""Validators for the facts panel and contact blocks: codes are checked against
the libraries that also display them (CLDR currencies via Babel, the IANA
database via zoneinfo, numbering plans via phonenumbers)."""

from functools import cache
from zoneinfo import available_timezones

import phonenumbers
from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def _time_zones():
    return frozenset(available_timezones())


def validate_currency_code(value):
    if value and value not in list_currencies():
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (three capital letters, e.g. USD)."),
            code="invalid_currency",
            params={"value": value},
        )


def validate_time_zone(value):
    if value and value not in _time_zones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (e.g. Asia/Phnom_Penh)."),
            code="invalid_time_zone",
            params={"value": value},
        )


def parse_phone(value):
    """The number as phonenumbers parses it, or None; only international numbers (+…) are accepted."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def validate_phone(value):
    if value and parse_phone(value) is None:
        raise ValidationError(
            _("Enter the number in international form, starting with + and the country code (e.g. +855 23 000 000)."),
            code="invalid_phone",
        )
