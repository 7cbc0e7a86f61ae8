"""Browser fixtures: Playwright driving Debian's Chromium against a live
server running in this process.

The server shares the test's database connection and transaction (as
Django's live server does for in-memory SQLite, here for PostgreSQL too),
so each journey sees the site skeleton built once per session and its own
data, and everything is rolled back afterwards: no flush, no rebuild. The
server is single-threaded, so the shared connection is never used by two
requests at once; it closes every HTTP connection after its response.
On-commit callbacks (e-mails sent once a registration is saved) run at the
end of the request that registered them.

Screenshots go to var/screenshots/ (ignored by git; CI keeps them as
artefacts). Without Chromium the tests are skipped with the reason, and fail
under CI (require_service).
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler, _MediaFilesHandler

from tests.conftest import require_service

from .helpers import DESKTOP, BrowserPage

# Playwright's sync API runs an event loop in this thread; Django's ORM
# refuses to run in a thread with a running loop unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"


def chromium_executable():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require_service(sync_playwright is not None, "needs Playwright: pip install -r requirements-dev.txt")
    executable = chromium_executable()
    require_service(Path(executable).exists(), f"needs Chromium at {executable}: apt-get install chromium")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def committing_each_request(application):
    """Run the on-commit callbacks each request registers when it ends, as if
    its transaction had committed (the test's transaction never does): the
    e-mails that go out "when the registration is saved", for example."""

    def run_then_commit(environ, start_response):
        connection = connections["default"]
        already_waiting = len(connection.run_on_commit)
        response = application(environ, start_response)
        registered = connection.run_on_commit[already_waiting:]
        del connection.run_on_commit[already_waiting:]
        for _savepoints, callback, _robust in registered:
            callback()
        return response

    return run_then_commit


class PatientRequestHandler(QuietWSGIRequestHandler):
    """Drops a connection that sends no request within a few seconds. Chromium
    opens spare connections ahead of need (and the admin's editing-session pings
    leave one idle); a one-request-at-a-time server waiting on such a connection
    would answer nothing else, for ever."""

    timeout = 3

    def handle(self):
        try:
            super().handle()
        except TimeoutError:
            self.close_connection = True


class SingleThreadedLiveServer(LiveServerThread):
    """Django's live server thread, serving one request at a time on the
    test's own database connection, and leaving that connection open."""

    def _create_server(self, connections_override=None):
        return WSGIServer((self.host, self.port), PatientRequestHandler, allow_reuse_address=False)

    def run(self):
        for alias, connection in self.connections_override.items():
            connections[alias] = connection
        try:
            self.httpd = self._create_server()
            self.port = self.httpd.server_address[1]
            self.httpd.set_app(self.static_handler(_MediaFilesHandler(committing_each_request(WSGIHandler()))))
            self.is_ready.set()
            self.httpd.serve_forever()
        except Exception as error:  # reported to the test thread
            self.error = error
            self.is_ready.set()


@pytest.fixture
def live_site(db, settings, mailoutbox):
    """The site served on a free loopback port; returns its base URL.

    The page cache is on (and empty), as in production, so journeys also
    prove that cached pages and forms work together.
    """
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    connection = connections["default"]
    connection.inc_thread_sharing()
    # Requests would otherwise close the shared connection when they end
    # (it is inside the test's transaction, so Django thinks it is stale).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    server = SingleThreadedLiveServer("127.0.0.1", StaticFilesHandler, connections_override={"default": connection})
    server.daemon = True
    server.start()
    server.is_ready.wait()
    try:
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.terminate()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()
        cache.clear()


@pytest.fixture
def open_tab(browser, live_site):
    """Opens a browser tab with its own cookies (a visitor, a member of
    staff) on the live site, 1280 px wide, preferring Chinese like most of
    the site's visitors unless told otherwise. Content-Security-Policy
    violations and script errors in any tab fail the test."""
    opened = []

    def open_tab(locale="zh-CN"):
        context = browser.new_context(base_url=live_site, locale=locale, viewport=DESKTOP)
        tab = BrowserPage(context.new_page(), SCREENSHOT_DIR)
        opened.append((context, tab))
        return tab

    yield open_tab
    problems = [problem for _context, tab in opened for problem in tab.problems]
    for context, _tab in opened:
        context.close()
    if problems:
        pytest.fail("the browser reported:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def page(open_tab):
    return open_tab()
