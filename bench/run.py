"""`make bench`: seed a large site, serve it with gunicorn on loopback, and
measure each URL with ApacheBench (a fixed number of requests, loopback
only), uncached, cached, and against two references served by the same
server: a static file of the same size, and the floor, a bare Wagtail page
(bench/floor: a title and a one-line template, no site chrome) served
through the same middleware. The bench runs with config/settings/bench.py,
production's settings plus the floor's page type.

    python -m bench.run [--requests 100 --cached-requests 2000 --time-limit 25 --concurrency 4 --workers 2 --reseed]
                        [--no-images] [--urls guide,event]

The seeded database is kept in var/bench/ and reused while the migrations,
the seeding code and the sizes stay the same. Set BENCH_DATABASE_URL to a
PostgreSQL database to measure on PostgreSQL (it is emptied and reseeded),
and BENCH_SEARCH_URL to an OpenSearch node (`make opensearch`) to search
there, as production does: the seeded content is indexed into it (indexes
named bench_*) once per seeding.
"""

import argparse
import contextlib
import csv
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
SIZES = {"guides": 200, "advisories": 2000, "events": 300, "directory": 5000}

# What is measured: (name, path). Guides and events exist by construction
# (bench/seed.py names them); the first seeded guide is Andorra's.
FLOOR = "floor: a bare Wagtail page"
URLS = [
    (FLOOR, "/zh-hans/bench-floor/"),
    ("home (zh)", "/zh-hans/"),
    ("guide index, filtered (zh)", "/zh-hans/guides/?region=southeast-asia&risk=medium"),
    ("a guide (zh)", "/zh-hans/guides/guide-ae/"),
    ("advisory index (zh)", "/zh-hans/advisories/"),
    ("an advisory (en)", "/en/advisories/advisory-1/"),
    ("directory, filtered (en)", "/en/directory/?kind=law-firm&country=KH"),
    ("search (zh)", "/zh-hans/search/?q=投资指南"),
    ("search (en)", "/en/search/?q=investment"),
    # The query: on the demo site no page has all three words (retried with any
    # word); at the bench's size law firms in Vietnam have them all, so one pass.
    ("search, three words (en)", "/en/search/?q=law firm Vietnam"),
    ("an event (zh)", "/zh-hans/events/event-1/"),
]


def log(message):
    print(f"== {message}", flush=True)


def fingerprint(sizes):
    digest = hashlib.sha256(json.dumps(sizes, sort_keys=True).encode())
    for pattern in ("*/migrations/*.py", "bench/*/migrations/*.py", "bench/seed.py", "bench/template_bundle.py"):
        for file in sorted(ROOT.glob(pattern)):
            if ".venv" not in file.parts:
                digest.update(file.read_bytes())
    return digest.hexdigest()


def django_env(database_url, page_cache_seconds=600):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database_url,
        # Plain HTTP on loopback: no TLS proxy in front here.
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(VAR / "static"),
        MEDIA_ROOT=str(VAR / "media"),
        CACHE_URL="locmemcache://",
        EMAIL_URL="consolemail://",
        DJANGO_LOG_LEVEL="ERROR",
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        BENCH_REFERENCE_DIR=str(VAR / "reference"),
    )
    env.pop("REDIS_URL", None)
    if search_url := os.environ.get("BENCH_SEARCH_URL"):
        env.update(SEARCH_ENGINE="opensearch", SEARCH_URL=search_url, SEARCH_INDEX_PREFIX="bench_")
    return env


def database_search_env(env):
    """`env` searching the database: the seeding fills the database's own
    index whatever the bench searches, so a later run without an engine finds
    it there."""
    env = dict(env)
    for name in ("SEARCH_ENGINE", "SEARCH_URL", "SEARCH_INDEX_PREFIX"):
        env.pop(name, None)
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def prepare_database(sizes, reseed, images=True):
    """Migrate and seed unless the kept database matches this code, these sizes and `images`."""
    VAR.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{VAR / 'bench.sqlite3'}"
    stamp_file = VAR / "seeded.json"
    wanted = {"database": database_url, "fingerprint": fingerprint(sizes), "images": images}
    env = django_env(database_url)
    stamp = json.loads(stamp_file.read_text()) if stamp_file.exists() else {}
    if not reseed and {key: stamp.get(key) for key in wanted} == wanted:
        log("reusing the seeded database (var/bench/; --reseed to rebuild)")
        add_floor_page(env)
        index_into_engine(env, stamp, stamp_file)
        return env
    stamp_file.unlink(missing_ok=True)
    if database_url.startswith("sqlite"):
        # With its write-ahead log (WAL, config/settings/base.py): a stale log must not meet a new file.
        for name in ("bench.sqlite3", "bench.sqlite3-wal", "bench.sqlite3-shm"):
            (VAR / name).unlink(missing_ok=True)
    else:
        manage(env, "flush", "--no-input")
    started = time.monotonic()
    log("migrating")
    manage(env, "migrate", "--no-input", "-v0")
    log(f"seeding (migrations took {time.monotonic() - started:.0f} s)")
    size_args = [f"--{name}={count}" for name, count in sizes.items()] + ([] if images else ["--no-images"])
    seed_env = database_search_env(env)
    subprocess.run([PYTHON, "-m", "bench.seed", *size_args], cwd=ROOT, env=seed_env, check=True)  # noqa: S603
    log("collecting static files")
    manage(env, "collectstatic", "--no-input", "-v0")
    add_floor_page(env)
    stamp_file.write_text(json.dumps(wanted))
    index_into_engine(env, wanted, stamp_file)
    return env


