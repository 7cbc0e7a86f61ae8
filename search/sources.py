"""What the site search covers: every content area (core.areas).

An area is a search source as it stands: its key (the type filter), label,
country field, snippet fields, URLs, and its public queryset, the only items
search may return. The search app reads other apps only through it.
"""

from core.areas import content_areas


def available_sources():
    return content_areas()
