"""Small, valid bundles written for these tests (independent of ../shared)."""

import copy
import json

_GUIDE = {
    "key": "laos",
    "country": "LA",
    "region": "southeast-asia",
    "initiatives": ["bri", "rcep"],
    "sectors": ["logistics", "energy"],
    "risk_level": "medium",
    "reviewed": "2026-05-04",
    "facts": {
        "capital": "Vientiane",
        "currency": "LAK",
        "population_millions": 7.7,
        "gdp_usd_billions": 15,
        "time_zone": "Asia/Vientiane",
    },
    "translations": {
        "zh-hans": {
            "title": "老挝投资指南",
            "summary": "老挝是内陆国家，中老铁路通车后物流条件明显改善。",
            "sections": [
                {"heading": "概况", "body": "<p>老挝首都万象。</p><p>中老铁路连接昆明和万象。</p>"},
                {"heading": "风险", "body": "<ul><li>汇率波动</li><li>电力供应</li></ul>"},
            ],
        },
        "en": {
            "title": "Laos investment guide",
            "summary": "Laos is landlocked; the China–Laos railway has much improved its logistics.",
            "sections": [
                {
                    "heading": "Overview",
                    "body": "<p>The capital is Vientiane.</p><p>The railway links Kunming and Vientiane.</p>",
                },
                {"heading": "Risks", "body": "<ul><li>Exchange-rate swings</li><li>Power supply</li></ul>"},
            ],
        },
    },
}

_ADVISORY = {
    "key": "customs-declaration-reminder",
    "kind": "trade",
    "severity": "warning",
    "countries": ["LA", "KH"],
    "issued": "2026-04-01",
    "expires": "2026-12-31",
    "translations": {
        "zh-hans": {
            "title": "出口报关单证提醒",
            "summary": "请核对原产地证书。",
            "body": '<p>请在出运前核对<strong>原产地证书</strong>，详见<a href="https://example.org/origin">说明</a>。</p>',
        },
        "en": {
            "title": "Customs documents reminder",
            "summary": "Check certificates of origin.",
            "body": (
                "<p>Check the <strong>certificate of origin</strong> before shipping; "
                '<a href="https://example.org/origin">the guide</a> explains.</p>'
            ),
        },
    },
}

_EVENT = {
    "key": "laos-railway-logistics-seminar",
    "kind": "seminar",
    "starts": "2027-03-18T09:30:00+08:00",
    "ends": "2027-03-18T12:00:00+08:00",
    "online": False,
    "capacity": 80,
    "registration_opens": "2027-02-01T09:00:00+08:00",
    "registration_closes": "2027-03-15T17:00:00+08:00",
    "countries": ["LA"],
    "translations": {
        "zh-hans": {
            "title": "中老铁路物流研讨会",
            "summary": "介绍中老铁路国际货运。",
            "body": "<p>议程包括铁路运价和通关。</p>",
            "venue": "国际商务中心3楼报告厅",
        },
        "en": {
            "title": "China–Laos railway logistics seminar",
            "summary": "International rail freight on the China–Laos railway.",
            "body": "<p>The agenda covers rail tariffs and customs clearance.</p>",
            "venue": "Lecture hall, 3/F International Business Centre",
        },
    },
}

_ENTRY = {
    "key": "vientiane-chamber",
    "kind": "chamber",
    "country": "LA",
    "website": "https://vientiane-chamber.example",
    "email": "office@vientiane-chamber.example",
    "phone": "+85621000000",
    "languages": ["lo", "zh", "en"],
    "services": ["company-setup", "matchmaking"],
    "translations": {
        "zh-hans": {
            "name": "万象中资企业商会",
            "description": "为在老挝的中资企业提供服务。",
            "city": "万象",
            "address": "万象市某路1号",
        },
        "en": {
            "name": "Vientiane Chinese Business Chamber",
            "description": "Serves Chinese-invested firms in Laos.",
            "city": "Vientiane",
            "address": "1 Example Road, Vientiane",
        },
    },
}


def bundle(**lists):
    """A valid bundle with one item per list; `lists` replaces whole lists."""
    data = {
        "format": "outbound-content/1",
        "guides": [copy.deepcopy(_GUIDE)],
        "advisories": [copy.deepcopy(_ADVISORY)],
        "events": [copy.deepcopy(_EVENT)],
        "directory": [copy.deepcopy(_ENTRY)],
    }
    data.update(lists)
    return data


def guide(**changes):
    return {**copy.deepcopy(_GUIDE), **changes}


def advisory(**changes):
    return {**copy.deepcopy(_ADVISORY), **changes}


def event(**changes):
    return {**copy.deepcopy(_EVENT), **changes}


def entry(**changes):
    return {**copy.deepcopy(_ENTRY), **changes}


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def write(tmp_path, data, name="bundle.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else dumps(data), encoding="utf-8")
    return path
