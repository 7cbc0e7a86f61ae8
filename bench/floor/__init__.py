"""The bench's floor: a bare Wagtail page type, installed by the bench's
settings only (config/settings/bench.py), never on the public site."""
