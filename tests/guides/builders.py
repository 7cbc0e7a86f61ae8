"""Build guides for tests: a zh-hans source page under the zh-hans index and,
when asked, its English translation made through wagtail-localize
(core.translation.translate), just as translators and the importer do."""

from datetime import date

from wagtail.models import Locale

from core.translation import translate
from guides.bundle import sections_to_stream, translated_stream
from guides.models import CountryGuidePage, GuideIndexPage

DEFAULT_REVIEWED = date(2026, 6, 1)


def index_for(language_code):
    return GuideIndexPage.objects.get(locale=Locale.objects.get(language_code=language_code))


def section(number, language="zh-hans"):
    if language == "en":
        return {"heading": f"Section {number}", "body": f"<p>Text of section {number}.</p>"}
    return {"heading": f"第{number}节", "body": f"<p>第{number}节的正文。</p>"}


def make_guide(
    country,
    *,
    region="southeast-asia",
    initiatives=(),
    sectors=(),
    risk_level="medium",
    reviewed=DEFAULT_REVIEWED,
    sections=None,
    stream=None,
    english=True,
    publish=True,
    **fields,
):
    """The zh-hans guide to `country` (and its English translation unless english=False).

    `sections`: number of plain sections, or a list of {"heading", "body"} dicts;
    `stream`: raw StreamField data instead (any block types).
    Returns (source page, English page or None).
    """
    if isinstance(sections, int):
        sections = [section(n) for n in range(1, sections + 1)]
    sections = sections if sections is not None else [section(1), section(2)]
    index = index_for("zh-hans")
    page = CountryGuidePage(
        title=fields.pop("title", f"{country} 投资指南"),
        slug=fields.pop("slug", country.lower()),
        summary=fields.pop("summary", f"{country} 指南摘要。"),
        country=country,
        region=region,
        initiatives=list(initiatives),
        sectors=list(sectors),
        risk_level=risk_level,
        reviewed=reviewed,
        sections=stream if stream is not None else sections_to_stream(sections),
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    translation = None
    if english:
        english_sections = [
            section(n, "en") for n, block in enumerate(page.sections, start=1) if block.block_type == "section"
        ]
        values = {
            "title": f"{country} investment guide",
            "summary": f"Summary of the {country} guide.",
            "sections": translated_stream(page.sections, english_sections),
        }
        if page.capital:
            values["capital"] = f"{page.capital} (en)"
        translation = translate(page, Locale.objects.get(language_code="en"), values, publish=publish)
    return page, translation


def build_from_bundle(item):
    """One guide of a content bundle (../shared/content/FORMAT.md), in zh-hans and English."""
    facts = {name: value for name, value in (item.get("facts") or {}).items() if value is not None}
    source = item["translations"]["zh-hans"]
    index = index_for("zh-hans")
    page = CountryGuidePage(
        title=source["title"],
        slug=item["key"],
        summary=source.get("summary", ""),
        country=item["country"],
        region=item["region"],
        initiatives=item.get("initiatives", []),
        sectors=item.get("sectors", []),
        risk_level=item["risk_level"],
        reviewed=date.fromisoformat(item["reviewed"]),
        sections=sections_to_stream(source.get("sections", [])),
        **facts,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    english = item["translations"].get("en")
    translation = None
    if english:
        translation = translate(
            page,
            Locale.objects.get(language_code="en"),
            {
                "title": english["title"],
                "summary": english.get("summary", ""),
                "sections": translated_stream(page.sections, english.get("sections", [])),
            },
        )
    return page, translation
