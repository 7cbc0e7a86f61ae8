"""The shared vocabularies every app uses: countries, regions, initiatives,
sectors, services, languages and the small enums of the content model.

Keys are the stable identifiers of the content bundle format
(../shared/content/FORMAT.md); labels are translated with gettext, except
country and language names, which come from CLDR via Babel so that they are
right in every locale without anyone typing them.
"""

from functools import cache, lru_cache

from babel import Locale as BabelLocale
from babel.core import UnknownLocaleError
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from pypinyin import Style, lazy_pinyin


class Region(models.TextChoices):
    EAST_ASIA = "east-asia", _("East Asia")
    SOUTHEAST_ASIA = "southeast-asia", _("Southeast Asia")
    SOUTH_ASIA = "south-asia", _("South Asia")
    CENTRAL_ASIA = "central-asia", _("Central Asia")
    WEST_ASIA = "west-asia", _("West Asia and the Middle East")
    AFRICA = "africa", _("Africa")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north-america", _("North America")
    LATIN_AMERICA = "latin-america", _("Latin America")
    OCEANIA = "oceania", _("Oceania")


class Initiative(models.TextChoices):
    BRI = "bri", _("Belt and Road")
    RCEP = "rcep", _("RCEP")
    GBA = "gba", _("Hong Kong / Macao")


def country_group_choices():
    """What a follower may choose besides countries: regions and blocs (RCEP …).
    Which countries each holds is answered by core.related.country_groups()."""
    return [*Initiative.choices, *Region.choices]


def label_of_group(key):
    return dict(country_group_choices()).get(key, key)


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class DigestTopic(models.TextChoices):
    GUIDE_CHANGES = "guide-changes", _("Changes to country guides")
    ADVISORIES = "advisories", _("New advisories")
    EVENTS = "events", _("New events")
    PROVIDERS = "providers", _("New service providers")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")


class Sector(models.TextChoices):
    AUTO_PARTS = "auto-parts", _("Auto parts")
    TEXTILES = "textiles", _("Textiles and garments")
    PHOTOVOLTAICS = "photovoltaics", _("Photovoltaics")
    FINE_CHEMICALS = "fine-chemicals", _("Fine chemicals")
    ELECTRONICS = "electronics", _("Electronics")
    NEW_ENERGY_BATTERIES = "new-energy-batteries", _("New-energy batteries")
    EQUIPMENT = "equipment", _("Equipment manufacturing")
    LOGISTICS = "logistics", _("Logistics")
    FINANCE = "finance", _("Finance")
    ENERGY = "energy", _("Energy")
    AGRICULTURE = "agriculture", _("Agriculture and food")
    DIGITAL = "digital", _("Digital economy")
    # Sectors the outbound investment rules treat as sensitive (the filing navigator asks for them too).
    REAL_ESTATE = "real-estate", _("Real estate")
    HOTELS_ENTERTAINMENT = "hotels-entertainment", _("Hotels, cinemas and entertainment")
    SPORTS_CLUBS = "sports-clubs", _("Sports clubs")
    INVESTMENT_PLATFORMS = "investment-platforms", _("Equity funds and investment platforms without a project")
    NEWS_MEDIA = "news-media", _("News media")
    WEAPONS = "weapons", _("Weapons and military equipment")
    CROSS_BORDER_WATER = "cross-border-water", _("Cross-border water resources")


class AdvisoryKind(models.TextChoices):
    IP = "ip", _("Intellectual property")
    LEGAL = "legal", _("Legal")
    SECURITY = "security", _("Security")
    TAX = "tax", _("Tax")
    FOREX = "forex", _("Foreign exchange")
    TRADE = "trade", _("Trade")


