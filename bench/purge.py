"""What precise purging saves (run by bench/run.py in the bench's environment).

A mixed set of public pages in both languages (home and index pages, and the
first few items of every content area, those the cache stores) is cached; one advisory (a notice,
not an alert) is republished; then every page of the set is requested once.
Measured twice: with the site's precise purge (edge/purge.py), and with the
whole cache purged on top, as every save did before. Prints JSON: per mode,
the hit ratio of that pass and its pages per second (one process, in turn).

    python -m bench.purge [--items 10]
"""

import argparse
import json
import time

import django


def page_set(items):
    from wagtail.models import Locale

    from core.areas import content_areas

    paths = []
    for locale in Locale.objects.order_by("pk"):
        for area in content_areas():
            index = area.index_page(locale)
            if index is not None:
                paths.append(index.get_url())
            chosen = list(area.public(locale).order_by("pk")[:items])
            paths += [url for url in area.urls(chosen, None, locale).values() if url]
        paths.append(f"/{locale.language_code}/")
    return paths


def cached_only(client, paths):
    """The paths the page cache stores (an event open for registration has a form: never)."""
    return [path for path in paths if client.get(path).get("X-Page-Cache") is not None]


def one_pass(client, paths):
    """Request every path once: (the paths that were not served from the cache, seconds)."""
    missed = []
    started = time.perf_counter()
    for path in paths:
        if client.get(path).get("X-Page-Cache") != "hit":
            missed.append(path)
    return missed, time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10, help="items of each area in each language")
    args = parser.parse_args(argv)
    django.setup()
    from django.test import Client
    from wagtail.models import Locale

    from core.areas import content_area
    from core.vocabularies import Severity
    from edge.purge import SITE, page_cache, purge_tags

    client = Client(HTTP_HOST="127.0.0.1")
    paths = cached_only(client, page_set(args.items))
    advisory = (
        content_area("advisories").public(Locale.get_default()).exclude(severity=Severity.ALERT).order_by("-pk").first()
    )
    results = {"pages": len(paths), "advisory": advisory.url}
    for mode in ("precise", "whole site"):
        page_cache().clear()
        one_pass(client, paths)  # fill the cache
        missed, _seconds = one_pass(client, paths)
        if missed:
            raise SystemExit(f"not cached: {missed}")
        advisory.save_revision().publish()
        if mode == "whole site":
            purge_tags({SITE})
        missed, seconds = one_pass(client, paths)
        results[mode] = {"hits": len(paths) - len(missed), "missed": missed, "pages_per_second": len(paths) / seconds}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
