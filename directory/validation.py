"""Checks and normalisation shared by the model, the admin form, the public
application form and the spreadsheet import: one rule for each value,
whichever door it comes in by."""

import re
from functools import cache

import phonenumbers
from babel import Locale as BabelLocale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.vocabularies import Service, is_country_code, is_language_tag

# Same shape as the content bundle's keys (../shared/content/FORMAT.md).
KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_MAX_LENGTH = 100
# Keys become URLs under the directory page: they must not shadow its routes.
RESERVED_KEYS = frozenset({"apply"})

validate_key_shape = RegexValidator(
    KEY_PATTERN,
    _("Use lowercase letters, digits and single hyphens, e.g. “mekong-legal”."),
    code="invalid_key",
)


def validate_key(value):
    validate_key_shape(value)
    if value in RESERVED_KEYS:
        raise ValidationError(_("“%(value)s” is reserved for the directory's own pages."), params={"value": value})


def validate_country_code(value):
    if not is_country_code(value):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 country code (two capital letters, e.g. KH)."),
            code="invalid_country",
            params={"value": value},
        )


# ---------------------------------------------------------------- phone numbers

PHONE_HINT = _("Write it in international form, starting with + and the country code, e.g. +855 23 880 012.")


def normalise_phone(value):
    """The number in E.164 (+85523880012), or ValidationError saying why not."""
    text = (value or "").strip()
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(value)s” is not a phone number we can read. %(hint)s"),
            code="invalid_phone",
            params={"value": text, "hint": PHONE_HINT},
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. %(hint)s"),
            code="invalid_phone",
            params={"value": text, "hint": PHONE_HINT},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164(value):
    if value and normalise_phone(value) != value:
        raise ValidationError(
            _("Store the phone number in E.164 form, e.g. +85523880012."), code="not_e164", params={"value": value}
        )


def format_phone(value):
    """For people: +855 23 880 012."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# ---------------------------------------------------------------- languages

# Commas, semicolons and slashes in both scripts, and white space.
LIST_SEPARATORS = re.compile(r"[,;/\s，；、]+")
# What a tag looks like (zh, yue, zh-Hant, pt_BR), as opposed to a language's name.
TAG_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def canonical_language_tag(tag):
    """BCP 47 conventional case: zh-Hant, pt-BR, yue."""
    parts = tag.replace("_", "-").split("-")
    canonical = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            canonical.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            canonical.append(part.upper())
        else:
            canonical.append(part.lower())
    return "-".join(canonical)


@cache
def _language_names():
    """Language names in every site language (English, 英语, Khmer, 高棉语 …) → tag."""
    names = {}
    for code, _name in settings.LANGUAGES:
        for tag, name in BabelLocale.parse(code, sep="-").languages.items():
            names.setdefault(name.casefold(), tag.replace("_", "-"))
    return names


def parse_languages(text):
    """'zh, en, Khmer' or '中文、英语' → ['zh', 'en', 'km'], or ValidationError
    naming every word that is neither a BCP 47 tag nor a language name."""
    tags, unknown = [], []
    for token in LIST_SEPARATORS.split(text or ""):
        if not token:
            continue
        if TAG_SHAPE.match(token) and is_language_tag(token.replace("_", "-")):
            tag = canonical_language_tag(token)
        elif (named := _language_names().get(token.casefold())) is not None:
            tag = named
        else:
            unknown.append(token)
            continue
        if tag not in tags:
            tags.append(tag)
    if unknown:
        raise ValidationError(
            _("We do not recognise the language(s) %(unknown)s: use language names or codes such as zh, en, km."),
            code="invalid_language",
            params={"unknown": ", ".join(f"“{word}”" for word in unknown)},
        )
    return tags


def validate_language_tags(value):
    if not isinstance(value, list) or not all(isinstance(tag, str) and is_language_tag(tag) for tag in value):
        raise ValidationError(_("Languages must be a list of BCP 47 tags, e.g. zh, en, km."), code="invalid_language")


# ---------------------------------------------------------------- services


def parse_services(text):
    """'company-setup, ip' → ['company-setup', 'ip'], or ValidationError naming the unknown keys."""
    keys, unknown = [], []
    for token in LIST_SEPARATORS.split(text or ""):
        if not token:
            continue
        key = token.lower()
        if key not in Service.values:
            unknown.append(token)
        elif key not in keys:
            keys.append(key)
    if unknown:
        raise ValidationError(
            _("Unknown service(s) %(unknown)s: use the service keys listed on this page, e.g. company-setup, tax."),
            code="invalid_service",
            params={"unknown": ", ".join(f"“{word}”" for word in unknown)},
        )
    return keys


def validate_services(value):
    if not isinstance(value, list) or not all(key in Service.values for key in value):
        raise ValidationError(_("Services must be a list of service keys."), code="invalid_service")
