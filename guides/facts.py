"""The facts panel: the five structured facts of a guide, formatted for the
reader's language by CLDR (Babel), each with its optional source and
"verified on" date. Used by the guide page and the compare table."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import get_timezone_location
from babel.numbers import format_compact_decimal, format_decimal, get_currency_name
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.vocabularies import RiskLevel, label

FACT_NAMES = ("capital", "currency", "population_millions", "gdp_usd_billions", "time_zone")

FACT_LABELS = {
    "capital": gettext_lazy("Capital"),
    "currency": gettext_lazy("Currency"),
    "population_millions": gettext_lazy("Population"),
    "gdp_usd_billions": gettext_lazy("GDP"),
    "time_zone": gettext_lazy("Time zone"),
}
# What the change log tracks: the facts and the risk level.
CHANGE_LABELS = {**FACT_LABELS, "risk_level": gettext_lazy("Risk level")}


@dataclass(frozen=True)
class Fact:
    name: str  # "capital", …: also the model field's name
    label: str
    value: str  # formatted for the reader; "" when unknown
    source: str = ""
    verified: date | None = None

    @property
    def html_id(self):
        return f"fact-{self.name.replace('_', '-')}"


def babel_locale(language_code=None):
    """zh-hans → zh_Hans, en → en (Babel's spelling of Django's codes)."""
    language, _sep, script = (language_code or get_language() or "zh-hans").partition("-")
    return f"{language}_{script.title()}" if script else language


SIGNIFICANT_DIGITS = 3


def format_compact(number, language_code=None):
    """101.3e6 → “101.3 million” / “1.01亿”: CLDR's long compact form with at
    least one decimal and at least three significant figures (one decimal
    alone would round 1.013亿 to “1亿”)."""
    locale = babel_locale(language_code)
    for fraction_digits in range(1, SIGNIFICANT_DIGITS + 1):
        text = format_compact_decimal(number, format_type="long", fraction_digits=fraction_digits, locale=locale)
        if len("".join(filter(str.isdigit, text)).lstrip("0")) >= SIGNIFICANT_DIGITS:
            break
    return text


def format_population(millions, language_code=None):
    """17.6 → “17.6 million” / “1760万”; 101.3 → “101.3 million” / “1.01亿”."""
    if millions is None:
        return ""
    return format_compact(millions * 1_000_000, language_code)


def format_usd(amount, language_code=None, compact=True):
    """46e9 → “US$46 billion” / “460亿美元”."""
    if compact:
        number = format_compact(amount, language_code)
    else:
        number = format_decimal(round(amount), locale=babel_locale(language_code))
    return _("US$%(amount)s") % {"amount": number}


def format_gdp(billions, language_code=None):
    if billions is None:
        return ""
    return format_usd(billions * 1_000_000_000, language_code)


def gdp_per_capita(billions, millions):
    if billions is None or not millions:
        return None
    return billions * 1000 / millions


def format_currency(code, language_code=None):
    """KHR → “Cambodian Riel (KHR)” / “柬埔寨瑞尔 (KHR)”."""
    if not code:
        return ""
    return _("%(name)s (%(code)s)") % {
        "name": get_currency_name(code, locale=babel_locale(language_code)),
        "code": code,
    }


def utc_offset(time_zone, on=None):
    """“UTC+7”, “UTC+5:30”, “UTC−3” on a given day (summer time included)."""
    moment = datetime.combine(on or date.today(), datetime.min.time().replace(hour=12), ZoneInfo(time_zone))
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_time_zone(time_zone, language_code=None, on=None):
    """Asia/Phnom_Penh → “UTC+7 (Phnom Penh)” / “UTC+7 (金边)”."""
    if not time_zone:
        return ""
    city = get_timezone_location(time_zone, locale=babel_locale(language_code), return_city=True)
    return _("%(offset)s (%(city)s)") % {"offset": utc_offset(time_zone, on), "city": city}


def facts_of(guide, language_code=None, today=None):
    """The guide's facts, formatted, in panel order (unknown facts included, value "")."""
    values = {
        "capital": guide.capital,
        "currency": format_currency(guide.currency, language_code),
        "population_millions": format_population(guide.population_millions, language_code),
        "gdp_usd_billions": format_gdp(guide.gdp_usd_billions, language_code),
        "time_zone": format_time_zone(guide.time_zone, language_code, on=today),
    }
    return [
        Fact(
            name=name,
            label=str(FACT_LABELS[name]),
            value=values[name],
            source=getattr(guide, f"{name}_source", ""),
            verified=getattr(guide, f"{name}_verified", None),
        )
        for name in FACT_NAMES
    ]


def format_stored_value(name, stored, language_code=None, today=None):
    """A fact's value as the change log stores it (text: "17.6", "KHR",
    "medium") formatted like the facts panel; the risk level by its label."""
    if not stored:
        return ""
    if name == "population_millions":
        return format_population(float(stored), language_code)
    if name == "gdp_usd_billions":
        return format_gdp(float(stored), language_code)
    if name == "currency":
        return format_currency(stored, language_code)
    if name == "time_zone":
        return format_time_zone(stored, language_code, on=today)
    if name == "risk_level":
        return str(label(RiskLevel, stored))
    return stored
