"""`manage.py check --deploy` with the production settings and a
production-like environment reports nothing at all, warnings included."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # The test process's own overrides are not production's: DJANGO_ALLOW_ASYNC_UNSAFE
    # is set by tests/browser for Playwright's sync API and would fail async.E001.
    not_production = {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"}
    not_production.add("DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in not_production}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="invest.example.gov.cn",
        SITE_BASE_URL="https://invest.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_check_deploy_notices_a_weak_secret_key(tmp_path):
    """The same run fails when the environment is not production-like, so the
    clean result above means something."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="short",
        ALLOWED_HOSTS="invest.example.gov.cn",
        SITE_BASE_URL="https://invest.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
