"""Reading the directory's list values as people type them (languages and
services in a form or a spreadsheet cell), and checking them as stored.

Keys, country codes, phone numbers and web addresses follow the site-wide
rules in core.validators, which the content bundle validator applies too."""

import re
from functools import cache

from babel import Locale as BabelLocale
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.vocabularies import Service, is_language_tag

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
