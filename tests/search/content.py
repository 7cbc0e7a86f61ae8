"""Small bilingual content for the search tests, made with the content apps'
own models (looked up through the app registry, as the search app does)."""

import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.models import Locale


def model(label):
    return apps.get_model(label)


def index_page(label, locale):
    return model(label).objects.get(locale=locale)


def _add(parent, page, live=True):
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def guide(locale, title, summary, country, slug, live=True):
    parent = index_page("guides.GuideIndexPage", locale)
    page = model("guides.CountryGuidePage")(
        title=title,
        slug=slug,
        summary=summary,
        country=country,
        region="southeast-asia",
        risk_level="medium",
        reviewed=datetime.date(2026, 1, 15),
        live=live,
    )
    return _add(parent, page, live)


def advisory(locale, title, summary, slug, kind="ip", countries=(), live=True):
    parent = index_page("advisories.AdvisoryIndexPage", locale)
    page = model("advisories.AdvisoryPage")(
        title=title, slug=slug, summary=summary, kind=kind, countries=list(countries), live=live
    )
    return _add(parent, page, live)


def event(locale, title, summary, slug, countries=(), live=True):
    parent = index_page("events.EventIndexPage", locale)
    starts = timezone.now() + datetime.timedelta(days=30)
    page = model("events.EventPage")(
        title=title,
        slug=slug,
        summary=summary,
        starts=starts,
        ends=starts + datetime.timedelta(hours=3),
        venue="Online" if locale.language_code == "en" else "线上",
        online=True,
        capacity=50,
        countries=list(countries),
        live=live,
    )
    return _add(parent, page, live)


def directory_entry(locale, name, description, key, country, kind="law-firm", status="listed"):
    return model("directory.DirectoryEntry").objects.create(
        locale=locale, key=key, name=name, description=description, country=country, kind=kind, status=status
    )


def build_scenario():
    """The pages the behaviour tests search: each term appears where a test expects it."""
    zh = Locale.objects.get(language_code="zh-hans")
    en = Locale.objects.get(language_code="en")
    made = {
        "cambodia_zh": guide(
            zh, "柬埔寨投资指南", "柬埔寨西港特区是中柬合作的重点园区，适合纺织和汽车零部件企业投资。", "KH", "cambodia"
        ),
        "vietnam_zh": guide(zh, "越南投资指南", "越南北部工业园区吸引电子企业，劳动力成本较低。", "VN", "vietnam"),
        "cambodia_en": guide(
            en,
            "Cambodia Investment Guide",
            "The Sihanoukville Special Economic Zone hosts textile and auto parts factories.",
            "KH",
            "cambodia",
        ),
        "ip_zh": advisory(
            zh, "进入海外市场前请先布局商标和专利", "通过马德里体系和PCT保护知识产权，避免商标被抢注。", "madrid-pct"
        ),
        "knowledge_zh": advisory(
            zh,
            "重视员工专业知识培训",
            "企业应为外派员工提供当地法律知识和安全常识培训。",
            "staff-training",
            kind="legal",
        ),
        "ip_en": advisory(
            en,
            "Protect trademarks and patents before entering a market",
            "Use the Madrid System and the PCT to protect intellectual property abroad.",
            "madrid-pct",
        ),
        "registration_en": advisory(
            en,
            "Foreign exchange registration for outbound investment",
            "Complete the registration of overseas direct investment with your bank on time.",
            "forex-registration",
            kind="forex",
        ),
        "briefing_zh": event(
            zh, "柬埔寨西港特区投资说明会", "介绍西港特区的入园政策和物流条件。", "sez-briefing", countries=["KH"]
        ),
        "draft_zh": guide(zh, "泰国投资指南", "泰国东部经济走廊西港特区草稿。", "TH", "thailand", live=False),
        "lawyer_zh": directory_entry(
            zh, "湄公桥律师事务所", "为在柬埔寨西港特区投资的企业提供公司设立和劳动法服务。", "mekong-legal", "KH"
        ),
        "pending_zh": directory_entry(
            zh,
            "待审核西港特区咨询公司",
            "申请入驻，尚未审核。",
            "pending-sez",
            "KH",
            kind="consulting",
            status="pending",
        ),
        "withdrawn_zh": directory_entry(
            zh, "已撤销西港特区物流公司", "已退出名录。", "withdrawn-sez", "KH", kind="logistics", status="withdrawn"
        ),
    }
    return made
