"""Importing bundles: placement, translation linkage, idempotence, updates,
drafts, dry runs and problems only the models can find."""

import pytest
from django.apps import apps
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from interchange.importer import import_bundle
from interchange.models import ImportKey
from tests.factories import CountryGuidePageFactory, SubscriberFactory

from .bundles import advisory, bundle, entry, event, guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CountryGuidePage = apps.get_model("guides", "CountryGuidePage")
GuideIndexPage = apps.get_model("guides", "GuideIndexPage")
AdvisoryPage = apps.get_model("advisories", "AdvisoryPage")
EventPage = apps.get_model("events", "EventPage")
DirectoryEntry = apps.get_model("directory", "DirectoryEntry")


def counts(result):
    return {name: dict(counter) for name, counter in result.counts.items() if counter}


def imported(bundle_data, **options):
    result = import_bundle(bundle_data, **options)
    assert result.problems == []
    return result


def test_every_list_is_created_in_its_place_and_published(zh, en):
    result = imported(bundle())
    assert counts(result) == {name: {"created": 1} for name in ("guides", "advisories", "events", "directory")}
    assert result.notes == []

    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    assert guide_zh.live and not guide_zh.has_unpublished_changes
    assert guide_zh.get_parent().specific == GuideIndexPage.objects.get(locale=zh)
    assert guide_zh.title == "老挝投资指南"
    assert [block.value["heading"] for block in guide_zh.sections] == ["概况", "风险"]
    assert guide_zh.sections[0].value["body"].source == "<p>老挝首都万象。</p><p>中老铁路连接昆明和万象。</p>"
    assert (guide_zh.country, guide_zh.region, guide_zh.risk_level) == ("LA", "southeast-asia", "medium")
    assert (guide_zh.capital, guide_zh.currency, guide_zh.time_zone) == ("Vientiane", "LAK", "Asia/Vientiane")
    assert guide_zh.population_millions == pytest.approx(7.7)

    advisory_zh = AdvisoryPage.objects.get(locale=zh, slug="customs-declaration-reminder")
    assert advisory_zh.countries == ["KH", "LA"]
    assert [block.block_type for block in advisory_zh.body] == ["rich_text"]

    event_zh = EventPage.objects.get(locale=zh, slug="laos-railway-logistics-seminar")
    assert event_zh.venue == "国际商务中心3楼报告厅" and event_zh.capacity == 80
    assert event_zh.starts.isoformat() == "2027-03-18T01:30:00+00:00"

    entry_zh = DirectoryEntry.objects.get(locale=zh, key="vientiane-chamber")
    assert entry_zh.status == "listed" and entry_zh.name == "万象中资企业商会"


def test_the_english_page_is_a_wagtail_localize_translation_of_the_chinese_one(zh, en):
    imported(bundle())
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    guide_en = CountryGuidePage.objects.get(locale=en, slug="laos")
    assert [page.pk for page in guide_zh.get_translations()] == [guide_en.pk]
    assert guide_en.title == "Laos investment guide" and guide_en.live
    assert guide_en.get_parent().specific == GuideIndexPage.objects.get(locale=en)
    assert guide_en.url == "/en/guides/laos/"
    # the same structure, synchronised; the same block ids, so sections pair up
    assert guide_en.country == "LA" and guide_en.sectors == guide_zh.sectors
    assert [b.id for b in guide_en.sections] == [b.id for b in guide_zh.sections]
    assert guide_en.sections[1].value["body"].source == "<ul><li>Exchange-rate swings</li><li>Power supply</li></ul>"
    # a synced translation: the translation editor knows it
    assert Translation.objects.get(source__object_id=guide_zh.translation_key, target_locale=en).enabled

    entry_zh = DirectoryEntry.objects.get(locale=zh, key="vientiane-chamber")
    entry_en = DirectoryEntry.objects.get(locale=en, key="vientiane-chamber")
    assert list(entry_zh.get_translations()) == [entry_en]
    assert entry_en.name == "Vientiane Chinese Business Chamber" and entry_en.phone == "+85621000000"

    assert ImportKey.objects.get(list_name="guides", key="laos").translation_key == guide_zh.translation_key


def test_a_second_import_of_the_same_bundle_changes_nothing(zh, en):
    imported(bundle())
    revisions, pages, entries = Revision.objects.count(), Page.objects.count(), DirectoryEntry.objects.count()
    result = imported(bundle())
    assert counts(result) == {name: {"unchanged": 1} for name in ("guides", "advisories", "events", "directory")}
    assert (Revision.objects.count(), Page.objects.count(), DirectoryEntry.objects.count()) == (
        revisions,
        pages,
        entries,
    )


