"""Validation of a content bundle (../shared/content/FORMAT.md, version 1).

The whole document is checked before anything is written, and every problem
is reported with its JSON path, e.g.
`guides[3].translations.en.sections[1].body: tag <script> is not allowed`.
Nothing here touches the database: the rules come from the format, from
core.vocabularies and from core.validators (the same field rules the models,
the admin and the public forms apply, so whatever the admin refuses a bundle
cannot bring in), and the validator runs even where the content models are
not installed.

Unknown fields are refused rather than dropped, for the same reason the
format refuses disallowed HTML: a bundle should never lose content silently.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core import validators
from core.vocabularies import (
    AdvisoryKind,
    EventKind,
    Initiative,
    PolicyLevel,
    PolicyStatus,
    PolicyTopic,
    ProviderKind,
    Region,
    RiskLevel,
    Sector,
    Service,
    Severity,
    is_language_tag,
)
from filing.choices import AmountCondition, Financing, InvestorType, Level, Mode, ProcedureKind, Sensitivity
from guides.blocks import INCIDENT_CHOICES, MISSION_KINDS

from .images import check_image_file, described, image_object

FORMAT = "outbound-content/1"
# Version 1.1 adds images (interchange/images.py); a 1.0 bundle is read as before.
FORMATS = (FORMAT, "outbound-content/1.1")
# Format 1.1 adds the emergency_cards and policies lists (after the directory: they name no item of
# another list; a policy may name another policy, its replacement), then the filing navigator's rules
# (after the policies they cite; thresholds before the procedures that name them).
FILING_RULE_LISTS = (
    "filing_thresholds",
    "filing_sensitive_industries",
    "filing_sensitive_countries",
    "filing_procedures",
)
LISTS_1_1 = ("emergency_cards", "policies", *FILING_RULE_LISTS)
LISTS = ("guides", "advisories", "events", "directory", *LISTS_1_1)

TITLE_MAX_LENGTH = 255  # wagtail Page.title
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Python's fromisoformat accepts more than the format allows (week dates,
# no separators); the pattern pins the shape, fromisoformat the calendar.
DATETIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$")
TAG_IN_TEXT = re.compile(r"<\s*/?\s*[a-zA-Z!]")

ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Void in HTML: never closed, so never on the stack of open tags (even when
# the tag itself is refused, like <img>).
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


class BundleError(Exception):
    """The bundle cannot be imported; `problems` says everything that is wrong."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


# ---------------------------------------------------------------- parsing


class JSONObject(dict):
    """A JSON object that remembers member names it saw more than once
    (json.loads would otherwise keep the last one silently)."""

    duplicate_names = ()


def _object_pairs(pairs):
    obj = JSONObject(pairs)
    if len(obj) != len(pairs):
        seen, duplicates = set(), []
        for name, _value in pairs:
            if name in seen and name not in duplicates:
                duplicates.append(name)
            seen.add(name)
        obj.duplicate_names = tuple(duplicates)
    return obj


def _refuse_constant(name):
    raise ValueError(_("%(name)s is not allowed in JSON") % {"name": name})


def parse_bundle(raw):
    """(data, problems) from the bytes or text of a bundle file."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return None, [Problem("", _("the file is not UTF-8 text (byte %(position)d)") % {"position": error.start})]
    try:
        data = json.loads(raw, object_pairs_hook=_object_pairs, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        message = _("not valid JSON: %(error)s (line %(line)d, column %(column)d)") % {
            "error": error.msg,
            "line": error.lineno,
            "column": error.colno,
        }
        return None, [Problem("", message)]
    except ValueError as error:
        return None, [Problem("", str(error))]
    return data, []


def load_bundle(raw, base_dir=None):
    """The validated bundle, or BundleError listing every problem. Image files
    (format 1.1) are looked for under `base_dir`, the bundle file's folder."""
    data, problems = parse_bundle(raw)
    if not problems:
        problems = validate_bundle(data, base_dir=base_dir)
    if problems:
        raise BundleError(problems)
    return data


# ---------------------------------------------------------------- field rules

INVALID = object()  # what a check returns for a value it reported


@dataclass(frozen=True)
class Field:
    check: Callable  # (validator, value, path) -> parsed value or INVALID
    required: bool = True
    nullable: bool = False


