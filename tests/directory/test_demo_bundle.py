"""The project's own demo directory (core/demo/content/directory.json) and the
shared sample bundle both pass the directory's rules, so that what the
content importer writes is what the directory accepts."""

import json
from collections import Counter
from pathlib import Path

import phonenumbers
from django.conf import settings

from directory import spreadsheet

DEMO = Path(settings.BASE_DIR) / "core" / "demo" / "content" / "directory.json"


def as_row(item):
    """A bundle item as a spreadsheet row, to check it with the import's rules."""
    cells = {
        "key": item["key"],
        "status": "listed",
        "kind": item["kind"],
        "country": item["country"],
        "website": item.get("website") or "",
        "email": item.get("email") or "",
        "phone": item.get("phone") or "",
        "languages": ", ".join(item.get("languages", [])),
        "services": ", ".join(item.get("services", [])),
        "verified_on": "",
    }
    for code, texts in item["translations"].items():
        for name in spreadsheet.TRANSLATED_FIELDS:
            cells[spreadsheet.text_column(name, code)] = texts.get(name, "")
    return cells


def check(items):
    form_class = spreadsheet.row_form_class()
    problems = {}
    for item in items:
        form = form_class(as_row(item))
        if not form.is_valid():
            problems[item["key"]] = form.errors
    return problems


def test_the_demo_directory_is_valid_bilingual_and_varied():
    bundle = json.loads(DEMO.read_text(encoding="utf-8"))
    assert set(bundle) == {"format", "directory"}
    assert bundle["format"] == "outbound-content/1.1"  # 1.1: a logo
    items = bundle["directory"]
    assert len(items) >= 10
    assert check(items) == {}
    assert len({item["key"] for item in items}) == len(items)
    assert all(set(item["translations"]) == {"zh-hans", "en"} for item in items)
    assert len(Counter(item["country"] for item in items)) >= 8
    assert set(Counter(item["kind"] for item in items)) == {
        "chamber",
        "law-firm",
        "accounting",
        "consulting",
        "finance",
        "insurance",
        "logistics",
        "industrial-park",
    }
    for item in items:
        assert item["website"].endswith(".example") and item["email"].endswith(".example")
        number = phonenumbers.parse(item["phone"], None)
        assert phonenumbers.region_code_for_number(number) == item["country"]


def test_the_demo_directory_is_our_own_not_the_shared_sample(sample_bundle):
    ours = json.loads(DEMO.read_text(encoding="utf-8"))["directory"]
    theirs = sample_bundle["directory"]
    assert not {item["key"] for item in ours} & {item["key"] for item in theirs}
    names = lambda items: {t["name"] for item in items for t in item["translations"].values()}  # noqa: E731
    assert not names(ours) & names(theirs)


def test_the_shared_sample_directory_passes_the_directorys_rules(sample_bundle):
    assert check(sample_bundle["directory"]) == {}
