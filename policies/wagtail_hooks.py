"""The policy library registers its content area."""

from wagtail import hooks

from core.areas import CONTENT_AREAS_HOOK
from policies.area import AREA


@hooks.register(CONTENT_AREAS_HOOK)
def content_area():
    return AREA