def test_a_changed_item_is_updated_in_place_with_a_new_revision(zh, en):
    imported(bundle())
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    guide_en = CountryGuidePage.objects.get(locale=en, slug="laos")
    url, revisions_zh, revisions_en = guide_en.url, guide_zh.revisions.count(), guide_en.revisions.count()

    changed = guide(risk_level="high")
    changed["translations"]["en"]["sections"][0]["body"] = "<p>The capital is Vientiane.</p><p>Trains run daily.</p>"
    result = imported(bundle(guides=[changed]))

    assert counts(result)["guides"] == {"updated": 1}
    assert counts(result)["advisories"] == {"unchanged": 1}
    guide_zh.refresh_from_db()
    guide_en.refresh_from_db()
    assert (guide_zh.risk_level, guide_en.risk_level) == ("high", "high")  # synchronised
    assert guide_en.sections[0].value["body"].source.endswith("<p>Trains run daily.</p>")
    assert guide_en.url == url
    assert guide_zh.revisions.count() == revisions_zh + 1
    assert guide_en.revisions.count() == revisions_en + 1
    assert CountryGuidePage.objects.filter(slug="laos").count() == 2


def test_a_changed_translation_alone_leaves_the_source_page_alone(zh, en):
    imported(bundle())
    source_revisions = AdvisoryPage.objects.get(locale=zh).revisions.count()
    changed = advisory()
    changed["translations"]["en"]["title"] = "Customs documents: a reminder"
    result = imported(bundle(advisories=[changed]))
    assert counts(result)["advisories"] == {"updated": 1}
    assert AdvisoryPage.objects.get(locale=zh).revisions.count() == source_revisions
    assert AdvisoryPage.objects.get(locale=en).title == "Customs documents: a reminder"


def test_a_changed_directory_entry_is_updated_in_place(zh, en):
    imported(bundle())
    entry_en = DirectoryEntry.objects.get(locale=en, key="vientiane-chamber")
    changed = entry(phone=None, services=["company-setup", "matchmaking", "visa"])
    changed["translations"]["en"]["city"] = "Vientiane Capital"
    result = imported(bundle(directory=[changed]))
    assert counts(result)["directory"] == {"updated": 1}
    entry_en.refresh_from_db()
    assert (entry_en.phone, entry_en.services, entry_en.city) == (
        "",
        ["company-setup", "matchmaking", "visa"],
        "Vientiane Capital",
    )
    assert DirectoryEntry.objects.filter(key="vientiane-chamber").count() == 2


def test_a_translation_with_another_structure_is_written_directly_and_noted(zh, en):
    item = guide()
    item["translations"]["en"]["sections"][0]["body"] = (
        "<p>The capital is Vientiane; the railway links it to Kunming.</p>"
    )
    result = imported(bundle(guides=[item], advisories=[], events=[], directory=[]))

    [note] = result.notes
    assert note.path == "guides[0].translations.en"
    assert "written directly" in note.message and "structure" in note.message
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    guide_en = CountryGuidePage.objects.get(locale=en, slug="laos")
    assert guide_en.live and [page.pk for page in guide_zh.get_translations()] == [guide_en.pk]
    assert guide_en.sections[0].value["body"].source == item["translations"]["en"]["sections"][0]["body"]
    assert guide_en.country == "LA"
    # the translation editor must not overwrite it with segments of another shape
    assert not Translation.objects.get(source__object_id=guide_zh.translation_key, target_locale=en).enabled

    revisions = Revision.objects.count()
    again = import_bundle(bundle(guides=[item], advisories=[], events=[], directory=[]))
    assert counts(again) == {"guides": {"unchanged": 1}} and again.notes == []
    assert Revision.objects.count() == revisions


def test_a_translation_synced_again_once_its_structure_matches(zh, en):
    item = guide()
    item["translations"]["en"]["sections"].pop()
    assert import_bundle(bundle(guides=[item], advisories=[], events=[], directory=[])).notes
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    assert not Translation.objects.get(source__object_id=guide_zh.translation_key, target_locale=en).enabled
    result = imported(bundle(advisories=[], events=[], directory=[]))
    assert counts(result) == {"guides": {"updated": 1}} and result.notes == []
    assert Translation.objects.get(source__object_id=guide_zh.translation_key, target_locale=en).enabled
    guide_en = CountryGuidePage.objects.get(locale=en, slug="laos")
    assert [block.value["heading"] for block in guide_en.sections] == ["Overview", "Risks"]


