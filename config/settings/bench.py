"""`make bench` only (bench/run.py): production's settings plus the bench's
floor page type (bench/floor), which the public site never has."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.floor"]
