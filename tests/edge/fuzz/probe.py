"""Sends a request and remembers any 5xx, so that one run reports every
failure (URL, parameter and value) rather than stopping at the first."""

from django.test import Client


class Probe:
    def __init__(self, client):
        # An exception inside a view becomes the 500 it would be in production, not a test error.
        self.client = Client(raise_request_exception=False)
        self.client.cookies = client.cookies
        self.failures = []
        self.sent = 0

    def get(self, url, query="", what=""):
        target = f"{url}?{query}" if query else url
        self._check(self.client.get(target), "GET", url, what)

    def post(self, url, body, what=""):
        response = self.client.post(url, body, content_type="application/x-www-form-urlencoded")
        self._check(response, "POST", url, what)

    def _check(self, response, method, url, what):
        self.sent += 1
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            cause = repr(error[1])[:300] if error else ""
            self.failures.append(f"{response.status_code} {method} {url} {what} {cause}")

    def report(self):
        return f"{len(self.failures)} of {self.sent} requests failed:\n" + "\n".join(self.failures)
