"""README "Backup and restore": deploy/backup.sh, then deploy/restore.sh into
an empty database and an empty media folder, serves the same site."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .client import TOPOLOGY_DIR, control, make_client

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PAGES = ["/zh-hans/", "/en/", "/zh-hans/guides/", "/en/guides/", "/zh-hans/advisories/", "/en/directory/"]


def run(script, *args, env_file):
    result = subprocess.run(  # noqa: S603
        [str(DEPLOY / script), *map(str, args)],
        env={"PATH": "/usr/bin:/bin", "OUTBOUND_ENV": str(env_file)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{script}: {result.stdout}\n{result.stderr}"
    return result.stdout


def main_content(html):
    """What the page shows, without the per-request CSRF token."""
    main = re.search(r"<main\b.*?</main>", html, re.S)
    assert main, "no <main> in the page"
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main.group(0))


def files_under(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def restored_env(conf):
    """An environment file like the live one, naming an empty database, an
    empty media folder and its own Redis database (so no page comes from the
    live site's cache)."""
    top = Path(TOPOLOGY_DIR)
    media = top / "media-restored"
    shutil.rmtree(media, ignore_errors=True)
    database_url = f"{conf['PG_SERVER']}/outbound_restored"
    admin_db = f"{conf['PG_SERVER']}/postgres"
    for statement in ("drop database if exists outbound_restored with (force)", "create database outbound_restored"):
        subprocess.run(["psql", "--quiet", f"--dbname={admin_db}", f"--command={statement}"], check=True)  # noqa: S603,S607
    replace = {
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "REDIS_URL": f"redis://127.0.0.1:{conf['REDIS_PORT']}/1",
    }
    lines = []
    for line in (top / "outbound.env").read_text().splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}={replace[key]}" if key in replace else line)
    env_file = top / "restored.env"
    env_file.write_text("\n".join(lines) + "\n")
    yield env_file
    control("stop-app", "3")


def test_a_backup_restores_into_an_empty_database_and_media_folder_and_serves_the_same_pages(conf, restored_env):
    """The documented backup (pg_dump custom format + media tar) of the live
    topology, restored with the documented script, then served by a third app
    server: the same pages, the same media files.

    A backup without the media tar, or a dump restore.sh cannot load into an
    empty database, fails here."""
    live_env = Path(TOPOLOGY_DIR) / "outbound.env"
    folder = run("backup.sh", Path(TOPOLOGY_DIR) / "backups", env_file=live_env).strip().splitlines()[-1]
    assert sorted(p.name for p in Path(folder).iterdir()) == ["database.dump", "media.tar.gz"]

    run("restore.sh", folder, env_file=restored_env)
    run("manage.sh", "migrate", "--no-input", env_file=restored_env)  # README: after a restore, on newer code
    control("start-app", "3", str(restored_env))

    media = Path(TOPOLOGY_DIR) / "media"
    assert files_under(Path(TOPOLOGY_DIR) / "media-restored") == files_under(media)
    live, restored = make_client(conf, f"http://127.0.0.1:{conf['APP1_PORT']}"), None
    restored = make_client(conf, f"http://127.0.0.1:{int(conf['NGINX_PORT']) + 3}")
    for path in PAGES:
        original, copy = live.get(path), restored.get(path)
        assert (original.status, copy.status) == (200, 200), path
        assert main_content(copy.text) == main_content(original.text), path

    refused = subprocess.run(  # noqa: S603
        [str(DEPLOY / "restore.sh"), folder],
        env={"PATH": "/usr/bin:/bin", "OUTBOUND_ENV": str(restored_env)},
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "not empty" in refused.stderr
