"""The one way tests build content: factory_boy / wagtail-factories factories.

Pages are made in zh-hans (the source language) under their area's index page,
with a first revision, and published unless `live=False`. `english=True`
(or a dict of English values) adds the English translation the way
translators and the importer make it: through wagtail-localize
(core.translation.translate), published when the source is. `restricted=`
"password", "login" or "groups" adds a view restriction. A page in English
only (no source) is made with `language="en"`.

    guide = CountryGuidePageFactory(country="KH", english=True)
    english = english_of(guide)
    draft = EventPageFactory(live=False)
    add_english(advisory, title="Cambodia security alert")
"""

import copy
import datetime
import uuid
from io import BytesIO
from itertools import count

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, PageViewRestriction
from wagtail.rich_text import RichText

from advisories.models import AdvisoryIndexPage, AdvisoryPage, Subscriber
from core.translation import translate
from directory.models import DirectoryEntry, EntryStatus
from events import booking
from events.models import EventIndexPage, EventPage
from events.validators import credit_code_check_character
from guides.models import CountryGuidePage, EmergencyCard, GuideIndexPage
from home.models import HomePage, InformationPage
from policies.models import PolicyIndexPage, PolicyPage

_serial = count(1)


def locale(language_code="zh-hans"):
    return Locale.objects.get(language_code=language_code)


def index_of(model, language="zh-hans"):
    """The one index page of `model` in a locale (the site skeleton has one per locale)."""
    return model.objects.get(locale=locale(language))


def english_of(instance):
    return instance.get_translation(locale("en"))


def after_commit(make, *args, **kwargs):
    """`make(*args, **kwargs)` with its on-commit callbacks run, as after a real
    commit (a published advisory's mailing is queued then)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return make(*args, **kwargs)


# English values for each kind of content: `add_english` starts from these.


def _same_blocks(stream, htmls):
    """The source's blocks (same ids, as wagtail-localize pairs them) with new text."""
    blocks = [dict(block) for block in stream.raw_data]
    for block, html in zip(blocks, htmls, strict=True):
        block["value"] = html
    return blocks


# A guide's sections as the bundle writes them, {"heading", "body"}, and as its StreamField stores them.


def _section(heading, body, block_id=None):
    return {"type": "section", "value": {"heading": heading, "body": body}, "id": block_id or str(uuid.uuid4())}


def sections_to_stream(sections):
    """Raw StreamField data for a source-language guide."""
    return [_section(section["heading"], section["body"]) for section in sections]


def translated_stream(source_stream, sections):
    """Raw StreamField data for a translation of `source_stream` (a StreamValue).

    Raises ValueError when the numbers of section blocks differ: a translation
    has the source's structure.
    """
    raw = copy.deepcopy(list(source_stream.raw_data))
    section_blocks = [block for block in raw if block["type"] == "section"]
    if len(section_blocks) != len(sections):
        raise ValueError(f"the source has {len(section_blocks)} section(s), the translation {len(sections)}")
    for block, section in zip(section_blocks, sections, strict=True):
        block["value"] = {**block["value"], "heading": section["heading"], "body": section["body"]}
    return raw


def stream_to_sections(stream):
    """The section blocks of a guide as bundle sections (other block types have no bundle form)."""
    return [
        {"heading": block.value["heading"], "body": block.value["body"].source}
        for block in stream
        if block.block_type == "section"
    ]


def guide_section(number, language="zh-hans"):
    if language == "en":
        return {"heading": f"Section {number}", "body": f"<p>Text of section {number}.</p>"}
    return {"heading": f"第{number}节", "body": f"<p>第{number}节的正文。</p>"}


def guide_sections(number):
    """Raw StreamField data: `number` plain sections in Chinese."""
    return sections_to_stream([guide_section(n) for n in range(1, number + 1)])


def _guide_english(page, values):
    english = {
        "title": f"{page.country} investment guide",
        "summary": f"Summary of the {page.country} guide.",
    }
    if page.capital:
        english["capital"] = f"{page.capital} (en)"
    sections = values.pop("sections", None)
    if sections is None:
        numbers = range(1, sum(block.block_type == "section" for block in page.sections) + 1)
        sections = [guide_section(n, "en") for n in numbers]
    english["sections"] = translated_stream(page.sections, sections)
    return english


def _event_english(event, values):
    return {
        "title": f"Outbound investment training {event.slug}",
        "summary": "How to file an outbound investment.",
        "venue": "88 Kaifang Avenue, Binjiang",
        "body": _same_blocks(event.body, [values.pop("body_html", "<p>What the course covers.</p>")] * len(event.body)),
    }


