"""Importing opensearch-py in this project.

opensearch-py 2.x does `from events import Events` (the PyPI package
"Events", one of its dependencies), but this project has its own top-level
`events` app, which Python finds first, so importing opensearchpy fails.
While opensearchpy is imported, the name `events` is pointed at the PyPI
package; the project's app is put back straight after. opensearchpy keeps
its own reference to the class it imported, so nothing else changes.

Import opensearchpy (or modelsearch's opensearch2 backend) only through
`load()` — search.backends.opensearch and search.errors do.
"""

import importlib.util
import sys
import threading
from importlib import metadata

_lock = threading.Lock()


def _install_pypi_events():
    """Put the PyPI package in sys.modules["events"] (where its own relative imports look)."""
    init_file = metadata.distribution("Events").locate_file("events/__init__.py")
    locations = [str(init_file.parent)]
    spec = importlib.util.spec_from_file_location("events", init_file, submodule_search_locations=locations)
    module = importlib.util.module_from_spec(spec)
    sys.modules["events"] = module
    spec.loader.exec_module(module)


def load():
    """Import opensearchpy (once) and return it."""
    if "opensearchpy" in sys.modules:
        return sys.modules["opensearchpy"]
    with _lock:
        if "opensearchpy" in sys.modules:
            return sys.modules["opensearchpy"]
        missing = object()
        project_events = sys.modules.get("events", missing)
        project_submodules = {name: sys.modules.pop(name) for name in list(sys.modules) if name.startswith("events.")}
        try:
            _install_pypi_events()
            import opensearchpy
        finally:
            for name in [name for name in sys.modules if name == "events" or name.startswith("events.")]:
                del sys.modules[name]
            if project_events is not missing:
                sys.modules["events"] = project_events
            sys.modules.update(project_submodules)
        return opensearchpy
