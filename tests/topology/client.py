"""HTTP against the running topology (tests/topology/conftest.py): a client
without JavaScript, form parsing, and the control script."""

import http.client
import json
import os
import re
import secrets
import ssl
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

TOPOLOGY_DIR = os.environ.get("TOPOLOGY_DIR", "")
CONTROL = Path(__file__).resolve().parents[2] / "deploy" / "topology.sh"
HERE = Path(__file__).resolve().parent


def read_conf():
    conf = {}
    for line in (Path(TOPOLOGY_DIR) / "topology.conf").read_text().splitlines():
        key, _, value = line.partition("=")
        conf[key] = value
    return conf


def control(*args, env=None, check=True):
    """deploy/topology.sh with the test's arguments; its output on failure."""
    result = subprocess.run(  # noqa: S603
        [str(CONTROL), *args],
        env={**os.environ, "TOPOLOGY_DIR": TOPOLOGY_DIR, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and result.returncode != 0:
        pytest.fail(f"topology.sh {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    path: str

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class FormParser(HTMLParser):
    """The fields of one form (the first whose action contains `action_part`):
    what a browser would send without touching anything."""

    def __init__(self, action_part):
        super().__init__(convert_charrefs=True)
        self.action_part = action_part
        self.inside = False
        self.done = False
        self.fields = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and self.action_part in (attrs.get("action") or ""):
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image"}:
                self.fields.append((name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "select" and name:
            self.select = {"name": name, "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.inside = False
            self.done = True


def form_fields(html, action_part):
    parser = FormParser(action_part)
    parser.feed(html)
    assert parser.done, f"no form with an action containing {action_part!r}"
    return parser.fields


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Client:
    """A browser without JavaScript, over one base URL: through nginx
    (https://…) or straight at one app server (http://…, with the headers
    nginx would add). Cookies are kept whatever the scheme, as nginx's
    visitors' browsers keep them."""

    base: str
    origin: str
    ca_file: str
    direct: bool = False
    cookies: dict = field(default_factory=dict)

    def connection(self):
        parts = urlsplit(self.base)
        if parts.scheme == "https":
            context = ssl.create_default_context(cafile=self.ca_file)
            return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=60, context=context)
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)

    def request(self, method, path, body=None, content_type=None, follow=False):
        for _ in range(10):
            headers = {"User-Agent": "topology-tests", "Accept-Language": "zh-hans"}
            if self.direct:  # what nginx sets (deploy/nginx/outbound.conf)
                headers.update({"Host": urlsplit(self.origin).hostname, "X-Forwarded-Proto": "https"})
                headers["X-Real-IP"] = "127.0.0.1"
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            if method == "POST":
                headers.update({"Origin": self.origin, "Referer": self.origin + path, "Content-Type": content_type})
            connection = self.connection()
            try:
                connection.request(method, path, body=body, headers=headers)
                raw = connection.getresponse()
                response = Response(raw.status, raw.headers, raw.read(), path)
            finally:
                connection.close()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if not (follow and response.status in {301, 302, 303}):
                return response
            location = urlsplit(response.headers["Location"])
            path = location.path + (f"?{location.query}" if location.query else "")
            method, body = "GET", None
        raise AssertionError(f"too many redirects from {path}")

    def get(self, path, follow=False):
        return self.request("GET", path, follow=follow)

    def post(self, path, fields, files=None, follow=False):
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, content_type=content_type, follow=follow)

    def sign_in(self, username, password):
        page = self.get("/admin/login/")
        fields = dict(form_fields(page.text, "/admin/login/"))
        fields.update(username=username, password=password)
        return self.post("/admin/login/", list(fields.items()))


def make_client(conf, base=None, **kwargs):
    return Client(base or conf["TOPOLOGY_URL"], conf["TOPOLOGY_URL"], conf["TOPOLOGY_CA"], direct=bool(base), **kwargs)


def app_client(conf, number):
    """Straight at app server `number` (1 or 2), bypassing nginx."""
    return make_client(conf, f"http://127.0.0.1:{conf[f'APP{number}_PORT']}")


def signed_in(client, conf):
    response = client.sign_in(conf["ADMIN_USER"], conf["ADMIN_PASSWORD"])
    assert response.status == 302, f"admin sign-in failed: {response.status}"
    return client


def unique_word():
    """A made-up word no page contains, letters only (the engines stem and n-gram it alike)."""
    return "topo" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))


def advisory_index_id(client):
    """The Chinese advisories index, as the parent of an imported advisory (public API)."""
    listing = client.get("/api/v2/pages/?type=advisories.AdvisoryPage&locale=zh-hans&limit=1")
    assert listing.status == 200, listing.text[:500]
    advisory = json.loads(listing.text)["items"][0]["id"]
    return json.loads(client.get(f"/api/v2/pages/{advisory}/").text)["meta"]["parent"]["id"]


def publish_advisory(client, title, summary):
    """An advisory created and published through the admin's own add form,
    every field as the form offers it; returns the admin's answer."""
    parent = advisory_index_id(client)
    add = f"/admin/pages/add/advisories/advisorypage/{parent}/"
    page = client.get(add)
    assert page.status == 200, page.status
    fields = [(k, v) for k, v in form_fields(page.text, add) if k not in {"title", "slug", "summary", "kind"}]
    if not any(name == "body-count" for name, _ in fields):
        fields.append(("body-count", "0"))
    fields += [("title", title), ("slug", title.lower()), ("summary", summary), ("kind", "legal")]
    fields.append(("action-publish", "action-publish"))
    return client.post(add, fields)


def wait_for(check, timeout, interval=1.0, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def searchable(client, word, locale="zh-hans"):
    """The advisory with slug `word` is among the search results for it (the
    query itself is echoed in the search box, so its text alone proves nothing)."""
    response = client.get(f"/{locale}/search/?q={word}")
    return response.status == 200 and re.search(rf'<a href="[^"]*/{locale}/advisories/{word}/">', response.text)