def index_into_engine(env, stamp, stamp_file):
    """With BENCH_SEARCH_URL: the seeded content indexed into that engine,
    unless this seeding already was (the stamp names the engine) and its
    indexes are still there."""
    if "SEARCH_URL" not in env:
        return
    if stamp.get("search_url") == env["SEARCH_URL"] and engine_has_bench_indexes(env["SEARCH_URL"]):
        return
    started = time.monotonic()
    log(f"indexing into {env['SEARCH_URL']}")
    manage(env, "update_index", "-v0")
    stamp_file.write_text(json.dumps({**stamp, "search_url": env["SEARCH_URL"]}))
    log(f"indexed in {time.monotonic() - started:.0f} s")


def engine_has_bench_indexes(search_url):
    try:
        with urllib.request.urlopen(f"{search_url.rstrip('/')}/_cat/indices/bench_*?h=index", timeout=10) as answer:  # noqa: S310 - the bench's own node
            return bool(answer.read().strip())
    except (urllib.error.URLError, OSError):
        return False


def add_floor_page(env):
    """The floor page, added to the database alone (it is never searched)."""
    manage(
        database_search_env(env), "shell", "-c", "from bench.floor.models import ensure_floor_page; ensure_floor_page()"
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn on loopback, started and stopped by us only."""

    def __init__(self, env, workers):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            str(Path(PYTHON).with_name("gunicorn")),
            "bench.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            "--log-level=warning",
            "--timeout=60",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/zh-hans/", timeout=10)  # noqa: S310 (our loopback server)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.process.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.5)
        self.stop()
        raise SystemExit("gunicorn did not answer within 60 s")

    def fetch(self, path):
        with urllib.request.urlopen(self.base + quote(path, safe="/?=&"), timeout=60) as response:  # noqa: S310
            return response.status, response.read(), response.headers

    def wait_until_idle(self, timeout=120):
        """Until a tiny request is answered at once (the workers are free)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = time.monotonic()
            with contextlib.suppress(urllib.error.HTTPError):  # a 404 is an answer too
                urllib.request.urlopen(self.base + "/bench-reference/", timeout=timeout)  # noqa: S310
            if time.monotonic() - started < 0.05:
                return
            time.sleep(0.5)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def ab(url, requests, concurrency, time_limit):
    """ApacheBench: `requests` requests (fewer if `time_limit` seconds run out
    first): requests/s, p50 and p95 in ms, how many completed, failures."""
    percentiles = VAR / "percentiles.csv"
    command = ["ab", "-q", "-t", str(time_limit), "-n", str(requests), "-c", str(concurrency)]
    command += ["-e", str(percentiles), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests per second:\s+([\d.]+)", output).group(1))
    complete = int(re.search(r"Complete requests:\s+(\d+)", output).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", output).group(1))
    non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", output)
    with percentiles.open() as file:
        rows = {int(float(row[0])): float(row[1]) for row in csv.reader(file) if row and row[0][0].isdigit()}
    failed += int(non_2xx.group(1)) if non_2xx else 0
    return {"rate": rate, "p50": rows[50], "p95": rows[95], "complete": complete, "failed": failed}


def median_run(runs):
    """The run with the median rate (its percentiles are a real run's)."""
    return sorted(runs, key=lambda run: run["rate"])[len(runs) // 2]


def median_ratio(runs, references):
    """The median of each round's rate ÷ the reference's measured beside it."""
    return statistics.median(run["rate"] / reference["rate"] for run, reference in zip(runs, references, strict=True))


def warm(url, args):
    """A few requests of `url`, as many at once as measured, before measuring
    it: each gunicorn worker keeps its own memos (the site's chrome, search's
    per-publish facts) and local-memory page cache, and one fetch reaches one
    worker; the others would build theirs during the measurement. The rates
    measured are a warm server's; what a publish costs is the purge table's."""
    ab(url, 4 * args.workers * args.concurrency, args.concurrency, args.time_limit)


def ensure_ab():
    if shutil.which("ab"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing ApacheBench (apache2-utils) from Debian's packages")
        subprocess.run(["apt-get", "install", "-y", "-qq", "apache2-utils"], check=True)  # noqa: S607
        return
    raise SystemExit("ApacheBench is needed: apt-get install apache2-utils")


def chosen_urls(words):
    """The floor and the URLs whose name contains one of `words` (comma-separated); all without."""
    if not words:
        return URLS
    wanted = [word.strip() for word in words.split(",") if word.strip()]
    return [(name, path) for name, path in URLS if name == FLOOR or any(word in name for word in wanted)]


def measure(env, args):
    urls = chosen_urls(args.urls)
    results = {name: {} for name, _path in urls}
    args.load_average = os.getloadavg()[0]
    reference = VAR / "reference"
    reference.mkdir(exist_ok=True)
    limit = args.time_limit

    log(f"uncached: gunicorn with {args.workers} workers, {args.requests} requests per URL, {args.concurrency} at once")
    server = Server(django_env(env["DATABASE_URL"], page_cache_seconds=0), args.workers)
    try:
        for number, (name, path) in enumerate(urls):
            status, body, _headers = server.fetch(path)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
            results[name]["bytes"] = len(body)
            (reference / f"page-{number}.html").write_bytes(body)
            page_url = server.base + quote(path, safe="/?=&")
            warm(page_url, args)
            # uncached/floor compares with the floor measured right before this page, in each
            # of `rounds` rounds: a floor measured once, minutes earlier, carried the load's
            # swings in between, and one run of half a second swung by a tenth on its own.
            floor_url = server.base + quote(dict(urls)[FLOOR], safe="/?=&")
            runs, floors = [], []
            for _round in range(args.rounds):
                if name != FLOOR:
                    floors.append(ab(floor_url, args.requests, args.concurrency, limit))
                    server.wait_until_idle()
                runs.append(ab(page_url, args.requests, args.concurrency, limit))
                server.wait_until_idle()  # requests cut off by the time limit may still be running
            results[name]["uncached"] = median_run(runs)
            results[name]["uncached_failed"] = sum(run["failed"] for run in runs + floors)
            results[name]["floor_ratio"] = median_ratio(runs, floors) if floors else 1.0
            static_url = f"{server.base}/bench-reference/page-{number}.html"
            results[name]["static"] = ab(static_url, args.cached_requests, args.concurrency, limit)
            print(f"   {name}: {results[name]['uncached']['rate']:.1f} req/s", flush=True)
    finally:
        server.stop()

    log(f"cached: the same, {args.cached_requests} requests per URL")
    server = Server(django_env(env["DATABASE_URL"], page_cache_seconds=600), args.workers)
    try:
        for number, (name, path) in enumerate(urls):
            # The page cache marks what it stores or serves ("miss", "hit"); pages with
            # a form (the event's registration) and search are never cached, never marked.
            results[name]["cacheable"] = server.fetch(path)[2].get("X-Page-Cache") is not None
            url = server.base + quote(path, safe="/?=&")
            warm(url, args)  # every worker has its own local-memory cache to fill
            if results[name]["cacheable"]:
                # cached/static compares with the static file on this server right after, in
                # each round: the uncached run's, a minute or more earlier, carried the load's
                # swings in between.
                static_url = f"{server.base}/bench-reference/page-{number}.html"
                runs, statics = [], []
                for _round in range(args.rounds):
                    runs.append(ab(url, args.cached_requests, args.concurrency, limit))
                    statics.append(ab(static_url, args.cached_requests, args.concurrency, limit))
                results[name]["cached"] = median_run(runs)
                results[name]["cached_failed"] = sum(run["failed"] for run in runs + statics)
                results[name]["static_ratio"] = median_ratio(runs, statics)
                print(f"   {name}: {results[name]['cached']['rate']:.0f} req/s", flush=True)
            else:
                print(f"   {name}: never cached", flush=True)
    finally:
        server.stop()
    return results


def table(results, args):
    lines = [
        f"Up to {args.requests} uncached and {args.cached_requests} cached or static requests per URL and run "
        f"(at most {args.time_limit} s each), {args.concurrency} at once, gunicorn with {args.workers} sync "
        f"workers on loopback; {os.cpu_count()} CPUs, load average {args.load_average:.1f} when measuring began. "
        f"Each page measured in {args.rounds} rounds: the rates and percentiles are the median round's; "
        "cached/static: the median of each round's ratio to the static file measured right after the cached "
        "page, on the same server; uncached/floor: the median of each round's ratio to the floor measured "
        "right before the page; static: measured once, in the uncached run.",
        "",
        "| URL | KiB | uncached req/s | p50 ms | p95 ms | n | cached req/s | p50 ms | p95 ms "
        "| static req/s | p50 ms | p95 ms | cached/static | uncached/static | uncached/floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = {}
    for name, result in results.items():
        uncached, static = result["uncached"], result["static"]
        cached = result.get("cached")
        cells = [name, f"{result['bytes'] / 1024:.0f}"]
        p95 = f"{uncached['p95']:.0f}" if uncached["complete"] >= 20 else "–"  # too few requests to say
        cells += [f"{uncached['rate']:.1f}", f"{uncached['p50']:.0f}", p95]
        cells.append(str(uncached["complete"]))
        cells += [f"{cached['rate']:.0f}", f"{cached['p50']:.1f}", f"{cached['p95']:.1f}"] if cached else ["–"] * 3
        cells += [f"{static['rate']:.0f}", f"{static['p50']:.1f}", f"{static['p95']:.1f}"]
        cells.append(f"{result['static_ratio']:.2f}" if cached else "never cached")
        cells.append(f"{uncached['rate'] / static['rate']:.4f}")
        cells.append(f"{result['floor_ratio']:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
        for mode, failed in (
            ("uncached", result["uncached_failed"]),
            ("cached", result.get("cached_failed", 0)),
            ("static", static["failed"]),
        ):
            if failed:
                failures[f"{name} ({mode})"] = failed
    if failures:
        lines.append(f"\nFailed or non-2xx responses: {failures}")
    return "\n".join(lines)


def measure_purge(env, args):
    """bench/purge.py in the bench's environment: the hit ratio and pages/s of
    a mixed page set right after one advisory is published, precise purge
    against the whole cache purged."""
    log(f"purge: a mixed page set ({args.purge_items} items of each area per language) after publishing one advisory")
    command = [PYTHON, "-m", "bench.purge", f"--items={args.purge_items}"]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
    result = json.loads(output.strip().splitlines()[-1])
    lines = [
        f"Right after one advisory ({result['advisory']}) is republished, each of {result['pages']} cached pages "
        "(both languages: home, index pages, the first items of every area) requested once, in one process:",
        "",
        "| purge | pages still cached | hit ratio | pages/s |",
        "|---|---:|---:|---:|",
    ]
    for mode in ("precise", "whole site"):
        row = result[mode]
        lines.append(
            f"| {mode} | {row['hits']} of {result['pages']} | {row['hits'] / result['pages']:.0%} "
            f"| {row['pages_per_second']:.1f} |"
        )
    lines += ["", "Rebuilt after the precise purge: " + (", ".join(result["precise"]["missed"]) or "none") + "."]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="uncached requests per URL")
    parser.add_argument("--time-limit", type=int, default=25, help="seconds at most per URL and mode")
    parser.add_argument("--cached-requests", type=int, default=2000, help="cached and static requests per URL")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each page (and its reference) per mode")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--purge-items", type=int, default=10, help="items of each area per language, purge test")
    parser.add_argument("--purge-only", action="store_true", help="only the purge measurement")
    parser.add_argument("--no-images", action="store_true", help="seed guides and events without lead images")
    parser.add_argument("--urls", help="measure only the URLs whose name contains one of these words (comma-separated)")
    for name, size in SIZES.items():
        parser.add_argument(f"--{name}", type=int, default=size)
    args = parser.parse_args(argv)
    # Stopped from outside: still stop gunicorn (the `finally` blocks run on SystemExit).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    ensure_ab()
    env = prepare_database({name: getattr(args, name) for name in SIZES}, args.reseed, images=not args.no_images)
    purge_report = measure_purge(django_env(env["DATABASE_URL"], page_cache_seconds=600), args)
    report = purge_report if args.purge_only else table(measure(env, args), args) + "\n\n" + purge_report
    (VAR / "results.md").write_text(report + "\n")
    print("\n" + report)
    print(f"\n(bench took {time.monotonic() - started:.0f} s; table saved in var/bench/results.md)")


if __name__ == "__main__":
    main()
