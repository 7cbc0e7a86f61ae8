"""Seed a large bilingual site for `make bench`, fast.

One item of each kind goes in through the site's own importer (interchange),
so it has exactly the structure the content apps give it; it is then cloned
in bulk: base page rows with bulk_create, the page type's own rows with one
multi-row INSERT per batch, tree paths computed here, no revisions, no
signals. The clones are then added to the search index in bulk. Every clone
is live and public in both locales, linked as translations (shared
translation_key).

    python -m bench.seed [--guides 200 --advisories 2000 --events 300 --directory 5000 --policies 300 --no-images]
"""

import argparse
import copy
import json
import os
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from functools import lru_cache

BATCH = 400
# The imported template items (bench/template_bundle.py): the importer uses a page's key as its slug.
TEMPLATE_LOOKUP = {
    "guides.CountryGuidePage": {"slug": "bench-guide"},
    "advisories.AdvisoryPage": {"slug": "bench-advisory"},
    "events.EventPage": {"slug": "bench-event"},
    "directory.DirectoryEntry": {"key": "bench-provider"},
    "policies.PolicyPage": {"slug": "bench-policy"},
}
DEFAULT_SIZES = {"guides": 200, "advisories": 2000, "events": 300, "directory": 5000, "policies": 300}


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()


# ---------------------------------------------------------------- cloning


def _page_base_fields():
    from wagtail.models import Page

    return [field for field in Page._meta.concrete_fields if field.attname != "id"]


def _next_steps(parent, count):
    """Tree paths for `count` new children after the parent's last child."""
    from wagtail.models import Page

    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, step) for step in range(first_step, first_step + count)]


def clone_pages(source, count, vary, start=0):
    """`count` copies of the source page and of each of its translations,
    numbered from `start`.

    vary(number, language_code, page) changes a copy in place (title, slug,
    country …); copies of the same number share one translation_key.
    """
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    model = type(source)
    templates = [source, *source.get_translations().specific()]
    base_fields = _page_base_fields()
    own_fields = model._meta.local_concrete_fields
    now = timezone.now()
    keys = [uuid.uuid4() for _ in range(count)]
    with transaction.atomic():
        for template in templates:
            parent = template.get_parent()
            language = template.locale.language_code
            paths = _next_steps(parent, count)
            for batch_start in range(0, count, BATCH):
                clones = []
                for index in range(batch_start, min(batch_start + BATCH, count)):
                    clone = copy.copy(template)
                    clone._state = copy.copy(template._state)
                    clone._state.adding = True
                    clone.id = clone.pk = None
                    clone.path, clone.depth, clone.numchild = paths[index], parent.depth + 1, 0
                    clone.translation_key = keys[index]
                    clone.live, clone.has_unpublished_changes = True, False
                    clone.latest_revision_id = clone.live_revision_id = None
                    clone.locked, clone.locked_by_id, clone.locked_at = False, None, None
                    clone.first_published_at = clone.last_published_at = now
                    vary(start + index, language, clone)
                    clone.draft_title = clone.title
                    clone.url_path = f"{parent.url_path}{clone.slug}/"
                    clones.append(clone)
                base_rows = [Page(**{f.attname: getattr(clone, f.attname) for f in base_fields}) for clone in clones]
                rows = Page.objects.bulk_create(base_rows)
                for clone, row in zip(clones, rows, strict=True):
                    clone.id = clone.page_ptr_id = row.pk
                model._base_manager._insert(clones, fields=own_fields, using=connection.alias)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return model.objects.filter(translation_key__in=keys)


def clone_snippets(source, count, vary, start=0):
    """`count` copies of a translatable snippet and of each of its translations, numbered from `start`."""
    from django.db import transaction

    model = type(source)
    templates = [source, *source.get_translations()]
    keys = [uuid.uuid4() for _ in range(count)]
    with transaction.atomic():
        for template in templates:
            language = template.locale.language_code
            clones = []
            for index in range(count):
                clone = copy.copy(template)
                clone._state = copy.copy(template._state)
                clone._state.adding = True
                clone.pk = clone.id = None
                clone.translation_key = keys[index]
                if hasattr(clone, "latest_revision_id"):
                    clone.latest_revision_id = None
                vary(start + index, language, clone)
                clones.append(clone)
            model.objects.bulk_create(clones, batch_size=BATCH)
    return model.objects.filter(translation_key__in=keys)