def _is_text(value):
    return isinstance(value, str)


def plain_text(*, required=True, max_length=None, single_line=False):
    def check(v, value, path):
        if not _is_text(value):
            return v.report(path, _("must be text"))
        if required and not value.strip():
            return v.report(path, _("must not be empty"))
        if max_length and len(value) > max_length:
            return v.report(path, _("must be at most %(max)d characters long") % {"max": max_length})
        # Control characters (and line breaks in a one-line field) are refused,
        # not removed, as the admin refuses them: the same rule, the same message.
        line_rule = validators.validate_single_line_text if single_line else validators.validate_multiline_text
        try:
            line_rule(value)
        except ValidationError as error:
            return v.report(path, " ".join(error.messages))
        if TAG_IN_TEXT.search(value):
            return v.report(path, _("is plain text: HTML tags are not allowed here"))
        return value

    return check


def rule(validate):
    """A check that applies one of core.validators' rules and reports its message."""

    def check(v, value, path):
        try:
            validate(value)
        except ValidationError as error:
            return v.report(path, " ".join(error.messages))
        return value

    return check


def text_rule(validate):
    """`rule` for a value that must be text: the rules expect a string."""
    inner = rule(validate)

    def check(v, value, path):
        if not _is_text(value):
            return v.report(path, _("must be text"))
        return inner(v, value, path)

    return check


key = text_rule(validators.validate_key)
directory_key = text_rule(validators.validate_directory_key)
country = text_rule(validators.validate_country_code)
url = text_rule(validators.validate_web_url)
phone = text_rule(validators.validate_e164)
currency = text_rule(validators.validate_currency_code)
time_zone = text_rule(validators.validate_time_zone)
email = text_rule(validate_email)


def enum(choices):
    def check(v, value, path):
        if value not in choices.values:
            return v.report(
                path,
                _("%(value)s is not one of: %(choices)s")
                % {"value": _quoted(value), "choices": ", ".join(choices.values)},
            )
        return value

    return check


def list_of(item_check, *, unique=True):
    def check(v, value, path):
        if not isinstance(value, list):
            return v.report(path, _("must be a list"))
        parsed, seen = [], set()
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            result = item_check(v, item, item_path)
            if result is INVALID:
                parsed = INVALID
                continue
            if unique and isinstance(item, str | int):
                if item in seen:
                    v.report(item_path, _("%(value)s is listed twice") % {"value": _quoted(item)})
                    parsed = INVALID
                seen.add(item)
            if parsed is not INVALID:
                parsed.append(result)
        return parsed

    return check


def one_of(values):
    """An enum of a block's choices (values, not a TextChoices)."""

    def check(v, value, path):
        if value not in values:
            return v.report(
                path,
                _("%(value)s is not one of: %(choices)s") % {"value": _quoted(value), "choices": ", ".join(values)},
            )
        return value

    return check


def list_length(item_check, *, minimum, maximum):
    """`list_of(item_check)` (repeats allowed) of `minimum` to `maximum` items."""
    inner = list_of(item_check, unique=False)

    def check(v, value, path):
        parsed = inner(v, value, path)
        if isinstance(value, list) and not minimum <= len(value) <= maximum:
            return v.report(path, _("must have %(min)d to %(max)d items") % {"min": minimum, "max": maximum})
        return parsed

    return check


def language_tag(v, value, path):
    if not is_language_tag(value):
        return v.report(path, _("%(value)s is not a BCP 47 language tag") % {"value": _quoted(value)})
    return value


def iso_date(v, value, path):
    if _is_text(value) and DATE_PATTERN.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return v.report(path, _("%(value)s is not a date in the form YYYY-MM-DD") % {"value": _quoted(value)})


