"""What every Atom (RFC 4287) feed of the site shares: plain-text summaries,
permanent tag-URI ids, the centre as publisher, and the response.

Used by the advisories' feeds and the guides' change logs. Links and ids use
the site's base URL (core.links); texts go through core.text before they
reach the feed (a stray control character would make the XML writer fail).
"""

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.links import site_hostname
from core.models import CentreDetails


class PlainTextAtomFeed(Atom1Feed):
    """Atom with plain-text entry summaries (Django's writes type="html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def tag_uri(specific):
    """A permanent entry or feed id (RFC 4151 tag URI): survives a change of slug."""
    return f"tag:{site_hostname()},2026:{specific}"


def publisher_name(locale):
    centre = CentreDetails.for_locale(locale)
    return centre.name if centre else _("Outbound Investment Service Centre")


def atom_response(feed):
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
