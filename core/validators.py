"""The rule for each kind of value, whichever door it comes in by: the
models' `validators=`, the admin forms, the public forms, the spreadsheet
import and the content bundle validator (interchange/validation.py) all call
these, so a value one door refuses is refused by every door, with the same
message.

Codes are checked against the libraries that also display them: ISO 3166
and CLDR currencies via core.vocabularies and Babel, the IANA database via
zoneinfo, numbering plans via phonenumbers.
"""

import re
import zoneinfo
from functools import cache

import phonenumbers
from babel.numbers import is_currency
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core import vocabularies
from core.vocabularies import is_country_code

# ---------------------------------------------------------------- plain text

# Control characters (Unicode Cc: C0, DEL, C1) other than tab, line feed and
# carriage return. They cannot be seen, a feed or a calendar file cannot carry
# them (core/text.py drops them on the way out for older content), and they
# come in by pasting: Word's Shift+Enter line break is U+000B.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Line breaks, for a field that is one line (a title, a name): line feed,
# carriage return and Unicode's line and paragraph separators.
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def _refuse_control_characters(value):
    if isinstance(value, str) and (found := _CONTROL_CHARACTER.search(value)):
        raise ValidationError(
            _(
                "Remove the invisible control character %(character)s (a line break pasted from Word is one): "
                "feeds, calendars and e-mails cannot carry it."
            ),
            code="control_character",
            params={"character": f"U+{ord(found.group()):04X}"},
        )


def validate_multiline_text(value):
    """Plain text that may have several lines (a summary, a description)."""
    _refuse_control_characters(value)


def validate_single_line_text(value):
    """Plain text on one line (a title, a name, a city)."""
    _refuse_control_characters(value)
    if isinstance(value, str) and _LINE_BREAK.search(value):
        raise ValidationError(_("Keep this on one line: remove the line break."), code="line_break")


# ---------------------------------------------------------------- keys

# The content bundle's keys (../shared/content/FORMAT.md); they become page
# slugs (255) and interchange.ImportKey.key.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_MAX_LENGTH = 100
# A directory entry's key is a URL under the directory page: it must not shadow its routes.
RESERVED_DIRECTORY_KEYS = frozenset({"apply"})


def validate_key(value):
    if not isinstance(value, str) or not KEY_PATTERN.match(value):
        raise ValidationError(
            _("Use lowercase letters, digits and single hyphens, e.g. “mekong-legal”."), code="invalid_key"
        )
    if len(value) > KEY_MAX_LENGTH:
        raise ValidationError(
            _("A key has at most %(max)d characters."), code="key_too_long", params={"max": KEY_MAX_LENGTH}
        )


def validate_directory_key(value):
    validate_key(value)
    if value in RESERVED_DIRECTORY_KEYS:
        raise ValidationError(
            _("“%(value)s” is reserved for the directory's own pages."), code="reserved_key", params={"value": value}
        )


# ---------------------------------------------------------------- codes


def validate_country_code(value):
    if is_country_code(value):
        return
    if isinstance(value, str) and is_country_code(value.upper()):
        raise ValidationError(
            _("“%(value)s”: country codes are upper case, e.g. KH."), code="invalid_country", params={"value": value}
        )
    raise ValidationError(
        _("“%(value)s” is not an ISO 3166-1 country code (two capital letters, e.g. KH)."),
        code="invalid_country",
        params={"value": value},
    )


def validate_foreign_country_code(value):
    """A country code of a country abroad: not a region of China (HK, MO, TW)."""
    validate_country_code(value)
    if value in vocabularies.REGIONS_OF_CHINA:
        raise ValidationError(
            _(
                "%(country)s is part of China: there is no Chinese embassy or consulate there, "
                "and consular protection is for citizens abroad."
            ),
            code="region_of_china",
            params={"country": vocabularies.country_name(value)},
        )


def validate_currency_code(value):
    if not isinstance(value, str) or not value.isupper() or not is_currency(value):
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (three capital letters, e.g. USD)."),
            code="invalid_currency",
            params={"value": value},
        )


@cache
def time_zone_names():
    """Every IANA time zone name this machine knows."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (e.g. Asia/Phnom_Penh)."),
            code="invalid_time_zone",
            params={"value": value},
        )


# ---------------------------------------------------------------- web addresses

# A link a reader can open in a browser; the bundle format allows no other scheme.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("“%(value)s” is not a web address starting with http:// or https://."),
    code="invalid_url",
)


# ---------------------------------------------------------------- phone numbers

PHONE_HINT = _("Write it in international form, starting with + and the country code, e.g. +855 23 880 012.")
MAINLAND_MOBILE_HINT = _(
    "Enter a mainland mobile number (11 digits, e.g. 138 1234 5678) or an international number "
    "starting with + and the country code (e.g. +855 12 345 678)."
)
_MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
_LONGEST_INPUT = 40  # longer than any number written with spaces; phonenumbers' own limit is far higher


def normalise_phone(value, *, mainland_mobile=False):
    """The number in E.164 (+85523880012), or ValidationError saying why not.

    A number must be valid in its numbering plan, not merely of a possible
    length. With `mainland_mobile` (a registration, where the centre calls
    back), a number without + is read as a mainland one and a mainland
    number must be a mobile.
    """
    text = value.strip() if isinstance(value, str) else ""
    hint = MAINLAND_MOBILE_HINT if mainland_mobile else PHONE_HINT
    region = "CN" if mainland_mobile and not text.startswith("+") else None
    try:
        if not text or len(text) > _LONGEST_INPUT:
            raise phonenumbers.NumberParseException(phonenumbers.NumberParseException.NOT_A_NUMBER, "")
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(value)s” is not a phone number we can read. %(hint)s"),
            code="invalid_phone",
            params={"value": text, "hint": hint},
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. %(hint)s"),
            code="invalid_phone",
            params={"value": text, "hint": hint},
        )
    if mainland_mobile and number.country_code == 86 and phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise ValidationError(
            _("This is a mainland landline number: please give a mobile number so that we can reach you."),
            code="phone_not_mobile",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value):
    """A valid international number, written any way (+855 23 880 012)."""
    normalise_phone(value)


def validate_e164(value):
    """A valid number stored in E.164 (+85523880012)."""
    if normalise_phone(value) != value:
        raise ValidationError(
            _("Write the phone number in E.164 form, without spaces, e.g. +85523880012."),
            code="not_e164",
            params={"value": value},
        )


def parse_phone(value):
    """The number as phonenumbers reads it, or None when the rule above refuses it."""
    try:
        return phonenumbers.parse(normalise_phone(value), None)
    except ValidationError:
        return None


def format_phone(value):
    """For people: +855 23 880 012 (as given when it is not a valid number)."""
    number = parse_phone(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if number else value


def phone_href(value):
    """tel:+85523880012, or "" when the number is not valid."""
    number = parse_phone(value)
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if number else ""
