"""Public views of the guides: the compare page, a route of GuideIndexPage
(core/routing.py)."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from core.areas import content_area, start_of_day
from core.feeds import PlainTextAtomFeed, atom_response, publisher_name, tag_uri
from core.links import absolute_url
from core.text import one_line, xml_safe
from core.vocabularies import ProviderKind, country_name
from guides import changelog, freshness
from guides.blocks import INCIDENT_CHOICES
from guides.catalogue import SORT_BY_NAME, sort_guides
from guides.facts import gdp_per_capita
from guides.forms import MAX_COMPARED, MIN_COMPARED, parse_compare
from guides.models import EmergencyCard


def compare(index, request):
    """/guides/compare/?c=KH&c=VN: facts and tags of 2 to 4 countries side by side."""
    language_code = get_language()
    today = freshness.today()
    guides = {guide.country: guide for guide in index.live_guides()}
    selection = parse_compare(request.GET.getlist("c"), guides.keys())
    columns = []
    changed = {}
    if selection.ready and MIN_COMPARED <= len(selection.codes) <= MAX_COMPARED:
        changed = changelog.facts_changed_since([guides[code] for code in selection.codes], today=today)
        for code in selection.codes:
            guide = guides[code]
            recently_changed = changed.get(guide.pk, set())
            columns.append(
                {
                    "card": index.card(guide, request, language_code, today),
                    "facts": [(fact, fact.name in recently_changed) for fact in guide.facts(language_code, today)],
                    "gdp_per_capita": gdp_per_capita(guide.gdp_usd_billions, guide.population_millions),
                }
            )
    urls = index.guide_urls(request)
    choices = [
        index.card(guide, request, language_code, today, urls)
        for guide in sort_guides(guides.values(), SORT_BY_NAME, language_code)
    ]
    fact_rows = [
        {"label": facts[0][0].label, "facts": facts}
        for facts in zip(*(column["facts"] for column in columns), strict=True)
    ]
    context = {
        # Not a page of its own: `page` stays unset so the language switcher
        # keeps the path and the ?c= selection (core_tags.language_versions).
        "index_page": index,
        "page_title": _("Compare countries"),
        "selection": selection,
        "selected": set(selection.codes),
        "columns": columns,
        "fact_rows": fact_rows,
        "choices": choices,
        "min_compared": MIN_COMPARED,
        "max_compared": MAX_COMPARED,
        "recent_days": changelog.RECENT_DAYS,
        "any_recent_change": bool(changed),
    }
    status = 400 if selection.errors else 200
    return TemplateResponse(request, "guides/compare.html", context, status=status)


FEED_SIZE = 50


def changes_feed(index, request, country):
    """/guides/changes/KH/feed/: the change log of a country's guide in this language, as Atom."""
    guide = next((guide for guide in index.live_guides() if guide.country == country.upper()), None)
    if guide is None:
        raise Http404("no guide to this country")
    language = index.locale.language_code
    guide_url = absolute_url(guide, request)
    self_path = index.reverse_subpage("changes_feed", args=[guide.country])
    with override(language):
        feed = PlainTextAtomFeed(
            title=one_line(gettext_now("Changes: %(country)s") % {"country": country_name(guide.country, language)}),
            link=guide_url,
            description=xml_safe(guide.summary),
            language=language,
            feed_url=absolute_url(index, request) + self_path,
            feed_guid=tag_uri(f"{language}/{self_path}"),
            author_name=one_line(publisher_name(index.locale)),
        )
        for change in guide.changes.all()[:FEED_SIZE]:
            line = changelog.describe(change, language)
            day = start_of_day(change.changed_on)
            source = gettext_now("Source: %(source)s") % {"source": line.source} if line.source else ""
            feed.add_item(
                title=one_line(line.text),
                link=guide_url,
                description=xml_safe(source or line.text),
                unique_id=tag_uri(f"guide-change-{change.pk}"),
                unique_id_is_permalink=False,
                pubdate=day,
                updateddate=day,
            )
    return atom_response(feed)


# ---------------------------------------------------------------- emergency cards

CONSULAR_HOTLINE = "12308"
CONSULAR_HOTLINE_FROM_ABROAD = "+86-10-12308"


def _card(index, country):
    """The card of `country` in the index's language, or 404."""
    card = EmergencyCard.objects.filter(locale=index.locale, country=country.upper()).first()
    if card is None:
        raise Http404("no emergency card for this country")
    return card


def nearest_chambers(country, locale, limit=2):
    """Chinese chambers listed in the directory for this country (core.areas: no directory import)."""
    directory = content_area("directory")
    chambers = directory.concerning(directory.public(locale), country).filter(kind=ProviderKind.CHAMBER)
    return list(chambers.order_by("pk")[:limit])


def _card_context(index, card):
    language = card.locale.language_code
    with override(language):
        steps = [
            {
                "incident": block.value["incident"],
                "label": dict(INCIDENT_CHOICES)[block.value["incident"]],
                "steps": list(block.value["steps"]),
            }
            for block in card.first_steps
        ]
        return {
            "card": card,
            "language": language,
            "country_label": country_name(card.country, language),
            "missions": [block.value for block in card.missions],
            "steps": steps,
            "chambers": nearest_chambers(card.country, card.locale),
            "hotline": CONSULAR_HOTLINE,
            "hotline_from_abroad": CONSULAR_HOTLINE_FROM_ABROAD,
        }


def emergency_card(index, request, country):
    card = _card(index, country)
    guide = next((guide for guide in index.live_guides() if guide.country == card.country), None)
    context = {
        **_card_context(index, card),
        "index_page": index,
        "page_title": gettext_now("Emergency card: %(country)s") % {"country": country_name(card.country)},
        "guide_url": guide.get_url(request) if guide else "",
        "print_url": index.emergency_card_url(card.country, request, "emergency_card_print"),
        "vcard_url": index.emergency_card_url(card.country, request, "emergency_vcard"),
    }
    return TemplateResponse(request, "guides/emergency_card.html", context)


def emergency_card_print(index, request, country):
    """Both languages on one A4 sheet: four A6 panels, cut and fold into a two-sided card."""
    card = _card(index, country)
    sides = [_card_context(index, version) for version in [card, *card.get_translations()]]
    context = {
        "sides": sides,
        "parts": ["front", "back"],
        "language": card.locale.language_code,
        "country_label": country_name(card.country),
    }
    return TemplateResponse(request, "guides/emergency_card_print.html", context)


def _vcard_text(value):
    """RFC 6350 escaping of a text value."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def emergency_vcard(index, request, country):
    """The embassy and consulates as vCards (RFC 6350), one file."""
    card = _card(index, country)
    lines = []
    for block in card.missions:
        mission = block.value
        lines += [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"FN:{_vcard_text(one_line(mission['name']))}",
            f"ORG:{_vcard_text(one_line(mission['name']))}",
            f"ADR;TYPE=work:;;{_vcard_text(one_line(mission['address']))};;;;",
            f"TEL;TYPE=voice,work;VALUE=uri:tel:{mission['phone'].replace(' ', '')}",
        ]
        if mission["consular_phone"]:
            lines.append(f"TEL;TYPE=voice,cell;VALUE=uri:tel:{mission['consular_phone'].replace(' ', '')}")
        if mission["hours"]:
            lines.append(f"NOTE:{_vcard_text(one_line(mission['hours']))}")
        lines.append("END:VCARD")
    response = HttpResponse("\r\n".join(lines) + "\r\n", content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="embassy-{card.country.lower()}.vcf"'
    return response