def _advisory_english(advisory, values):
    body_html = values.pop("body_html", "<p>Body.</p>")
    return {
        "title": f"Advisory {advisory.slug}",
        "summary": "Summary in English.",
        "body": [{"type": block.block_type, "id": block.id, "value": body_html} for block in advisory.body],
    }


def _policy_english(policy, values):
    body_html = values.pop("body_html", "<p>Full text.</p>")
    return {
        "title": f"Policy {policy.slug}",
        "summary": "Summary in English.",
        "document_number": f"{policy.document_number} (en)" if policy.document_number else "",
        "issuing_body": f"{policy.issuing_body} (en)",
        "body": [{"type": block.block_type, "id": block.id, "value": body_html} for block in policy.body],
    }


def _entry_english(entry, values):
    return {"name": f"{entry.key} (en)", "city": "Phnom Penh"}


def _information_english(page, values):
    return {"title": f"{page.slug} (en)", "body": "<p>Text in English.</p>"}


ENGLISH_VALUES = {
    CountryGuidePage: _guide_english,
    EventPage: _event_english,
    AdvisoryPage: _advisory_english,
    PolicyPage: _policy_english,
    DirectoryEntry: _entry_english,
    InformationPage: _information_english,
}


def add_english(source, publish=None, **values):
    """Translate `source` into English through wagtail-localize and return the
    translation. `values` override the defaults; `body_html` (events,
    advisories) fills every body block, `sections` (guides) is a list of
    {"heading", "body"}. Published when the source is live, unless `publish` says."""
    source = source.specific if hasattr(source, "specific") else source
    english = ENGLISH_VALUES[type(source)](source, values)
    english.update(values)
    if publish is None:
        publish = getattr(source, "live", True)
    return translate(source, locale("en"), english, publish=publish)


def republish(page, **values):
    """Change `page`'s fields as an editor does and publish a new revision."""
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def restrict(page, kind="password"):
    """A view restriction on `page` (and so on every page below it)."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="open sesame")
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Editors"))
    return restriction


class PageFactory(wagtail_factories.PageFactory):
    """A page under its area's index in `language`, with a first revision,
    published when live (see the module's docstring)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        language = "zh-hans"

    title = factory.Sequence(lambda n: f"页面 {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True

    @factory.post_generation
    def revision(page, create, extracted, **kwargs):
        if not create:
            return
        revision = page.save_revision()
        if page.live:
            revision.publish()
            page.refresh_from_db()

    @factory.post_generation
    def english(page, create, extracted, **kwargs):
        if create and extracted:
            add_english(page, **(extracted if isinstance(extracted, dict) else {}))

    @factory.post_generation
    def restricted(page, create, extracted, **kwargs):
        if create and extracted:
            restrict(page, extracted)


class InformationPageFactory(PageFactory):
    class Meta:
        model = InformationPage

    parent = factory.LazyAttribute(lambda o: index_of(HomePage, o.language))
    body = "<p>正文。</p>"


class CountryGuidePageFactory(PageFactory):
    class Meta:
        model = CountryGuidePage

    parent = factory.LazyAttribute(lambda o: index_of(GuideIndexPage, o.language))
    country = "KH"
    title = factory.LazyAttribute(lambda o: f"{o.country} 投资指南")
    slug = factory.LazyAttribute(lambda o: o.country.lower())
    summary = factory.LazyAttribute(lambda o: f"{o.country} 指南摘要。")
    region = "southeast-asia"
    initiatives = factory.LazyFunction(list)
    sectors = factory.LazyFunction(list)
    risk_level = "medium"
    reviewed = datetime.date(2026, 6, 1)
    sections = factory.LazyFunction(lambda: guide_sections(2))


def _issued(expires):
    """Today, or a month before an expiry already past (an advisory is issued before it expires)."""
    today = timezone.localdate()
    return expires - datetime.timedelta(days=30) if expires and expires < today else today


class AdvisoryPageFactory(PageFactory):
    class Meta:
        model = AdvisoryPage

    class Params:
        body_html = "<p>正文。</p>"

    parent = factory.LazyAttribute(lambda o: index_of(AdvisoryIndexPage, o.language))
    title = factory.Sequence(lambda n: f"提示 {n}")
    slug = factory.Sequence(lambda n: f"advisory-{n}")
    kind = "legal"
    severity = "info"
    countries = factory.LazyFunction(list)
    expires = None
    issued = factory.LazyAttribute(lambda o: _issued(o.expires))
    summary = factory.LazyAttribute(lambda o: f"{o.title}的摘要。")
    body = factory.LazyAttribute(lambda o: [("rich_text", RichText(o.body_html))])


class PolicyPageFactory(PageFactory):
    """A national filing-and-approval document in force, issued on 1 March 2024."""

    class Meta:
        model = PolicyPage

    class Params:
        body_html = "<p>第一条 正文。</p>"

    parent = factory.LazyAttribute(lambda o: index_of(PolicyIndexPage, o.language))
    title = factory.Sequence(lambda n: f"政策文件 {n}")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    document_number = factory.Sequence(lambda n: f"示例〔2024〕{n}号")
    issuing_body = "国家发展和改革委员会"
    issued_on = datetime.date(2024, 3, 1)
    in_force_on = None
    status = "in_force"
    superseded_by = None
    topic = "filing_approval"
    level = "national"
    summary = factory.LazyAttribute(lambda o: f"{o.title}的摘要。")
    body = factory.LazyAttribute(lambda o: [("rich_text", RichText(o.body_html))])


def _now():
    # Whole minutes: revisions store times to the millisecond.
    return timezone.now().replace(second=0, microsecond=0)


class EventPageFactory(PageFactory):
    """A training starting in 30 days, registration open now, 20 seats."""

    class Meta:
        model = EventPage

    parent = factory.LazyAttribute(lambda o: index_of(EventIndexPage, o.language))
    title = factory.Sequence(lambda n: f"境外投资培训 {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "介绍境外投资备案流程。"
    kind = "training"
    starts = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=30))
    ends = factory.LazyAttribute(lambda o: o.starts + datetime.timedelta(hours=3))
    online = False
    venue = "滨江市开放大道88号"
    countries = factory.LazyFunction(list)
    capacity = 20
    registration_opens = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1))
    registration_closes = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=29))
    body = factory.LazyFunction(lambda: [("rich_text", RichText("<p>课程内容。</p>"))])


