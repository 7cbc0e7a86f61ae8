"""The guides app's part in the cross-app interface (core.areas, core.related).

Guides register no country-hub listing: a guide page *is* the hub. They tell
other apps where each country's guide is, so an advisory or an event can say
"read the guide to Cambodia" without importing this app.
"""

from wagtail import hooks

from core.areas import CONTENT_AREAS_HOOK
from core.related import COUNTRY_GUIDES_HOOK
from guides.area import AREA


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA


@hooks.register(COUNTRY_GUIDES_HOOK)
def country_guides(locale):
    guides = AREA.public(locale).only("id", "url_path", "country")
    return {guide.country: guide.get_url() for guide in guides}
