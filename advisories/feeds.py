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

from django.utils.translation import gettext as _
from django.utils.translation import override

from core.areas import start_of_day
from core.feeds import PlainTextAtomFeed, atom_response, publisher_name, tag_uri
from core.links import absolute_url
from core.text import one_line, xml_safe
from core.vocabularies import AdvisoryKind, Severity, country_name, label

FEED_SIZE = 50


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
            feed_guid=tag_uri(f"{language}/{self_path}"),
            author_name=one_line(publisher_name(index_page.locale)),
            subtitle=xml_safe(index_page.summary),
        )
        for advisory in advisories:
            issued = start_of_day(advisory.issued)
            categories = [label(AdvisoryKind, advisory.kind), label(Severity, advisory.severity)]
            categories += [country_name(code, language) for code in advisory.countries]
            feed.add_item(
                title=one_line(advisory.title),
                link=absolute_url(advisory, request),
                description=xml_safe(advisory.summary),
                unique_id=tag_uri(f"advisory-{advisory.translation_key}-{language}"),
                unique_id_is_permalink=False,
                pubdate=issued,
                updateddate=issued,
                categories=categories,
            )
    return feed


def feed_response(index_page, request, kind="", country=""):
    return atom_response(build_feed(index_page, request, kind=kind, country=country))