def jpeg_with_gps(width=64, height=48):
    """A JPEG as a phone uploads it: camera model, GPS position and an orientation tag (turn 90°)."""
    exif = PILImage.Exif()
    exif[0x0110] = "Phone X"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    output = BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 40)).save(output, "JPEG", exif=exif)
    return output.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    """An image in the root collection (an 800×450 JPEG unless `file=` says otherwise: small, so
    that making its renditions on publish stays quick)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"图片 {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=800, height=450, color="teal", format="JPEG", filename="photo.jpg")


def image_file(data, name="upload.jpg"):
    return ContentFile(data, name=name)


class DirectoryEntryFactory(factory.django.DjangoModelFactory):
    """A listed law firm in Phnom Penh, saved with a first revision as the admin
    would; `english=True` (or a dict) adds its translation."""

    class Meta:
        model = DirectoryEntry
        skip_postgeneration_save = True

    class Params:
        language = "zh-hans"

    locale = factory.LazyAttribute(lambda o: locale(o.language))
    key = factory.Sequence(lambda n: f"entry-{n}")
    name = factory.Sequence(lambda n: f"服务机构 {n}")
    kind = "law-firm"
    country = "KH"
    city = "金边"
    status = EntryStatus.LISTED
    verified_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    languages = factory.LazyFunction(lambda: ["zh", "en"])
    services = factory.LazyFunction(lambda: ["company-setup"])

    @factory.post_generation
    def revision(entry, create, extracted, **kwargs):
        if create:
            entry.save_revision()

    @factory.post_generation
    def english(entry, create, extracted, **kwargs):
        if create and extracted:
            add_english(entry, **(extracted if isinstance(extracted, dict) else {}))


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber to every advisory, unless `confirmed=False` or told what to follow."""

    class Meta:
        model = Subscriber

    class Params:
        confirmed = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "zh-hans"
    countries = factory.LazyFunction(list)
    kinds = factory.LazyFunction(list)
    confirmed_at = factory.Maybe("confirmed", factory.LazyFunction(timezone.now), None)


def credit_code(number=None):
    """A valid 18-character unified social credit code: 9 (market regulation)
    1 (company), a Binjiang-like division code and a made-up organisation
    number, plus its check character."""
    number = next(_serial) if number is None else number
    first_seventeen = f"913301{number:011d}"[:17]
    return first_seventeen + credit_code_check_character(first_seventeen)


class ApplicantFactory(factory.Factory):
    """Who registers for an event (booking.register(event, ApplicantFactory(seats=2)))."""

    class Meta:
        model = booking.Applicant

    class Params:
        seats = 1

    company_name = "滨江示例机械有限公司"
    credit_code = factory.LazyFunction(credit_code)
    contact_name = "王小明"
    phone = "+8613812345678"
    email = factory.Sequence(lambda number: f"wang{number}@example.com")
    attendee_names = factory.LazyAttribute(lambda o: [f"参会人{number}" for number in range(1, o.seats + 1)])
    language = "zh-hans"


def register_verified(event, applicant=None, **fields):
    """A registration whose applicant has opened the link in the verification
    e-mail: booking.register, then booking.verify."""
    return booking.verify(booking.register(event, applicant or ApplicantFactory(**fields)))