def test_a_directory_translation_wagtail_localize_cannot_hold_is_written_directly(zh, en):
    item = entry()
    item["translations"]["zh-hans"]["city"] = ""  # no source text for the English city to translate
    result = imported(bundle(guides=[], advisories=[], events=[], directory=[item]))
    assert [note.path for note in result.notes] == ["directory[0].translations.en"]
    entry_zh = DirectoryEntry.objects.get(locale=zh)
    entry_en = DirectoryEntry.objects.get(locale=en)
    assert (entry_zh.city, entry_en.city) == ("", "Vientiane")
    assert [e.pk for e in entry_zh.get_translations()] == [entry_en.pk]
    again = imported(bundle(guides=[], advisories=[], events=[], directory=[item]))
    assert counts(again) == {"directory": {"unchanged": 1}}


def test_draft_import_publishes_nothing(zh, en):
    result = imported(bundle(), draft=True)
    assert counts(result)["guides"] == {"created": 1}
    for model in (CountryGuidePage, AdvisoryPage, EventPage):
        assert not model.objects.filter(live=True).exists()
        assert model.objects.filter(locale=en).count() == 1  # the translation exists, as a draft
    assert set(DirectoryEntry.objects.values_list("status", flat=True)) == {"pending"}

    # publishing later: the same bundle without --draft publishes what is there, with no new revisions
    revisions = Revision.objects.filter(content_type__model__endswith="page").count()
    result = imported(bundle())
    assert counts(result)["guides"] == {"updated": 1}
    assert CountryGuidePage.objects.filter(live=True, has_unpublished_changes=False).count() == 2
    assert Revision.objects.filter(content_type__model__endswith="page").count() == revisions


def test_a_draft_update_does_not_change_the_live_pages(zh, en):
    imported(bundle())
    changed = advisory(severity="alert")
    changed["translations"]["en"]["title"] = "Customs: urgent"
    result = imported(bundle(advisories=[changed]), draft=True)
    assert counts(result)["advisories"] == {"updated": 1}
    for locale in (zh, en):
        page = AdvisoryPage.objects.get(locale=locale)
        assert page.severity == "warning" and page.has_unpublished_changes
        assert page.get_latest_revision_as_object().severity == "alert"
    assert AdvisoryPage.objects.get(locale=en).title == "Customs documents reminder"
    assert AdvisoryPage.objects.get(locale=en).get_latest_revision_as_object().title == "Customs: urgent"


def test_a_dry_run_writes_nothing_but_reports_what_it_would_do(zh, en):
    pages, revisions = Page.objects.count(), Revision.objects.count()
    result = imported(bundle(), dry_run=True)
    assert counts(result)["guides"] == {"created": 1}
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not ImportKey.objects.exists() and not DirectoryEntry.objects.exists()


def test_problems_the_models_find_are_reported_with_paths_and_nothing_is_written(zh, en):
    pages = Page.objects.count()
    data = bundle(
        guides=[guide(), guide(key="laos-again"), guide(key="future", country="KH", reviewed="2099-01-01")],
        advisories=[advisory(key="feed")],  # the advisories section's feed URL
    )
    result = import_bundle(data)
    problems = [str(problem) for problem in result.problems]
    assert len(problems) == 3, problems
    assert problems[0].startswith("guides[1].country: ")  # a second guide to Laos
    assert problems[1] == "guides[2].reviewed: This date is in the future."
    assert problems[2].startswith("advisories[0]: slug: ")
    assert Page.objects.count() == pages
    assert not DirectoryEntry.objects.exists() and not ImportKey.objects.exists()


def test_a_page_made_in_the_admin_with_the_key_as_slug_is_adopted_not_copied(zh, en):
    page = CountryGuidePageFactory(country="LA", slug="laos", title="老挝", risk_level="low")
    result = imported(bundle(advisories=[], events=[], directory=[]))
    assert counts(result) == {"guides": {"updated": 1}}
    assert CountryGuidePage.objects.get(locale=zh).pk == page.pk
    assert CountryGuidePage.objects.get(locale=zh).title == "老挝投资指南"


