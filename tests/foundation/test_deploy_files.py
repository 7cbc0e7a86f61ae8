"""deploy/ agrees with the README (the files themselves run in tests/topology)."""

import re
from pathlib import Path

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
