"""Atom (RFC 4287) feeds of an advisory index: all, per kind, per country.

A country's feed also carries the advisories that apply everywhere: they
concern that country too (the same rule as the country guide's list).

Every text goes through core.text: a control character stored before the
input rule existed would otherwise make Django's XML writer fail (500), and
titles and names go on one line (one_line), as readers show them.
Summaries are plain text and are sent as such (type="text"), not as escaped
HTML that readers would show with its markup.

A feed carries current advisories only (an expired one is withdrawn from
readers as from the index's default list); an entry is dated by the
advisory's issue date, not by when its page happened to be published (a
bulk import would otherwise date every entry to the import). Links and ids
use the site's base URL (core.links).
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.links import absolute_url, site_hostname
from core.models import CentreDetails
from core.text import one_line, xml_safe
from core.vocabularies import AdvisoryKind, Severity, country_name, label

FEED_SIZE = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom with plain-text entry summaries (Django's writes type="html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def feed_title(index_page, kind="", country=""):
    with override(index_page.locale.language_code):
        if kind:
            return _("%(section)s: %(kind)s") % {"section": index_page.title, "kind": label(AdvisoryKind, kind)}
        if country:
            return _("%(section)s: %(country)s") % {
                "section": index_page.title,
                "country": country_name(country, index_page.locale.language_code),
            }
        return index_page.title


def _tag_uri(specific):
    """A permanent entry id (RFC 4151 tag URI): survives a change of slug."""
    return f"tag:{site_hostname()},2026:{specific}"


def _publisher_name(locale):
    centre = CentreDetails.for_locale(locale)
    return centre.name if centre else _("Outbound Investment Service Centre")


def _start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def build_feed(index_page, request=None, kind="", country=""):
    language = index_page.locale.language_code
    advisories = index_page.advisories().current()
    if kind:
        advisories = advisories.filter(kind=kind)
    if country:
        advisories = advisories.concerning(country)
    advisories = advisories.newest_first().defer_streamfields()[:FEED_SIZE]

    index_url = absolute_url(index_page, request)
    if kind:
        self_path = index_page.reverse_subpage("feed-kind", args=[kind])
    elif country:
        self_path = index_page.reverse_subpage("feed-country", args=[country])
    else:
        self_path = index_page.reverse_subpage("feed")
    with override(language):
        feed = PlainTextAtomFeed(
            title=one_line(feed_title(index_page, kind=kind, country=country)),
            link=index_url,
            description=xml_safe(index_page.summary),
            language=language,
            feed_url=index_url + self_path,
            feed_guid=_tag_uri(f"{language}/{self_path}"),
            author_name=one_line(_publisher_name(index_page.locale)),
            subtitle=xml_safe(index_page.summary),
        )
        for advisory in advisories:
            issued = _start_of_day(advisory.issued)
            categories = [label(AdvisoryKind, advisory.kind), label(Severity, advisory.severity)]
            categories += [country_name(code, language) for code in advisory.countries]
            feed.add_item(
                title=one_line(advisory.title),
                link=absolute_url(advisory, request),
                description=xml_safe(advisory.summary),
                unique_id=_tag_uri(f"advisory-{advisory.translation_key}-{language}"),
                unique_id_is_permalink=False,
                pubdate=issued,
                updateddate=issued,
                categories=categories,
            )
    return feed


def feed_response(index_page, request, kind="", country=""):
    feed = build_feed(index_page, request, kind=kind, country=country)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
