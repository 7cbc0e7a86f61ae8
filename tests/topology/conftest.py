"""The production topology (deploy/topology.sh) tested over HTTP.

These tests talk to a running topology: nginx with TLS in front of two
gunicorn app servers on PostgreSQL, Redis, OpenSearch and a task worker. They
start and stop its parts, so they run alone, after the rest of the suite:

    TOPOLOGY_DIR=/tmp/t TOPOLOGY_PG_URL=postgres://postgres@127.0.0.1:5432 deploy/topology.sh up
    TOPOLOGY_DIR=/tmp/t .venv/bin/pytest tests/topology
    TOPOLOGY_DIR=/tmp/t deploy/topology.sh down

`.ci/run` does exactly this. Without TOPOLOGY_DIR (`make test`, the CI's
SQLite and PostgreSQL runs) every test here is skipped with that reason.
"""

from pathlib import Path

import pytest

from .client import HERE, TOPOLOGY_DIR, make_client, read_conf, signed_in


def pytest_collection_modifyitems(config, items):
    if TOPOLOGY_DIR and (Path(TOPOLOGY_DIR) / "topology.conf").exists():
        return
    skip = pytest.mark.skip(
        reason="needs a running production topology: deploy/topology.sh up, then TOPOLOGY_DIR=… pytest tests/topology"
    )
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def conf():
    return read_conf()


@pytest.fixture
def visitor(conf):
    """An anonymous visitor through nginx."""
    return make_client(conf)


@pytest.fixture
def admin(conf):
    """The topology's superuser (made by `createsuperuser --no-input`), signed in through nginx."""
    return signed_in(make_client(conf), conf)