def test_an_item_whose_page_was_deleted_is_created_again(zh, en):
    imported(bundle(advisories=[], events=[], directory=[]))
    CountryGuidePage.objects.get(locale=en).delete()
    CountryGuidePage.objects.get(locale=zh).delete()
    result = imported(bundle(advisories=[], events=[], directory=[]))
    assert counts(result) == {"guides": {"created": 1}}
    assert CountryGuidePage.objects.count() == 2


def test_blocks_the_bundle_does_not_carry_are_kept(zh, en):
    imported(bundle(advisories=[], events=[], directory=[]))
    page = CountryGuidePage.objects.get(locale=zh)
    figures = {"heading": "数字", "figures": [{"value": "20%", "label": "企业所得税", "source": ""}]}
    page.sections = [*page.sections.raw_data, {"type": "key_figures", "value": figures}]
    page.save_revision().publish()

    assert counts(imported(bundle(advisories=[], events=[], directory=[]))) == {"guides": {"unchanged": 1}}
    changed = guide()
    changed["translations"]["zh-hans"]["sections"][0]["heading"] = "基本情况"
    assert counts(imported(bundle(guides=[changed], advisories=[], events=[], directory=[]))) == {
        "guides": {"updated": 1}
    }
    page.refresh_from_db()
    assert [block.block_type for block in page.sections] == ["section", "section", "key_figures"]
    assert page.sections[0].value["heading"] == "基本情况"


def test_events_keep_their_offsets_as_instants(zh, en):
    riyadh = event(
        key="riyadh-matchmaking",
        countries=["SA"],
        starts="2027-03-18T09:30:00+03:00",
        ends="2027-03-18T12:00:00+03:00",
        registration_opens="2027-02-01T09:00:00+03:00",
        registration_closes="2027-03-15T17:00:00+03:00",
    )
    imported(bundle(guides=[], advisories=[], events=[riyadh], directory=[]))
    page = EventPage.objects.get(locale=zh)
    assert page.starts.isoformat() == "2027-03-18T06:30:00+00:00"
    assert page.time_zone == "Asia/Riyadh"
    # the same instants written at Beijing's offset are the same event
    shifted = {**riyadh, "starts": "2027-03-18T14:30:00+08:00"}
    assert counts(imported(bundle(guides=[], advisories=[], events=[shifted], directory=[]))) == {
        "events": {"unchanged": 1}
    }


@pytest.mark.parametrize(("send_alerts", "mails"), [(False, 0), (True, 1)])
def test_importing_advisories_emails_nobody_unless_asked(
    zh, en, mailoutbox, django_capture_on_commit_callbacks, send_alerts, mails
):
    SubscriberFactory(email="reader@example.org", language="en")
    current = advisory(issued="2026-01-01", expires=None)
    with django_capture_on_commit_callbacks(execute=True):
        imported(bundle(guides=[], advisories=[current], events=[], directory=[]), send_alerts=send_alerts)
    assert len(mailoutbox) == mails


def _with_capitals(**capitals):
    item = guide()
    for code, capital in capitals.items():
        item["translations"][code]["capital"] = capital
    return item


def test_a_format_1_1_capital_is_translated_and_a_format_1_capital_is_shared(zh, en):
    """`translations.<locale>.capital` (1.1) names the capital in each language,
    through wagtail-localize; a bundle without it (version 1) gives every
    locale `facts.capital`, and importing it again changes nothing."""
    imported(bundle(guides=[_with_capitals(**{"zh-hans": "万象", "en": "Vientiane"})]))
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    assert guide_zh.capital == "万象"
    assert guide_zh.get_translation(en).capital == "Vientiane"
    assert counts(imported(bundle(guides=[_with_capitals(**{"zh-hans": "万象", "en": "Vientiane"})]))) == {
        "guides": {"unchanged": 1},
        **{name: {"unchanged": 1} for name in ("advisories", "events", "directory")},
    }
    # The Chinese name alone changes: only the source page gets a new revision.
    imported(bundle(guides=[_with_capitals(**{"zh-hans": "万象市", "en": "Vientiane"})]))
    guide_zh.refresh_from_db()
    assert guide_zh.capital == "万象市" and guide_zh.get_translation(en).capital == "Vientiane"

    CountryGuidePage.objects.all().delete()
    ImportKey.objects.all().delete()
    imported(bundle(guides=[guide()]))  # version 1: facts.capital only
    guide_zh = CountryGuidePage.objects.get(locale=zh, slug="laos")
    assert guide_zh.capital == guide_zh.get_translation(en).capital == "Vientiane"
    assert counts(imported(bundle(guides=[guide()])))["guides"] == {"unchanged": 1}