def iso_datetime(v, value, path):
    if _is_text(value) and DATETIME_PATTERN.match(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    return v.report(
        path,
        _("%(value)s is not a date-time with an offset, e.g. 2027-03-18T09:30:00+08:00") % {"value": _quoted(value)},
    )


def boolean(v, value, path):
    if not isinstance(value, bool):
        return v.report(path, _("must be true or false"))
    return value


def whole_number(minimum):
    def check(v, value, path):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            return v.report(path, _("must be a whole number of at least %(min)d") % {"min": minimum})
        return value

    return check


def non_negative_number(v, value, path):
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return v.report(path, _("must be a number of at least 0"))
    return value


def rich_text(v, value, path):
    if not _is_text(value):
        return v.report(path, _("must be text (an HTML fragment)"))
    checker = RichTextChecker()
    checker.feed(value)
    checker.close()
    for message in checker.finish():
        v.report(path, message)
    return INVALID if checker.problems else value


def obj(spec):
    def check(v, value, path):
        return v.check_object(value, path, spec)

    return check


def translations(spec):
    def check(v, value, path):
        if not isinstance(value, dict):
            return v.report(path, _("must be an object keyed by locale code"))
        v.check_duplicate_names(value, path)
        parsed = {}
        for code, texts in value.items():
            code_path = f"{path}.{code}"
            if not is_language_tag(code):
                v.report(code_path, _("%(value)s is not a locale code") % {"value": _quoted(code)})
                parsed = INVALID
                continue
            if code not in v.languages:
                v.report(
                    code_path,
                    _("%(value)s is not one of this site's languages (%(languages)s)")
                    % {"value": _quoted(code), "languages": ", ".join(v.languages)},
                )
                parsed = INVALID
                continue
            result = v.check_object(texts, code_path, spec)
            if result is INVALID:
                parsed = INVALID
            elif parsed is not INVALID:
                parsed[code] = result
        if v.source_language not in value:
            v.report(path, _("the source locale %(code)s is missing: it must be present") % {"code": v.source_language})
            return INVALID
        return parsed

    return check


def _quoted(value):
    return f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- rich text


class RichTextChecker(HTMLParser):
    """Checks an HTML fragment against the format's small tag set."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.open_tags = []

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag not in VOID_TAGS:
            self.problems.append(_("<%(tag)s/> must not be self-closing") % {"tag": tag})

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or tag not in self.open_tags:
            self.problems.append(_("</%(tag)s> closes no open <%(tag)s>") % {"tag": tag})
            return
        while (open_tag := self.open_tags.pop()) != tag:
            self.problems.append(_("<%(tag)s> is not closed") % {"tag": open_tag})

    def handle_comment(self, data):
        self.problems.append(_("HTML comments are not allowed"))

    def handle_decl(self, decl):
        self.problems.append(_("declarations are not allowed"))

    def handle_pi(self, data):
        self.problems.append(_("processing instructions are not allowed"))

    def unknown_decl(self, data):
        self.problems.append(_("declarations are not allowed"))

    def _check_tag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(_("tag <%(tag)s> is not allowed") % {"tag": tag})
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(_("attribute %(name)s is not allowed on <%(tag)s>") % {"name": name, "tag": tag})
            elif name == "href" and not is_safe_link(value):
                self.problems.append(
                    _("link %(href)s must be an http, https, mailto or tel URL or a path on this site")
                    % {"href": _quoted(value or "")}
                )
        if tag == "a" and "href" not in dict(attrs):
            self.problems.append(_("<a> needs an href"))

    def finish(self):
        if self.rawdata.strip():
            self.problems.append(_("the HTML ends inside a tag"))
        self.problems.extend(_("<%(tag)s> is not closed") % {"tag": tag} for tag in reversed(self.open_tags))
        return self.problems


def is_safe_link(href):
    if not href or href != href.strip():
        return False
    if href.startswith("/") and not href.startswith("//"):
        return True
    if href.startswith("#"):
        return len(href) > 1
    parts = urlsplit(href)
    if parts.scheme not in LINK_SCHEMES:
        return False
    if parts.scheme in {"http", "https"}:
        try:
            validators.validate_web_url(href)
        except ValidationError:
            return False
        return True
    return bool(parts.path)


# ---------------------------------------------------------------- the lists

SECTION = {
    "heading": Field(plain_text(max_length=TITLE_MAX_LENGTH, single_line=True)),
    "body": Field(rich_text),
}

FACTS = {
    "capital": Field(plain_text(single_line=True, max_length=TITLE_MAX_LENGTH), required=False, nullable=True),
    "currency": Field(currency, required=False, nullable=True),
    "population_millions": Field(non_negative_number, required=False, nullable=True),
    "gdp_usd_billions": Field(non_negative_number, required=False, nullable=True),
    "time_zone": Field(time_zone, required=False, nullable=True),
}

# Format 1.1: a lead image (a logo for directory entries), its texts in each translation (interchange/images.py).
IMAGE = {
    "file": Field(check_image_file),
    "focal_point": Field(
        obj({name: Field(whole_number(0)) for name in ("x", "y", "width", "height")}), required=False, nullable=True
    ),
    "decorative": Field(boolean, required=False),
}
IMAGE_TEXT = Field(plain_text(required=False, single_line=True, max_length=250), required=False)
LEAD_IMAGE_TEXTS = {"lead_image_alt": IMAGE_TEXT, "lead_image_caption": IMAGE_TEXT, "lead_image_credit": IMAGE_TEXT}

TITLE = Field(plain_text(max_length=TITLE_MAX_LENGTH, single_line=True))
SUMMARY = Field(plain_text(required=False), required=False)

GUIDE = {
    "key": Field(key),
    "country": Field(country),
    "region": Field(enum(Region)),
    "initiatives": Field(list_of(enum(Initiative)), required=False),
    "sectors": Field(list_of(enum(Sector)), required=False),
    "risk_level": Field(enum(RiskLevel)),
    "reviewed": Field(iso_date),
    "facts": Field(obj(FACTS), required=False),
    "lead_image": Field(image_object(IMAGE), required=False, nullable=True),
    "translations": Field(
        translations(
            {
                "title": TITLE,
                "summary": SUMMARY,
                # Format 1.1: the capital's name in this language (facts.capital when left out).
                "capital": Field(plain_text(single_line=True, max_length=TITLE_MAX_LENGTH), required=False),
                "sections": Field(list_of(obj(SECTION)), required=False),
                **LEAD_IMAGE_TEXTS,
            }
        )
    ),
}

ADVISORY = {
    "key": Field(key),
    "kind": Field(enum(AdvisoryKind)),
    "severity": Field(enum(Severity)),
    "countries": Field(list_of(country), required=False),
    "issued": Field(iso_date),
    "expires": Field(iso_date, required=False, nullable=True),
    "lead_image": Field(image_object(IMAGE), required=False, nullable=True),
    "translations": Field(
        translations({"title": TITLE, "summary": SUMMARY, "body": Field(rich_text), **LEAD_IMAGE_TEXTS})
    ),
}

EVENT = {
    "key": Field(key),
    "kind": Field(enum(EventKind)),
    "starts": Field(iso_datetime),
    "ends": Field(iso_datetime),
    "online": Field(boolean),
    "capacity": Field(whole_number(1)),
    "registration_opens": Field(iso_datetime, required=False, nullable=True),
    "registration_closes": Field(iso_datetime, required=False, nullable=True),
    "countries": Field(list_of(country), required=False),
    "lead_image": Field(image_object(IMAGE), required=False, nullable=True),
    "translations": Field(
        translations(
            {
                "title": TITLE,
                "summary": SUMMARY,
                "body": Field(rich_text),
                "venue": Field(plain_text(max_length=TITLE_MAX_LENGTH)),
                **LEAD_IMAGE_TEXTS,
            }
        )
    ),
}

DIRECTORY_ENTRY = {
    "key": Field(directory_key),
    "kind": Field(enum(ProviderKind)),
    "country": Field(country),
    "website": Field(url, required=False, nullable=True),
    "email": Field(email, required=False, nullable=True),
    "phone": Field(phone, required=False, nullable=True),
    "languages": Field(list_of(language_tag), required=False),
    "services": Field(list_of(enum(Service)), required=False),
    "logo": Field(image_object(IMAGE), required=False, nullable=True),
    "translations": Field(
        translations(
            {
                "name": Field(plain_text(max_length=TITLE_MAX_LENGTH, single_line=True)),
                "description": Field(plain_text(required=False), required=False),
                "city": Field(
                    plain_text(required=False, single_line=True, max_length=TITLE_MAX_LENGTH), required=False
                ),
                # One line, as the model's address field (a CharField) is.
                "address": Field(plain_text(required=False, single_line=True), required=False),
                "logo_alt": IMAGE_TEXT,
            }
        )
    ),
}


# Format 1.1: a country's emergency card (guides.models.EmergencyCard), matched by its country.
EMERGENCY_NUMBER = Field(plain_text(required=False, single_line=True, max_length=20), required=False)
MISSION = {
    "kind": Field(one_of(tuple(value for value, _label in MISSION_KINDS))),
    "name": Field(plain_text(single_line=True, max_length=150)),
    "address": Field(plain_text(single_line=True, max_length=300)),
    "phone": Field(text_rule(validators.validate_phone)),
    "consular_phone": Field(text_rule(validators.validate_phone), required=False),
    "hours": Field(plain_text(required=False, single_line=True, max_length=150), required=False),
    "district": Field(plain_text(required=False, single_line=True, max_length=300), required=False),
}
INCIDENT = {
    "incident": Field(one_of(tuple(value for value, _label in INCIDENT_CHOICES))),
    "steps": Field(list_length(plain_text(single_line=True, max_length=200), minimum=1, maximum=6)),
}
EMERGENCY_CARD = {
    "country": Field(text_rule(validators.validate_foreign_country_code)),
    "reviewed": Field(iso_date),
    "numbers_are_examples": Field(boolean, required=False),
    "police": EMERGENCY_NUMBER,
    "ambulance": EMERGENCY_NUMBER,
    "fire": EMERGENCY_NUMBER,
    "centre_incident_phone": Field(text_rule(validators.validate_phone), required=False),
    "centre_incident_email": Field(email, required=False),
    "translations": Field(
        translations(
            {
                "missions": Field(list_of(obj(MISSION))),
                "first_steps": Field(list_of(obj(INCIDENT)), required=False),
            }
        )
    ),
}


# Format 1.1: a policy document (policies.models.PolicyPage); superseded_by is another policy's key.
POLICY = {
    "key": Field(key),
    "issued_on": Field(iso_date),
    "in_force_on": Field(iso_date, required=False, nullable=True),
    "status": Field(enum(PolicyStatus), required=False),
    "superseded_by": Field(key, required=False, nullable=True),
    "topic": Field(enum(PolicyTopic)),
    "level": Field(enum(PolicyLevel)),
    "source_url": Field(url, required=False, nullable=True),
    "translations": Field(
        translations(
            {
                "title": TITLE,
                "document_number": Field(plain_text(required=False, single_line=True, max_length=100), required=False),
                "issuing_body": Field(plain_text(single_line=True, max_length=200)),
                "summary": SUMMARY,
                "body": Field(rich_text, required=False),
            }
        )
    ),
}


def replaced_only_when_not_in_force(v, parsed, path):
    """A document with a replacement is amended or repealed, and not its own replacement (as the model says)."""
    replacement = parsed.get("superseded_by")
    if not isinstance(replacement, str):
        return
    if replacement == parsed.get("key"):
        v.report(f"{path}.superseded_by", _("a document cannot replace itself"))
    if parsed.get("status", PolicyStatus.IN_FORCE) == PolicyStatus.IN_FORCE:
        v.report(f"{path}.status", _("must be amended or repealed when superseded_by is given"))


def no_replacement_cycles(v, items):
    """superseded_by never leads back to where it started (the import places replacements first)."""
    replaced_by = {
        item["key"]: item.get("superseded_by")
        for item in items
        if isinstance(item, dict) and isinstance(item.get("key"), str)
    }
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            continue
        seen, current = {item["key"]}, replaced_by.get(item["key"])
        while isinstance(current, str) and current in replaced_by:
            if current in seen:
                if current == item["key"] and replaced_by[current] != current:
                    v.report(f"policies[{index}].superseded_by", _("the replacements go round in a circle"))
                break
            seen.add(current)
            current = replaced_by[current]


# Format 1.1: the filing navigator's rules (filing.models). Each cites the policy it comes from by
# the policies list's key and carries the date from which it applies.
RULE_CITATION = {
    "applies_from": Field(iso_date),
    "policy": Field(key, required=False, nullable=True),
}
AMOUNT_MAX_MILLION_USD = 10**10  # the model keeps 12 digits, 2 of them after the point


def amount_million_usd(v, value, path):
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return v.report(path, _("must be a number of at least 0"))
    if value >= AMOUNT_MAX_MILLION_USD or round(value, 2) != value:
        return v.report(path, _("must be less than 10000000000, with at most two decimal places"))
    return value


FILING_THRESHOLD = {
    "key": Field(key),
    "name": Field(plain_text(single_line=True, max_length=200)),
    "amount_million_usd": Field(amount_million_usd),
    **RULE_CITATION,
}
REASON = {"reason": Field(plain_text())}
FILING_SENSITIVE_INDUSTRY = {
    "sector": Field(enum(Sector)),
    **RULE_CITATION,
    "translations": Field(translations(REASON)),
}
FILING_SENSITIVE_COUNTRY = {
    "country": Field(country),
    **RULE_CITATION,
    "translations": Field(translations(REASON)),
}
OPTIONAL_LINE = Field(plain_text(required=False, single_line=True, max_length=200), required=False)
FILING_PROCEDURE = {
    "key": Field(key),
    "kind": Field(enum(ProcedureKind)),
    "level": Field(enum(Level)),
    "sort_order": Field(whole_number(0), required=False),
    "investor_types": Field(list_of(enum(InvestorType)), required=False),
    "modes": Field(list_of(enum(Mode)), required=False),
    "financings": Field(list_of(enum(Financing)), required=False),
    "sensitivity": Field(enum(Sensitivity), required=False),
    "threshold": Field(key, required=False, nullable=True),
    "amount_condition": Field(enum(AmountCondition), required=False),
    **RULE_CITATION,
    "online_system_url": Field(url, required=False),
    "local_office_is_example": Field(boolean, required=False),
    "translations": Field(
        translations(
            {
                "name": Field(plain_text(single_line=True, max_length=200)),
                "authority": Field(plain_text(single_line=True, max_length=200)),
                "why": Field(plain_text(required=False), required=False),
                "documents": Field(list_of(plain_text(single_line=True), unique=False), required=False),
                "typical_time": OPTIONAL_LINE,
                "online_system": OPTIONAL_LINE,
                "local_office": Field(plain_text(required=False), required=False),
            }
        )
    ),
}


def amount_condition_needs_threshold(v, parsed, path):
    """\"at or above\" or \"below\" what? A condition on the amount names its threshold."""
    condition = parsed.get("amount_condition", AmountCondition.ANY)
    if condition not in (AmountCondition.ANY, INVALID) and not parsed.get("threshold"):
        v.report(
            f"{path}.threshold", _("is required when amount_condition is %(value)s") % {"value": _quoted(condition)}
        )


def _mission_numbers(translation):
    """[(kind, phone, consular_phone)] of a translation's missions; None when
    they are already reported (one problem is enough)."""
    missions = translation.get("missions") if isinstance(translation, dict) else None
    if not isinstance(missions, list) or not all(isinstance(mission, dict) for mission in missions):
        return None
    numbers = [tuple(mission.get(name) or "" for name in ("kind", "phone", "consular_phone")) for mission in missions]
    return None if any(value is INVALID for row in numbers for value in row) else numbers


def same_numbers_in_every_language(v, parsed, path):
    """A mission's kind and phone numbers are one fact, whatever the language:
    each translation lists the source's missions, in its order, with its numbers."""
    texts = parsed.get("translations")
    source = _mission_numbers(texts.get(v.source_language)) if isinstance(texts, dict) else None
    if source is None:
        return
    for code, translation in texts.items():
        numbers = _mission_numbers(translation)
        if code != v.source_language and numbers is not None and numbers != source:
            v.report(
                f"{path}.translations.{code}.missions",
                _("must list the %(code)s missions in the same order, with the same kind and phone numbers")
                % {"code": v.source_language},
            )


# The field that identifies an item of a list (duplicates are refused, imports
# match by it): `key`, except for emergency cards, one per country.
ITEM_KEYS = {
    "emergency_cards": "country",
    "filing_sensitive_industries": "sector",
    "filing_sensitive_countries": "country",
}


def key_field(list_name):
    return ITEM_KEYS.get(list_name, "key")


def _order(first, second, message, *, strictly=False):
    """A rule between two parsed fields of one item: `second` must come after
    `first` (or at the same moment, unless `strictly`)."""

    def check(v, parsed, path):
        a, b = parsed.get(first), parsed.get(second)
        if isinstance(a, date | datetime) and isinstance(b, date | datetime) and (b <= a if strictly else b < a):
            v.report(f"{path}.{second}", message())

    return check


ITEM_RULES = {
    "guides": (GUIDE, [described("lead_image")]),
    "advisories": (
        ADVISORY,
        [_order("issued", "expires", lambda: _("must not be before issued")), described("lead_image")],
    ),
    "events": (
        EVENT,
        [
            described("lead_image"),
            _order("starts", "ends", lambda: _("must be after starts"), strictly=True),
            _order(
                "registration_opens",
                "registration_closes",
                lambda: _("must be after registration_opens"),
                strictly=True,
            ),
            _order("registration_closes", "starts", lambda: _("must not be before registration_closes")),
        ],
    ),
    "directory": (DIRECTORY_ENTRY, [described("logo")]),
    "emergency_cards": (EMERGENCY_CARD, [same_numbers_in_every_language]),
    "policies": (
        POLICY,
        [
            _order("issued_on", "in_force_on", lambda: _("must not be before issued_on")),
            replaced_only_when_not_in_force,
        ],
    ),
    "filing_thresholds": (FILING_THRESHOLD, []),
    "filing_sensitive_industries": (FILING_SENSITIVE_INDUSTRY, []),
    "filing_sensitive_countries": (FILING_SENSITIVE_COUNTRY, []),
    "filing_procedures": (FILING_PROCEDURE, [amount_condition_needs_threshold]),
}
# Rules over a whole list, after its items: (validator, the raw items).
LIST_RULES = {"policies": [no_replacement_cycles]}


# ---------------------------------------------------------------- the validator


class Validator:
    def __init__(self, languages=None, source_language=None, base_dir=None):
        self.base_dir = base_dir  # where image files are (None: a bundle from standard input)
        self.languages = tuple(languages or (code for code, _name in settings.LANGUAGES))
        self.source_language = source_language or settings.LANGUAGE_CODE
        self.problems = []

    def report(self, path, message):
        self.problems.append(Problem(path, str(message)))
        return INVALID

    def check_duplicate_names(self, value, path):
        for name in getattr(value, "duplicate_names", ()):
            self.report(f"{path}.{name}" if path else name, _("appears more than once in the same object"))

    def check_object(self, value, path, spec):
        if not isinstance(value, dict):
            return self.report(path, _("must be an object"))
        self.check_duplicate_names(value, path)
        parsed = {}
        for name in value:
            if name not in spec:
                self.report(f"{path}.{name}", _("unknown field"))
        for name, field in spec.items():
            field_path = f"{path}.{name}"
            if name not in value:
                if field.required:
                    self.report(field_path, _("is required"))
                continue
            if value[name] is None:
                if not field.nullable:
                    self.report(field_path, _("must not be null"))
                parsed[name] = None
                continue
            parsed[name] = field.check(self, value[name], field_path)
        return parsed

    def validate(self, data):
        if not isinstance(data, dict):
            self.report("", _("the document must be a JSON object"))
            return self.problems
        self.check_duplicate_names(data, "")
        if data.get("format") not in FORMATS:
            self.report("format", _("must be %(expected)s") % {"expected": _quoted(FORMAT)})
        for name in data:
            if name != "format" and name not in LISTS:
                self.report(name, _("unknown field"))
        for list_name in LISTS:
            items = data.get(list_name)
            if items is None:
                continue
            if not isinstance(items, list):
                self.report(list_name, _("must be a list"))
                continue
            self._validate_list(list_name, items)
        return self.problems

    def _validate_list(self, list_name, items):
        spec, rules = ITEM_RULES[list_name]
        first_use = {}
        for index, item in enumerate(items):
            path = f"{list_name}[{index}]"
            parsed = self.check_object(item, path, spec)
            if parsed is INVALID:
                continue
            for rule in rules:
                rule(self, parsed, path)
            item_key_field = key_field(list_name)
            item_key = parsed.get(item_key_field)
            if isinstance(item_key, str):
                if item_key in first_use:
                    self.report(
                        f"{path}.{item_key_field}",
                        _("duplicate key %(key)s (first used at %(path)s)")
                        % {"key": _quoted(item_key), "path": first_use[item_key]},
                    )
                else:
                    first_use[item_key] = path
        for list_rule in LIST_RULES.get(list_name, ()):
            list_rule(self, items)


def validate_bundle(data, *, languages=None, source_language=None, base_dir=None):
    """Every problem in an already parsed bundle, as a list of Problem."""
    return Validator(languages, source_language, base_dir).validate(data)
