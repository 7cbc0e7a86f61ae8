"""gunicorn settings for one app server (deploy/systemd/outbound-app@.service).

Sync workers: nginx in front buffers slow clients (whole requests in,
whole responses out), so a worker is busy only while Django works, and the
page cache answers most anonymous requests in a few milliseconds. Threads
would help an app that waits on the network; this one waits on its database.

Two app servers run on each machine (ports 8001, 8002) so that one can be
restarted while the other serves; gunicorn's rule of thumb, 2 x cores + 1
workers per machine, is split between them: cores + 1 each
(GUNICORN_WORKERS overrides; each worker holds one database connection).
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count() + 1)
# A request slower than this is a bug or an attack; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On restart, requests in flight get this long to finish.
graceful_timeout = 30
# Workers are replaced now and then, so a slow leak never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
# Loopback only: nginx is the only client. Access lines are nginx's job;
# errors go to stderr, which systemd sends to the journal.
accesslog = None
errorlog = "-"
loglevel = "warning"
# Load the app in each worker (not the master), so a restart loads new code.
preload_app = False
