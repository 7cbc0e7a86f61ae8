from django import template

from advisories.display import countries_text
from core.vocabularies import Severity, label

register = template.Library()


@register.inclusion_tag("advisories/includes/severity.html")
def severity_badge(severity):
    """Severity as an icon of its own shape plus its name: never colour alone."""
    return {"severity": severity, "label": label(Severity, severity)}


@register.simple_tag
def countries_label(codes):
    return countries_text(codes)