class Severity(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    ALERT = "alert", _("Alert")


class PolicyStatus(models.TextChoices):
    """Whether a policy document still applies (the policy library, policies/)."""

    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


class PolicyTopic(models.TextChoices):
    FILING_APPROVAL = "filing_approval", _("Filing and approval")
    FOREIGN_EXCHANGE = "foreign_exchange", _("Foreign exchange")
    TAX = "tax", _("Tax")
    IP = "ip", _("Intellectual property")
    COMPLIANCE_ESG = "compliance_esg", _("Compliance and ESG")
    SECURITY = "security", _("Security")
    FINANCE_INSURANCE = "finance_insurance", _("Finance and insurance")
    SUPPORT_FUNDS = "support_funds", _("Support funds")


class PolicyLevel(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("policy level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("policy level", "Provincial")
    CITY = "city", pgettext_lazy("policy level", "City")


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar")
    MATCHMAKING = "matchmaking", _("Matchmaking")


class ProviderKind(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    LAW_FIRM = "law-firm", _("Law firm")
    ACCOUNTING = "accounting", _("Accounting")
    CONSULTING = "consulting", _("Consulting")
    FINANCE = "finance", _("Bank and finance")
    INSURANCE = "insurance", _("Insurance")
    LOGISTICS = "logistics", _("Logistics")
    INDUSTRIAL_PARK = "industrial-park", _("Industrial park")


class Service(models.TextChoices):
    COMPANY_SETUP = "company-setup", _("Company set-up")
    IP = "ip", _("Intellectual property")
    TAX = "tax", _("Tax")
    AUDIT = "audit", _("Audit")
    LABOUR = "labour", _("Labour and employment")
    VISA = "visa", _("Visas and work permits")
    CUSTOMS = "customs", _("Customs")
    FINANCING = "financing", _("Financing")
    INSURANCE = "insurance", _("Insurance")
    DISPUTE_RESOLUTION = "dispute-resolution", _("Dispute resolution")
    MARKET_RESEARCH = "market-research", _("Market research")
    BANK_ACCOUNT = "bank-account", _("Bank accounts")
    BOI_REPORTING = "boi-reporting", _("Investment board reporting")
    CASH_MANAGEMENT = "cash-management", _("Cash management")
    CERTIFICATES_OF_ORIGIN = "certificates-of-origin", _("Certificates of origin")
    CERTIFICATION = "certification", _("Certification")
    CLAIMS = "claims", _("Insurance claims")
    COMMUNITY_RELATIONS = "community-relations", _("Community relations")
    COMPANY_SECRETARY = "company-secretary", _("Company secretary")
    COMPLIANCE = "compliance", _("Compliance")
    CONTRACTS = "contracts", _("Contracts")
    CROSS_BORDER_RMB = "cross-border-rmb", _("Cross-border RMB")
    DANGEROUS_GOODS = "dangerous-goods", _("Dangerous goods")
    DATA_PROTECTION = "data-protection", _("Data protection")
    DISTRIBUTION = "distribution", _("Distribution")
    EMPLOYEE_BENEFITS = "employee-benefits", _("Employee benefits")
    ENVIRONMENTAL_PERMITS = "environmental-permits", _("Environmental permits")
    FACTORY_LEASING = "factory-leasing", _("Factory leasing")
    FOREX = "forex", _("Foreign exchange")
    FREIGHT_FORWARDING = "freight-forwarding", _("Freight forwarding")
    IMMEX = "immex", _("IMMEX programme")
    INCENTIVES = "incentives", _("Investment incentives")
    INVESTMENT_REPORTING = "investment-reporting", _("Investment reporting")
    INVESTMENT_SCREENING = "investment-screening", _("Investment screening")
    LAND = "land", _("Land")
    LICENSING = "licensing", _("Licensing")
    MATCHMAKING = "matchmaking", _("Business matchmaking")
    PAYROLL = "payroll", _("Payroll")
    PRODUCT_CONFORMITY = "product-conformity", _("Product conformity")
    PROJECT_CARGO = "project-cargo", _("Project cargo")
    RAIL_FREIGHT = "rail-freight", _("Rail freight")
    RISK_ASSESSMENT = "risk-assessment", _("Risk assessment")
    SECURITY = "security", _("Security")
    SITE_SELECTION = "site-selection", _("Site selection")
    TRADE_FINANCE = "trade-finance", _("Trade finance")
    TRANSFER_PRICING = "transfer-pricing", _("Transfer pricing")
    TRANSLATION = "translation", _("Translation and interpreting")
    TREASURY = "treasury", _("Treasury")
    UTILITIES = "utilities", _("Utilities")
    WAREHOUSING = "warehousing", _("Warehousing")


# ---------------------------------------------------------------- countries

# Babel's territory list also holds groupings, private-use and exceptionally
# reserved codes that are not ISO 3166-1 countries.
_NOT_ISO_3166_1 = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}


def _babel_locale(language_code=None):
    """The CLDR locale for a Django language code (zh-hans -> zh_Hans)."""
    code = (language_code or get_language() or "zh-hans").replace("-", "_")
    try:
        return _parse_locale(code)
    except (UnknownLocaleError, ValueError):
        return _parse_locale("zh_Hans")


@cache
def _parse_locale(code):
    parts = code.split("_")
    if len(parts) == 2 and len(parts[1]) == 4:
        code = f"{parts[0]}_{parts[1].title()}"
    return BabelLocale.parse(code)


@cache
def country_codes():
    """Every ISO 3166-1 alpha-2 code, as a frozenset."""
    territories = _parse_locale("en").territories
    return frozenset(c for c in territories if len(c) == 2 and c.isalpha() and c not in _NOT_ISO_3166_1)


def is_country_code(code):
    return isinstance(code, str) and code in country_codes()


# Where CLDR's name differs from the usage of the Chinese government, which
# this site follows: code -> {CLDR language: name}. Kept to what official
# usage clearly dictates:
# - TW: a province of China: 中国台湾 and "Taiwan, China" (CLDR: 台湾, "Taiwan").
# - HK, MO: CLDR's Chinese names (中国香港特别行政区, 中国澳门特别行政区) are the
#   official ones; the English ones get the comma of "Hong Kong SAR, China"
#   (CLDR: "Hong Kong SAR China").
# - PS: China recognises the State of Palestine: 巴勒斯坦, "Palestine"
#   (CLDR: 巴勒斯坦领土, "Palestinian Territories").
# Kosovo (XK) is not an ISO 3166-1 code and is not offered at all. CLDR's
# North Macedonia, Türkiye, Eswatini etc. already match official usage.
COUNTRY_NAME_OVERRIDES = {
    "TW": {"zh_Hans": "中国台湾", "en": "Taiwan, China"},
    "HK": {"en": "Hong Kong SAR, China"},
    "MO": {"en": "Macao SAR, China"},
    "PS": {"zh_Hans": "巴勒斯坦", "en": "Palestine"},
}


# Parts of China that ISO 3166-1 codes separately: there is no Chinese embassy
# or consulate there, and consular protection (12308) is for citizens abroad,
# so nothing that assumes a foreign country (an emergency card) is made for them.
REGIONS_OF_CHINA = frozenset({"HK", "MO", "TW"})


def country_name(code, language_code=None):
    """The country's name in the given (default: active) language: CLDR's,
    or the official one from COUNTRY_NAME_OVERRIDES where they differ."""
    return _country_name(code, language_code or get_language() or "zh-hans")


@lru_cache(maxsize=4096)
def _country_name(code, language_code):
    # Search names a couple of hundred countries a page (its facets): the CLDR look-up each time cost ~1 ms.
    locale = _babel_locale(language_code)
    override = COUNTRY_NAME_OVERRIDES.get(code, {}).get(str(locale))
    return override or locale.territories.get(code, code)


def country_choices(language_code=None):
    """(code, name) pairs sorted the way readers of that language expect."""
    pairs = [(code, country_name(code, language_code)) for code in country_codes()]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language_code))


# ---------------------------------------------------------------- languages


def is_language_tag(tag):
    """A BCP 47 tag that CLDR knows (zh, en, km, yue, pt-BR, zh-Hant …)."""
    if not isinstance(tag, str) or not tag:
        return False
    try:
        BabelLocale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


def language_name(tag, language_code=None):
    """The language's name in the given (default: active) language, with a
    territory named as country_name names it (zh-Hant-TW: 中文（繁体，中国台湾）)."""
    try:
        parsed = BabelLocale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return tag
    locale = _babel_locale(language_code)
    name = parsed.get_display_name(locale) or tag
    if parsed.territory in COUNTRY_NAME_OVERRIDES:
        name = name.replace(locale.territories[parsed.territory], country_name(parsed.territory, language_code))
    return name


# ---------------------------------------------------------------- ordering


def collation_key(text, language_code=None):
    """Sort key for names: pinyin for Chinese readers, case-folded otherwise.

    Pinyin with tone numbers gives 阿联酋 (a1 lian2 qiu2), 德国 (de2 guo2),
    柬埔寨 (jian3 pu3 zhai4): the order of a Chinese dictionary.
    """
    return _collation_key(str(text or ""), language_code or get_language() or "zh-hans")


@lru_cache(maxsize=8192)  # names (countries, titles) repeat on every listing; pinyin is slow to work out
def _collation_key(text, language_code):
    if language_code.startswith("zh"):
        return " ".join(lazy_pinyin(text, style=Style.TONE3, errors="default")).casefold()
    return text.casefold()


def label(choices, value):
    """The translated label of a choice key, or the key itself when unknown."""
    try:
        return choices(value).label
    except ValueError:
        return value
