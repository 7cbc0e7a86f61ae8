"""`make bench-inprocess`: the bench's URLs measured in one process, through
Django's WSGI handler with the page cache off, on the bench's seeded database
(bench/run.py seeds it when needed). No HTTP server, no load generator: the
figures show what the code costs, and the floor (a bare Wagtail page through
the same middleware) is measured in the same rounds, so the ratios hold on a
busy machine even when the milliseconds do not.

    python -m bench.inprocess [--requests 30] [--urls guide,event] [--profile "a guide"]

Each round requests every chosen URL once, in turn; the table gives each
URL's median over the rounds, its SQL queries, and the floor's median divided
by its own (the share of the floor's rate it reaches). `--profile NAME`
prints cProfile's 40 most expensive calls (cumulative) for that URL.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time

from bench.run import FLOOR, PYTHON, ROOT, SIZES, chosen_urls, django_env, prepare_database


def request_environ(path):
    from django.test.client import RequestFactory

    return RequestFactory().get(path, HTTP_HOST="127.0.0.1", SERVER_NAME="127.0.0.1").environ


def make_request(application, path):
    status = {}

    def start_response(code, headers, exc_info=None):
        status["code"] = int(code.split()[0])

    body = b"".join(application(request_environ(path), start_response))
    if status["code"] != 200:
        raise SystemExit(f"{path}: HTTP {status['code']}")
    return body


def count_queries(application, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        make_request(application, path)
    return len(queries)


def measure(urls, rounds, profile_name):
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()
    for _name, path in urls:  # warm every memo and the template loader's cache
        for _ in range(3):
            make_request(application, path)
    timings = {name: [] for name, _path in urls}
    for _ in range(rounds):
        for name, path in urls:
            started = time.perf_counter()
            make_request(application, path)
            timings[name].append((time.perf_counter() - started) * 1000)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    floor = medians[FLOOR]
    print(
        f"\nMedian of {rounds} requests per URL in one process, page cache off, load average "
        f"{os.getloadavg()[0]:.1f}:\n"
    )
    print("| URL | median ms | queries | floor ms / URL ms |")
    print("|---|---:|---:|---:|")
    for name, path in urls:
        print(f"| {name} | {medians[name]:.1f} | {count_queries(application, path)} | {floor / medians[name]:.2f} |")
    if profile_name:
        path = dict(urls)[profile_name]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(rounds):
            make_request(application, path)
        profiler.disable()
        print(f"\ncProfile, {rounds} requests of {profile_name} ({path}):")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="rounds: requests per URL")
    parser.add_argument("--urls", help="only the URLs whose name contains one of these words (comma-separated)")
    parser.add_argument("--profile", help="profile this URL (its name in the table)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    urls = chosen_urls(args.urls)
    if args.profile and args.profile not in dict(urls):
        parser.error(f"--profile: no URL named {args.profile!r}; the names: {', '.join(dict(urls))}")
    if args.inner:
        measure(urls, args.requests, args.profile)
        return
    env = prepare_database(SIZES, reseed=False)
    env = django_env(env["DATABASE_URL"], page_cache_seconds=0)
    command = [PYTHON, "-m", "bench.inprocess", "--inner", *(argv if argv is not None else sys.argv[1:])]
    raise SystemExit(subprocess.run(command, cwd=ROOT, env=env).returncode)  # noqa: S603


if __name__ == "__main__":
    main()
