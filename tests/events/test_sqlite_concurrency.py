"""SQLite under concurrent registrations: several gunicorn processes writing
one database file, as a small site runs.

The site's settings begin every SQLite transaction IMMEDIATE (config/settings/
base.py, `sqlite_for_concurrent_writers`): booking takes SQLite's write lock
at BEGIN and waits for it, where `select_for_update` locks nothing. A
registration that still cannot get the lock in time answers 503 with
Retry-After, the form kept (events/views.py), never 500.
"""

import email
import http.client
import os
import re
import secrets
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlencode

import pytest
from django.db import OperationalError, connection

from bench.run import ROOT, Server
from events import booking
from events.models import Registration
from tests import racing
from tests.factories import EventPageFactory, registration_form

CAPACITY = 10
APPLICANTS = 30
WORKERS = 2


# ---------------------------------------------------------------- the door


def test_a_busy_database_answers_503_with_retry_after_and_keeps_what_was_typed(client, db, monkeypatch):
    """Without the OperationalError handler in events.views.register this is a 500."""

    def busy(event, applicant):
        raise OperationalError("database is locked")

    monkeypatch.setattr(booking, "register", busy)
    event = EventPageFactory()

    response = client.post(event.url + "register/", registration_form(company_name="滨江重工有限公司"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = response.content.decode()
    assert "此刻报名的人较多，您的报名未能保存。请过几秒钟再提交一次，您填写的内容已保留。" in page
    assert 'value="滨江重工有限公司"' in page
    assert not Registration.objects.exists()


def test_any_other_database_error_is_not_passed_off_as_busy(client, db, monkeypatch):
    def broken(event, applicant):
        raise OperationalError("no such table: events_registration")

    monkeypatch.setattr(booking, "register", broken)
    event = EventPageFactory()

    with pytest.raises(OperationalError):
        client.post(event.url + "register/", registration_form())


# ---------------------------------------------------------------- a real multi-process server


class Browser:
    """One applicant's browser over plain HTTP: keeps the CSRF cookie (sent
    back by hand: the production settings mark it Secure), follows no redirect."""

    def __init__(self, port):
        self.port = port
        self.cookie = None

    def request(self, method, path, data=None):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        server = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            server.request(method, path, body, headers)
            response = server.getresponse()
            page = response.read().decode()
        finally:
            server.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            if cookie.startswith("csrftoken="):
                self.cookie = cookie.split(";")[0]
        return response.status, page

    def submit(self, form_path, action_path, data):
        """Open the page with the form, then send it: the POST's status."""
        status, page = self.request("GET", form_path)
        assert status == 200, (form_path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        return lambda: self.request("POST", action_path, {**data, "csrfmiddlewaretoken": token})[0]


def all_at_once(port, forms):
    """Each (form path, action path, data) by its own browser and thread: every
    form is opened first, then all are sent at the same moment. The statuses."""
    return racing.all_at_once(
        [lambda form=form: Browser(port).submit(*form) for form in forms],
        timeout=120,
    )


def server_env(tmp_path, database, transaction_mode):
    """The production settings (tests/events/sqlite_server_settings.py), plain
    HTTP on loopback, tasks run at once, e-mail written to files, no rate limit."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.events.sqlite_server_settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_BASE_URL="http://127.0.0.1",
        DATABASE_URL=f"sqlite:///{database}",
        SECURE_SSL_REDIRECT="false",
        CACHE_URL="locmemcache://",
        EMAIL_URL=f"filemail:///{tmp_path / 'mail'}",
        TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        MEDIA_ROOT=str(tmp_path / "media"),
        PAGE_CACHE_SECONDS="0",
        EVENTS_REGISTRATION_RATE="1000/h",
        PUBLIC_FORM_FLOOD_RATE="1000/h",
        EVENTS_MAX_UNVERIFIED_HOLDS="1000",
        DJANGO_LOG_LEVEL="ERROR",
    )
    for not_here in ("REDIS_URL", "SEARCH_ENGINE", "SEARCH_URL"):
        env.pop(not_here, None)
    if transaction_mode:
        env["SQLITE_TRANSACTION_MODE"] = transaction_mode
    return env


@pytest.fixture
def site_database(tmp_path, db, django_db_blocker):
    """A file copy of the test database (migrated, with the site skeleton)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: tests/events/test_concurrency.py races on PostgreSQL")
    database = tmp_path / "site.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(database)
        connection.connection.backup(copy)
        # As the settings' init_command does, once here: no two processes race to switch.
        copy.execute("PRAGMA journal_mode=WAL")
        copy.close()
    return database


def make_event(env):
    """An event of CAPACITY seats, made by the factories in the file database; its path."""
    code = f"from tests.factories import EventPageFactory; print(EventPageFactory(capacity={CAPACITY}).url)"
    made = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


def verification_paths(mail_dir):
    """The confirmation links of the verification e-mails written by the file backend."""
    paths = []
    for file in sorted(mail_dir.iterdir()):
        for raw in file.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            for part in email.message_from_bytes(raw).walk():
                if part.get_content_type() == "text/plain":
                    body = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                    paths += re.findall(r"https?://[^/\s]+(/\S+/confirm-email/[^/\s]+/)", body)
    return paths


@contextmanager
def serving(tmp_path, database, transaction_mode=None):
    """gunicorn with WORKERS processes on the database, which gets an event
    of CAPACITY seats: the server and the event's path."""
    env = server_env(tmp_path, database, transaction_mode)
    with ThreadPoolExecutor(max_workers=1) as background:
        making = background.submit(make_event, env)  # while gunicorn starts
        server = Server(env, WORKERS)
        try:
            event_path = making.result()
        except BaseException:
            server.stop()
            raise
    try:
        yield server, event_path
    finally:
        server.stop()


def register_all(server, event_path):
    """APPLICANTS companies register at once, one seat each: the statuses."""
    return all_at_once(
        server.port,
        [
            (event_path, event_path + "register/", registration_form(email=f"applicant{number}@example.com"))
            for number in range(APPLICANTS)
        ],
    )


def registrations_in(database):
    """(status, seats) of every registration, read from the file."""
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT status, seats FROM {Registration._meta.db_table}").fetchall()  # noqa: S608


def seats(registrations, status):
    return sum(seats for each_status, seats in registrations if each_status == status)


def test_thirty_registrations_at_once_through_several_processes_confirm_exactly_the_capacity(tmp_path, site_database):
    """30 companies register for 10 seats at once, one seat each, through
    gunicorn with 2 workers on one SQLite file; then each opens the link in
    its verification e-mail and confirms, all at once too. With SQLite's
    default DEFERRED transactions instead of IMMEDIATE (the control below),
    the registrations alone already fail some applicants."""
    with serving(tmp_path, site_database) as (server, event_path):
        registering = register_all(server, event_path)
        links = verification_paths(tmp_path / "mail")
        confirming = all_at_once(server.port, [(path, path, {}) for path in links])
    registrations = registrations_in(site_database)

    assert registering == [302] * APPLICANTS  # held or waitlisted: nobody turned away, no 500, no 503
    assert len(links) == APPLICANTS  # one verification e-mail each
    assert confirming == [302] * APPLICANTS
    assert seats(registrations, Registration.Status.CONFIRMED) == CAPACITY
    assert seats(registrations, Registration.Status.WAITLISTED) == APPLICANTS - CAPACITY
    assert len(registrations) == APPLICANTS


def test_control_with_sqlites_default_deferred_transactions_registrations_are_refused(tmp_path, site_database):
    """Proves the test above can fail: the transactions begin as readers, and
    the second process to write is refused at once ("database is locked"),
    which the registration view answers with 503 (a 500 without its handler)."""
    with serving(tmp_path, site_database, transaction_mode="DEFERRED") as (server, event_path):
        registering = register_all(server, event_path)

    assert 503 in registering
    assert set(registering) == {302, 503}
    assert len(registrations_in(site_database)) == registering.count(302)  # a refused one saved nothing