def registration_form(seats=1, **fields):
    """What a browser posts for a valid registration."""
    data = {
        "company_name": "滨江示例机械有限公司",
        "credit_code": credit_code(),
        "contact_name": "王小明",
        "phone": "138 1234 5678",
        "email": "wang@example.com",
        "attendees": str(seats),
        "consent": "on",
        "homepage": "",
    }
    for number in range(1, seats + 1):
        data[f"attendee_{number}"] = f"参会人{number}"
    data.update(fields)
    return data


def application_form(**changes):
    """What a browser posts to apply to be listed in the directory."""
    data = {
        "name": "Lotus Bay Advisory",
        "kind": "consulting",
        "country": "KH",
        "city": "Phnom Penh",
        "address": "12 Street 214",
        "website": "https://lotus-bay.example",
        "email": "info@lotus-bay.example",
        "phone": "+855 23 990 123",
        "languages": "Chinese, English, km",
        "services": ["company-setup", "tax"],
        "description": "Company set-up and tax filing for Chinese firms in Cambodia.",
        "contact_name": "Sok Dara",
        "contact_email": "dara.sok@lotus-bay.example",
        "contact_phone": "+855 12 345 678",
        "message": "Please call me.",
        "consent": "on",
        "homepage": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


EMBASSY = {
    "kind": "embassy",
    "name": "中华人民共和国驻柬埔寨王国大使馆",
    "address": "金边市毛泽东大道156号",
    "phone": "+855 23 720 920",
    "consular_phone": "+855 12 901 923",
    "hours": "周一至周五 8:00–11:30",
    "district": "柬埔寨全境",
}
LOST_PASSPORT = {"incident": "lost-passport", "steps": ["向当地警方报案并取得报案证明", "联系使馆办理旅行证"]}


class EmergencyCardFactory(factory.django.DjangoModelFactory):
    """A Cambodian emergency card with example numbers; `english=True` adds its
    English translation (wagtail-localize's copy, texts translated)."""

    class Meta:
        model = EmergencyCard
        skip_postgeneration_save = True

    locale = factory.LazyFunction(locale)
    country = "KH"
    reviewed = datetime.date(2026, 10, 1)
    numbers_are_examples = True
    missions = factory.LazyFunction(lambda: [("mission", EMBASSY)])
    police = "117"
    ambulance = "119"
    fire = "118"
    centre_incident_phone = "+86 571 8888 0000"
    first_steps = factory.LazyFunction(lambda: [("incident", LOST_PASSPORT)])

    @factory.post_generation
    def english(card, create, extracted, **kwargs):
        if create and extracted:
            english = card.copy_for_translation(locale("en"))
            mission = {**EMBASSY, "name": "Embassy of China in Cambodia", "address": "156 Mao Tse Toung Blvd"}
            english.missions = [("mission", mission)]
            steps = ["Report to the police", "Ask the embassy for a travel document"]
            english.first_steps = [("incident", {**LOST_PASSPORT, "steps": steps})]
            english.save()


# The documents the navigator's demo rules cite (core/demo/content/filing_rules.json):
# bundle key → (document number, title).
FILING_DEMO_POLICIES = {
    "ndrc-order-11-2017": ("国家发展和改革委员会令第11号", "企业境外投资管理办法"),
    "ndrc-sensitive-industries-2018": ("发改外资〔2018〕251号", "境外投资敏感行业目录（2018年版）"),
    "mofcom-order-3-2014": ("商务部令2014年第3号", "境外投资管理办法"),
    "safe-huifa-2015-13": ("汇发〔2015〕13号", "关于进一步简化和改进直接投资外汇管理政策的通知"),
    "safe-huifa-2014-29": ("汇发〔2014〕29号", "跨境担保外汇管理规定"),
}


def filing_demo_rules():
    """The policy documents the demo rules cite (their slugs the bundle keys the rules cite them by),
    then the demo rules, imported through the content importer as load_demo imports them.
    Returns {document number: its policy page}."""
    from interchange.demo import DEMO_CONTENT
    from interchange.files import read_bundle
    from interchange.importer import import_bundle

    policies = {
        number: PolicyPageFactory(title=title, document_number=number, slug=key)
        for key, (number, title) in FILING_DEMO_POLICIES.items()
    }
    result = import_bundle(read_bundle(DEMO_CONTENT / "filing_rules.json"))
    assert result.ok, result.problems
    return policies


def publish_rule(rule, user=None):
    """Publish the current state of a navigator rule as a new revision (as a reviewer's approval does)."""
    if rule.pk is None:
        rule.save()
    rule.save_revision(user=user).publish(user=user)
    rule.refresh_from_db()
    return rule
