"""deploy/ agrees with the README (the files themselves run in tests/topology)."""

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
SYSTEMD = ROOT / "deploy" / "systemd"


def test_every_scheduled_job_in_the_readme_has_a_timer_and_every_timer_a_service():
    """README's jobs table and deploy/systemd agree: a documented job without
    a timer would never run, a timer without its service would fail."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Operations: scheduled jobs", 1)[1].split("\n## ", 1)[0]
    scheduled = {
        name.replace("_", "-")
        for name, when in re.findall(r"^\| `manage\.py (\w+)` \| ([^|]+) \|", section, re.M)
        if when.strip().startswith(("every", "daily"))
    }
    timers = {path.stem.removeprefix("outbound-") for path in SYSTEMD.glob("*.timer")}
    assert len(scheduled) >= 7
    assert scheduled == timers
    for job in timers:
        service = (SYSTEMD / f"outbound-{job}.service").read_text()
        assert f"manage.py {job.replace('-', '_')}" in service


def _scratch_root(root):
    """A root holding what the units name (the app's interpreter and gunicorn
    as placeholders, the environment file) and the system's own units they
    order against; deploy/systemd installed in it. Its unit folder."""
    for placeholder in ("python", "gunicorn"):
        path = root / "srv/outbound/app/.venv/bin" / placeholder
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    (root / "etc/outbound").mkdir(parents=True)
    (root / "etc/outbound/outbound.env").touch()
    (root / "usr/bin").mkdir(parents=True)
    shutil.copy2(shutil.which("kill"), root / "usr/bin/kill")
    (root / "bin").symlink_to("usr/bin")
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    unit_dir = root / "etc/systemd/system"
    shutil.copytree(SYSTEMD, unit_dir)
    return unit_dir


def _systemd_complaints(unit_dir, root):
    """`systemd-analyze verify` of every unit (the templated app server as the
    README starts it): exit code and complaints, one per line."""
    units = sorted(path.name for path in unit_dir.iterdir() if "@" not in path.name)
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["systemd-analyze", "verify", "--man=no", f"--root={root}", *units, "outbound-app@8001.service"],  # noqa: S607
        cwd=unit_dir,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def test_every_systemd_unit_passes_systemds_own_check(tmp_path):
    """The units cannot start in CI (no systemd there; tests/topology runs
    their ExecStart lines): systemd-analyze checks every section, key and
    command path instead, offline. The control shows a typo is reported."""
    require_service(
        shutil.which("systemd-analyze") and Path("/usr/lib/systemd/system").is_dir(),
        "needs systemd-analyze and the system's units (Debian's systemd package)",
    )
    unit_dir = _scratch_root(tmp_path)
    assert _systemd_complaints(unit_dir, tmp_path) == (0, [])

    timer = unit_dir / "outbound-purge-registrations.timer"
    timer.write_text(timer.read_text().replace("[Timer]", "[Timer]\nOnCalender=daily", 1))
    _code, complaints = _systemd_complaints(unit_dir, tmp_path)
    assert any("OnCalender" in line for line in complaints)