@contextmanager
def repeated_text_analysed_once():
    """The clones repeat their template's paragraphs: analyse (segment, stem)
    each distinct text once while indexing, not once per clone."""
    try:
        from search import text
    except ImportError:  # another search app: index without the shortcut
        yield
        return
    original = text.analyze_document
    text.analyze_document = lru_cache(maxsize=65536)(original)
    try:
        yield
    finally:
        text.analyze_document = original


def index_for_search(queryset):
    """Add the clones to the search index in chunks (the importer indexes its own items)."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    objects = list(queryset)
    with repeated_text_analysed_once():
        for start in range(0, len(objects), BATCH):
            backend.add_bulk(type(objects[0]), objects[start : start + BATCH])
    return len(objects)


# ---------------------------------------------------------------- what varies


def _countries():
    from core.vocabularies import country_codes

    return sorted(country_codes())


def guide_variation(countries):
    from core.vocabularies import Region, RiskLevel, country_name

    regions = [choice.value for choice in Region]
    risks = [choice.value for choice in RiskLevel]

    def vary(number, language, guide):
        code = countries[number]
        guide.country = code
        guide.region = regions[number % len(regions)]
        guide.risk_level = risks[number % len(risks)]
        guide.slug = f"guide-{code.lower()}"
        name = country_name(code, language)
        guide.title = f"{name}投资指南" if language.startswith("zh") else f"Investing in {name}"
        guide.population_millions = 1 + number * 1.7
        guide.gdp_usd_billions = 10 + number * 13.0

    return vary


def advisory_variation(countries):
    from core.fields import token_string
    from core.vocabularies import AdvisoryKind, Severity, country_name, label

    kinds = [choice.value for choice in AdvisoryKind]
    severities = [choice.value for choice in Severity]

    def vary(number, language, advisory):
        from django.utils import timezone
        from django.utils.translation import override

        code = countries[number % len(countries)]
        advisory.kind = kinds[number % len(kinds)]
        advisory.severity = severities[number % len(severities)]
        advisory.countries = [] if number % 5 == 0 else [code]
        advisory.country_tokens = token_string(advisory.countries)
        advisory.issued = timezone.localdate() - timedelta(days=number % 730)
        advisory.slug = f"advisory-{number + 1}"
        with override(language):
            kind = str(label(AdvisoryKind, advisory.kind))
        place = country_name(code, language) if advisory.countries else ""
        if language.startswith("zh"):
            advisory.title = f"{place}{kind}提示（第{number + 1}号）"
        else:
            advisory.title = f"{kind} advisory {number + 1}{': ' + place if place else ''}"

    return vary


def event_variation():
    def vary(number, language, event):
        shift = timedelta(days=number % 365, hours=number % 7)
        event.starts += shift
        event.ends += shift
        event.registration_closes += shift
        event.slug = f"event-{number + 1}"
        if language.startswith("zh"):
            event.title = f"境外投资实务培训（第{number + 1}期）"
        else:
            event.title = f"Investing abroad, session {number + 1}"

    return vary


def policy_variation():
    from core.vocabularies import PolicyLevel, PolicyStatus, PolicyTopic

    topics = [choice.value for choice in PolicyTopic]
    levels = [choice.value for choice in PolicyLevel]
    statuses = [choice.value for choice in PolicyStatus]

    def vary(number, language, policy):
        policy.slug = f"policy-{number + 1}"
        policy.topic = topics[number % len(topics)]
        policy.level = levels[number % len(levels)]
        policy.status = statuses[number % len(statuses)]
        policy.issued_on -= timedelta(days=number % 3650)
        policy.in_force_on = None
        if language.startswith("zh"):
            policy.title = f"境外投资政策文件（第{number + 1}号）"
            policy.document_number = f"示例〔{policy.issued_on.year}〕{number + 1}号"
            policy.issuing_body = ["国家发展和改革委员会", "商务部", "国家外汇管理局"][number % 3]
        else:
            policy.title = f"Outbound investment policy document {number + 1}"
            policy.document_number = f"Example [{policy.issued_on.year}] No. {number + 1}"
            policy.issuing_body = ["NDRC", "MOFCOM", "SAFE"][number % 3]

    return vary


def entry_variation(countries):
    from core.vocabularies import ProviderKind, collation_key, country_name

    kinds = [choice.value for choice in ProviderKind]

    def vary(number, language, entry):
        code = countries[number % len(countries)]
        entry.key = f"provider-{number + 1}"
        entry.kind = kinds[number % len(kinds)]
        entry.country = code
        place = country_name(code, language)
        if language.startswith("zh"):
            entry.name = f"{place}第{number + 1}号服务机构"
        else:
            entry.name = f"{place} service provider {number + 1}"
        entry.city = place
        entry.sort_name = collation_key(entry.name, language)[: type(entry)._meta.get_field("sort_name").max_length]

    return vary


# ---------------------------------------------------------------- the whole site


def import_templates(images=True):
    """The site skeleton and one item of each kind, through the importer; then
    the publish task makes their pictures' renditions (clones share the
    images), as a worker would after publishing: no visitor makes one."""
    from wagtail.models import Page

    from bench.template_bundle import IMAGES_BASE_DIR, template_bundle
    from core.site_structure import set_up_site
    from core.tasks import make_renditions
    from interchange.importer import import_bundle
    from interchange.validation import load_bundle

    set_up_site()
    bundle = load_bundle(json.dumps(template_bundle(_countries()[0], images=images)), base_dir=IMAGES_BASE_DIR)
    result = import_bundle(bundle)
    if result.problems:
        raise SystemExit(f"the template bundle was refused: {result.problems}")
    # The importer's publishing queued the task for after its commit; here it
    # runs at once, because a seed has no worker (and a test never commits).
    slugs = [lookup["slug"] for lookup in TEMPLATE_LOOKUP.values() if "slug" in lookup]
    for page in Page.objects.filter(slug__in=slugs):
        make_renditions.call(page.content_type_id, page.pk)


def add_clones(counts, start=0, step=lambda message: None):
    """`counts[kind]` more items of each kind, numbered from `start` (so that
    a second call with a higher start adds to the first)."""
    from wagtail.models import Locale

    from advisories.models import AdvisoryPage
    from directory.models import DirectoryEntry
    from events.models import EventPage
    from guides.models import CountryGuidePage
    from policies.models import PolicyPage

    countries = _countries()[1:]  # the first is the template guide's
    zh = Locale.objects.get(language_code="zh-hans")
    plan = [
        ("guides", CountryGuidePage, clone_pages, guide_variation(countries)),
        ("advisories", AdvisoryPage, clone_pages, advisory_variation(countries)),
        ("events", EventPage, clone_pages, event_variation()),
        ("directory", DirectoryEntry, clone_snippets, entry_variation(countries)),
        ("policies", PolicyPage, clone_pages, policy_variation()),
    ]
    for name, model, clone, vary in plan:
        count = counts.get(name, 0)
        if name == "guides" and start + count > len(countries):
            raise SystemExit(f"at most {len(countries) + 1} guides: one per country")
        if count <= 0:
            continue
        source = model.objects.get(locale=zh, **TEMPLATE_LOOKUP[model._meta.label])
        clones = clone(source, count, vary, start=start)
        step(f"{name}: {count} more in each language")
        indexed = index_for_search(clones)
        step(f"{name}: {indexed} added to the search index")


def analyse_tables():
    """The planner's statistics, as a grown site has them (PostgreSQL's
    autovacuum gathers them; SQLite only on ANALYZE): without them SQLite
    reads a guide's current advisories through the locale index and sorts
    them all (50 ms at this scale) instead of walking advisory_issued_idx."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed(sizes, images=True, out=sys.stdout):
    started = time.monotonic()

    def step(message):
        out.write(f"  {time.monotonic() - started:6.1f}s  {message}\n")
        out.flush()

    import_templates(images=images)
    step("site skeleton and one item of each kind imported" + ("" if images else ", without images"))
    add_clones({name: size - 1 for name, size in sizes.items()}, step=step)  # the imported one counts
    analyse_tables()
    step("table statistics gathered (ANALYZE)")
    return time.monotonic() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, size in DEFAULT_SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=size)
    parser.add_argument("--no-images", action="store_true", help="no lead images on guides and events")
    args = parser.parse_args(argv)
    _setup_django()
    sizes = {name: getattr(args, name) for name in DEFAULT_SIZES}
    print(f"seeding {sizes} in both languages")
    elapsed = seed(sizes, images=not args.no_images)
    print(f"seeded in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
