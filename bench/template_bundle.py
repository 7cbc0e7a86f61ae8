"""One item of each kind, in the content bundle format (outbound-content/1.1),
in both languages: imported through the site's own importer, then cloned in
bulk by seed.py. The text is the bench's own filler, long enough that pages
weigh what real ones do. The guide and the event have a lead image (the demo
content's own pictures, CC0: core/demo/content/images/SOURCES.md), so every
clone shows one; `images=False` leaves them out, to compare."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

ZH_PARAGRAPH = (
    "企业在开展境外投资前，应当全面了解东道国的准入政策、外汇管理、税收制度和劳动用工规定，"
    "并结合自身行业特点评估项目风险。中心建议企业提前与当地商会和专业服务机构沟通，"
    "在合同中明确争议解决方式，妥善保存各类审批和备案文件。"
)
EN_PARAGRAPH = (
    "Before investing abroad, firms should understand the host country's market access rules, "
    "foreign exchange controls, tax system and labour law, and weigh the project's risks against "
    "their own sector. The centre recommends talking to local chambers and professional service "
    "providers early, agreeing in the contract how disputes are settled, and keeping every approval "
    "and filing document safe."
)
SECTION_HEADINGS = [
    ("市场准入", "Market access"),
    ("外汇与税收", "Foreign exchange and tax"),
    ("劳动用工", "Labour and employment"),
    ("知识产权保护", "Protecting intellectual property"),
    ("争议解决", "Settling disputes"),
]


def _html(paragraph, count=3):
    return "".join(f"<p>{paragraph}</p>" for _ in range(count))


def _iso(moment):
    return moment.replace(microsecond=0).isoformat()


# The folder the bundle's image paths are relative to (load_bundle's base_dir).
IMAGES_BASE_DIR = Path(__file__).resolve().parent.parent / "core" / "demo" / "content"
GUIDE_IMAGE = {"file": "images/sez-zone-plan.png"}
GUIDE_IMAGE_TEXTS = {
    "zh-hans": {"lead_image_alt": "经济特区平面示意图", "lead_image_credit": "图片：服务中心制作（CC0）"},
    "en": {"lead_image_alt": "Plan of a special economic zone", "lead_image_credit": "Image: the centre (CC0)"},
}
EVENT_IMAGE = {"file": "images/compliance-training-poster.jpg"}
EVENT_IMAGE_TEXTS = {
    "zh-hans": {"lead_image_alt": "培训海报", "lead_image_caption": "往期培训"},
    "en": {"lead_image_alt": "Training poster", "lead_image_caption": "A past session"},
}


def _with_image(item, image, texts):
    """`item` with a lead image and its texts in each language."""
    for language, values in texts.items():
        item["translations"][language].update(values)
    return {**item, "lead_image": image}


def template_bundle(guide_country, images=True):
    bundle = _template_bundle(guide_country)
    if images:
        bundle["guides"][0] = _with_image(bundle["guides"][0], GUIDE_IMAGE, GUIDE_IMAGE_TEXTS)
        bundle["events"][0] = _with_image(bundle["events"][0], EVENT_IMAGE, EVENT_IMAGE_TEXTS)
    return bundle


def _template_bundle(guide_country):
    now = timezone.now()
    starts = now + timedelta(days=60)
    return {
        "format": "outbound-content/1.1",
        "guides": [
            {
                "key": "bench-guide",
                "country": guide_country,
                "region": "southeast-asia",
                "initiatives": ["bri", "rcep"],
                "sectors": ["auto-parts", "textiles", "electronics"],
                "risk_level": "medium",
                "reviewed": timezone.localdate().isoformat(),
                "facts": {
                    "capital": "Capital",
                    "currency": "USD",
                    "population_millions": 20.5,
                    "gdp_usd_billions": 120.0,
                    "time_zone": "Asia/Bangkok",
                },
                "translations": {
                    "zh-hans": {
                        "title": "投资指南",
                        "summary": "东道国投资环境、准入政策和风险提示概览。",
                        "sections": [{"heading": zh, "body": _html(ZH_PARAGRAPH)} for zh, _en in SECTION_HEADINGS],
                    },
                    "en": {
                        "title": "Investment guide",
                        "summary": "An overview of the host country's investment climate, access rules and risks.",
                        "sections": [{"heading": en, "body": _html(EN_PARAGRAPH)} for _zh, en in SECTION_HEADINGS],
                    },
                },
            }
        ],
        "advisories": [
            {
                "key": "bench-advisory",
                "kind": "legal",
                "severity": "warning",
                "countries": [guide_country],
                "issued": timezone.localdate().isoformat(),
                "expires": None,
                "translations": {
                    "zh-hans": {"title": "风险提示", "summary": "请关注法律变化。", "body": _html(ZH_PARAGRAPH, 4)},
                    "en": {"title": "Advisory", "summary": "Watch for legal changes.", "body": _html(EN_PARAGRAPH, 4)},
                },
            }
        ],
        "events": [
            {
                "key": "bench-event",
                "kind": "training",
                "starts": _iso(starts),
                "ends": _iso(starts + timedelta(hours=3)),
                "online": False,
                "capacity": 80,
                "registration_opens": _iso(now - timedelta(days=1)),
                "registration_closes": _iso(starts - timedelta(days=2)),
                "countries": [guide_country],
                "translations": {
                    "zh-hans": {
                        "title": "境外投资实务培训",
                        "summary": "境外投资备案、外汇登记和风险防范实务。",
                        "body": _html(ZH_PARAGRAPH, 3),
                        "venue": "滨江市开放大道88号国际商务中心3楼",
                    },
                    "en": {
                        "title": "Outbound investment in practice",
                        "summary": "Filing, foreign exchange registration and risk prevention.",
                        "body": _html(EN_PARAGRAPH, 3),
                        "venue": "3/F International Business Centre, 88 Kaifang Avenue, Binjiang",
                    },
                },
            }
        ],
        "directory": [
            {
                "key": "bench-provider",
                "kind": "law-firm",
                "country": guide_country,
                "website": "https://provider.example.com/",
                "email": "office@provider.example.com",
                "phone": "+85512345678",
                "languages": ["zh-Hans", "en"],
                "services": ["company-setup", "tax", "dispute-resolution"],
                "translations": {
                    "zh-hans": {
                        "name": "律师事务所",
                        "description": "为中资企业提供公司设立、税务和争议解决服务。",
                        "city": "城市",
                        "address": "商务大道1号",
                    },
                    "en": {
                        "name": "Law firm",
                        "description": "Company set-up, tax and dispute resolution for Chinese firms.",
                        "city": "City",
                        "address": "1 Business Avenue",
                    },
                },
            }
        ],
        "policies": [
            {
                "key": "bench-policy",
                "issued_on": "2017-12-26",
                "in_force_on": "2018-03-01",
                "topic": "filing_approval",
                "level": "national",
                "source_url": "https://policy.example.com/",
                "translations": {
                    "zh-hans": {
                        "title": "政策文件",
                        "document_number": "示例令第1号",
                        "issuing_body": "国家发展和改革委员会",
                        "summary": "境外投资项目核准和备案的规定。",
                        "body": _html(ZH_PARAGRAPH),
                    },
                    "en": {
                        "title": "Policy document",
                        "document_number": "Example Order No. 1",
                        "issuing_body": "National Development and Reform Commission",
                        "summary": "Rules for approving and filing outbound investment projects.",
                        "body": _html(EN_PARAGRAPH),
                    },
                },
            }
        ],
    }
