"""Starting many requests at the same moment, for the concurrency tests."""

import threading

from django.db import connections


def all_at_once(contestants, *, timeout):
    """Each contestant (a callable that gets ready, e.g. opens a form, and
    returns the call to race) runs in its own thread; the races all start
    together once everyone is ready. Returns the races' results in order;
    any exception fails the test. Each thread closes the database
    connections it opened (Django opens one per thread; left open, they
    outlive the test and keep the test database from being dropped)."""
    barrier = threading.Barrier(len(contestants))
    results, errors = [None] * len(contestants), []

    def run(index, get_ready):
        try:
            race = get_ready()
            barrier.wait(timeout=timeout)
            results[index] = race()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, get_ready)) for index, get_ready in enumerate(contestants)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout * 3)
    assert not errors
    return results
