"""Local development: everything embedded (SQLite, database search, console
e-mail, local-memory cache). Nothing here is safe for production."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
VAR_DIR.mkdir(exist_ok=True)
# Background tasks (search indexing, e-mail) run at once in the process that
# queues them, so `make run` needs no worker and loaded content is searchable
# straight away. TASK_BACKEND=django_tasks_db.DatabaseBackend plus
# `manage.py db_worker` tries the production arrangement.
TASKS = {"default": {"BACKEND": env.str("TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")}}
