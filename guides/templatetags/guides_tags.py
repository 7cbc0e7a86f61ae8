"""Template helpers for guides, and the one other apps may use:

{% load guides_tags %}{% country_guide_url "KH" as guide_url %}
{% if guide_url %}<a href="{{ guide_url }}">…</a>{% endif %}
"""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from core.related import country_guide_urls
from core.validators import format_phone, phone_href
from guides.blocks import section_anchor as anchor_for_block
from guides.facts import format_usd

register = template.Library()

RISK_ICONS = {"low": "●○○", "medium": "●●○", "high": "●●●"}


@register.simple_tag(takes_context=True)
def country_guide_url(context, country_code):
    """URL of the country's guide in the active language, or "" (one query per request)."""
    request = context.get("request")
    cache = getattr(request, "_country_guide_urls", None) if request is not None else None
    if cache is None:
        try:
            cache = country_guide_urls(Locale.get_active())
        except Locale.DoesNotExist:
            cache = {}
        if request is not None:
            request._country_guide_urls = cache
    return cache.get(country_code, "")


@register.filter
def risk_icon(level):
    """Filled dots out of three: the risk level is never told by colour alone."""
    return RISK_ICONS.get(level, "")


@register.filter
def tel_href(value):
    return phone_href(value)


@register.filter
def phone_display(value):
    return format_phone(value)


@register.filter
def usd(amount):
    """A whole number of US dollars in the active language: “US$2,615” / “2,615美元”."""
    return format_usd(amount, get_language(), compact=False) if amount is not None else ""


@register.filter
def section_anchor(block_id):
    return anchor_for_block(block_id)
