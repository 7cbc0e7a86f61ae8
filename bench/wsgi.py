"""The site's WSGI application, plus the reference: files of the same size as
the measured pages, served by the same gunicorn workers without Django (the
fastest this server can answer with that many bytes)."""

import os
from pathlib import Path

from config.wsgi import application as site

REFERENCE_PREFIX = "/bench-reference/"
REFERENCE_DIR = Path(os.environ.get("BENCH_REFERENCE_DIR", "var/bench/reference"))


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not path.startswith(REFERENCE_PREFIX):
        return site(environ, start_response)
    name = path.removeprefix(REFERENCE_PREFIX)
    file = REFERENCE_DIR / name
    if "/" in name or not file.is_file():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    size = file.stat().st_size
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(size))])
    handle = file.open("rb")
    wrapper = environ.get("wsgi.file_wrapper")
    return wrapper(handle) if wrapper else iter(lambda: handle.read(65536), b"")
