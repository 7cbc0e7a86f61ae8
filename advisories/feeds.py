"""Atom (RFC 4287) feeds of an advisory index: all, per kind, per country.

A country's feed also carries the advisories that apply everywhere: they
concern that country too (the same rule as the country guide's list).

Every text goes through core.text: a control character stored before the
input rule existed would otherwise make Django's XML writer fail (500), and
titles and names go on one line (one_line), as readers show them.
Summaries are plain text and are sent as such (type="text"), not as escaped
HTML that readers would show with its markup.
"""

import datetime
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

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


def _tag_uri(url, specific):
    """A permanent entry id (RFC 4151 tag URI): survives a change of slug."""
    return f"tag:{urlsplit(url).hostname or 'localhost'},2026:{specific}"


def _publisher_name(locale):
    centre = CentreDetails.for_locale(locale)
    return centre.name if centre else _("Outbound Investment Service Centre")


def _start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def build_feed(index_page, request, kind="", country=""):
    language = index_page.locale.language_code
    advisories = index_page.advisories()
    if kind:
        advisories = advisories.filter(kind=kind)
    if country:
        advisories = advisories.concerning(country)
    advisories = advisories.newest_first().defer_streamfields()[:FEED_SIZE]

    index_url = index_page.get_full_url(request)
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
            feed_guid=_tag_uri(index_url, f"{language}/{self_path}"),
            author_name=one_line(_publisher_name(index_page.locale)),
            subtitle=xml_safe(index_page.summary),
        )
        for advisory in advisories:
            url = advisory.get_full_url(request)
            categories = [label(AdvisoryKind, advisory.kind), label(Severity, advisory.severity)]
            categories += [country_name(code, language) for code in advisory.countries]
            summary = advisory.summary
            if advisory.is_expired:
                summary = _("Expired on %(date)s.") % {"date": advisory.expires.isoformat()} + " " + summary
            feed.add_item(
                title=one_line(advisory.title),
                link=url,
                description=xml_safe(summary),
                unique_id=_tag_uri(index_url, f"advisory-{advisory.translation_key}-{language}"),
                unique_id_is_permalink=False,
                pubdate=advisory.first_published_at or _start_of_day(advisory.issued),
                updateddate=advisory.last_published_at or _start_of_day(advisory.issued),
                categories=categories,
            )
    return feed


def feed_response(index_page, request, kind="", country=""):
    feed = build_feed(index_page, request, kind=kind, country=country)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
