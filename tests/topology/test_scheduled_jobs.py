"""The scheduled jobs, each run once the way its systemd unit runs it."""

import re
from pathlib import Path

import pytest

from .client import control

ROOT = Path(__file__).resolve().parents[2]
TIMERS = sorted(path.stem.removeprefix("outbound-") for path in (ROOT / "deploy" / "systemd").glob("*.timer"))


def test_every_job_in_the_readme_has_a_timer():
    """README's jobs table and deploy/systemd agree: a documented job without
    a timer would never run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Operations: scheduled jobs", 1)[1].split("\n## ", 1)[0]
    scheduled = {
        name.replace("_", "-")
        for name, when in re.findall(r"^\| `manage\.py (\w+)` \| ([^|]+) \|", section, re.M)
        if when.strip().startswith(("every", "daily"))
    }
    assert scheduled
    assert scheduled == set(TIMERS)


@pytest.mark.parametrize("job", TIMERS)
def test_a_scheduled_job_runs_as_its_unit_runs_it(job):
    """The unit's ExecStart, with the production environment file, on the
    topology's database: exit status 0."""
    control("job", job)
