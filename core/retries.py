"""One back-off rule for work retried after a failure (e-mail, search index)."""


def doubling_delay(failed_attempts, base_seconds, cap_seconds=None):
    """Seconds to wait after the given number (1-based) of failed attempts:
    the base, then doubling each time, never more than the cap."""
    delay = base_seconds * 2 ** max(failed_attempts - 1, 0)
    return delay if cap_seconds is None else min(delay, cap_seconds)
