"""What `make run` relies on in the development settings."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_development_runs_background_tasks_without_a_worker():
    """`make run` starts no task worker: with the dev settings, indexing the
    demo content and sending e-mail must happen when they are queued, or the
    newcomer's site would have an empty search and no e-mail."""
    env = {key: value for key, value in os.environ.items() if key not in {"TASK_BACKEND", "DATABASE_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    script = (
        "import django; django.setup(); "
        "from django_tasks import task_backends; "
        'print(type(task_backends["default"]).__name__)'
    )
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ImmediateBackend"
