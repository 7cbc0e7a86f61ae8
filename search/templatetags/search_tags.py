"""The search page's facet lists."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def facet_items(facets):
    """The <li> of each facet: the selected one with its "remove" link, the
    others as links with their count. Written here, not as a template loop:
    a common word's country facets are a couple of hundred at the bench's
    size, and the loop's per-item template work cost more than the search's
    SQL (about 10 ms a page)."""
    remove = gettext("remove")
    items = [
        format_html(
            '<li><span aria-current="true">{} ({})</span> <a class="search-facets__remove" href="{}">{}'
            '<span class="visually-hidden"> {}</span></a></li>',
            facet.label,
            facet.count,
            facet.url,
            remove,
            facet.label,
        )
        if facet.selected
        else format_html(
            '<li><a href="{}">{} <span class="search-facets__count">({})</span></a></li>',
            facet.url,
            facet.label,
            facet.count,
        )
        for facet in facets
    ]
    return mark_safe("\n".join(items))  # noqa: S308 - each item is built by format_html
