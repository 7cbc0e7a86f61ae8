"""The scheduled jobs, each run once the way its systemd unit runs it."""

from pathlib import Path

import pytest

from .client import control

ROOT = Path(__file__).resolve().parents[2]
TIMERS = sorted(path.stem.removeprefix("outbound-") for path in (ROOT / "deploy" / "systemd").glob("*.timer"))


@pytest.mark.parametrize("job", TIMERS)
def test_a_scheduled_job_runs_as_its_unit_runs_it(job):
    """The unit's ExecStart, with the production environment file, on the
    topology's database: exit status 0."""
    control("job", job)
