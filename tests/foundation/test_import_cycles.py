"""No import cycle within an app, and no models module that loads admin hooks.

Each first-party app (a top-level package with an apps.py) is parsed with
`ast`; every import of a module of the same app is an edge: absolute
(`events.booking`) and relative (`.booking`, `..models`), at module level and
inside functions, `from . import booking` meaning the submodule when there is
one. Imports under `if TYPE_CHECKING:` never run, so they are left out.

Packages: importing `events.models.pages` runs `events/models/__init__.py`
first, so it is an edge to both; except from a module inside that package,
whose own import already started the package (`.pages` from
`events/models/registrations.py` is an edge to `events.models.pages` only).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {"tests", "config"}  # config is settings, not an app; tests are not shipped


def first_party_apps(root=ROOT):
    return sorted(
        path.parent for path in root.glob("*/apps.py") if path.parent.name not in NOT_APPS and not path.is_symlink()
    )


def module_name(package_dir, path):
    parts = [package_dir.name, *path.relative_to(package_dir).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class ImportCollector(ast.NodeVisitor):
    """The dotted names one module imports, and the names imported from each."""

    def __init__(self, module, is_package):
        self.package = module if is_package else module.rpartition(".")[0]
        self.imports = []  # (module, names)

    def visit_If(self, node):
        test = node.test
        guarded = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        for child in node.orelse if guarded else [*node.body, *node.orelse]:
            self.visit(child)

    def visit_Import(self, node):
        self.imports.extend((alias.name, ()) for alias in node.names)

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")[: len(self.package.split(".")) - (node.level - 1)]
            target = ".".join([*base, node.module] if node.module else base)
        else:
            target = node.module
        self.imports.append((target, tuple(alias.name for alias in node.names)))


def import_graph(*package_dirs):
    """{module: set of modules of the same packages it imports}."""
    files = {module_name(package_dir, path): path for package_dir in package_dirs for path in package_dir.rglob("*.py")}
    graph = {}
    for module, path in files.items():
        collector = ImportCollector(module, path.name == "__init__.py")
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        imported = set()
        for target, names in collector.imports:
            submodules = {f"{target}.{name}" for name in names} & files.keys()
            imported |= submodules
            if target in files and (not names or len(submodules) < len(names)):
                imported.add(target)
        started = set(_packages_of(module)) | {module}
        graph[module] = {edge for target in imported for edge in [target, *_packages_of(target)]} & files.keys()
        graph[module] -= started
    return graph


def _packages_of(module):
    """The packages Python imports before `module`: a.b.c → a.b, a."""
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(len(parts) - 1, 0, -1)]


def find_cycles(graph):
    """One cycle (a list of modules, first repeated last) per group of modules
    that import each other (Tarjan's strongly connected components)."""
    index, lowlink, stack, on_stack, components = {}, {}, [], set(), []

    def connect(node):
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for neighbour in sorted(graph.get(node, ())):
            if neighbour not in index:
                connect(neighbour)
                lowlink[node] = min(lowlink[node], lowlink[neighbour])
            elif neighbour in on_stack:
                lowlink[node] = min(lowlink[node], index[neighbour])
        if lowlink[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_cycle_in(graph, component) for component in components]


def _cycle_in(graph, component):
    """The shortest way from the component's first module back to itself."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for neighbour in sorted(graph[node] & component):
                if neighbour == start:
                    return paths[node] + [start]
                if neighbour not in paths:
                    paths[neighbour] = paths[node] + [neighbour]
                    following.append(neighbour)
        frontier = following
    raise AssertionError(f"no cycle through {start}")


def test_no_app_imports_itself_in_a_cycle():
    cycles = [cycle for app in first_party_apps() for cycle in find_cycles(import_graph(app))]
    assert cycles == [], "import cycles:\n" + "\n".join(" → ".join(cycle) for cycle in cycles)


def _reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        for neighbour in graph[todo.pop()] - seen:
            seen.add(neighbour)
            todo.append(neighbour)
    return seen


def test_no_models_module_loads_a_wagtail_hooks_module():
    """Models are loaded before the admin: hooks (and what they register) must not come with them."""
    graph = import_graph(*first_party_apps())
    models = [module for module in graph if ".models" in f"{module}."]
    loaded = {
        module: sorted(hooks)
        for module in models
        if (hooks := {other for other in _reachable(graph, module) if other.endswith(".wagtail_hooks")})
    }
    assert loaded == {}


def test_every_app_is_checked():
    assert [app.name for app in first_party_apps()] == [
        "advisories",
        "core",
        "directory",
        "edge",
        "events",
        "filing",
        "guides",
        "home",
        "interchange",
        "policies",
        "search",
    ]


def _write_package(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_detector_finds_a_cycle_through_a_function_level_import(tmp_path):
    package = _write_package(
        tmp_path / "shop",
        {
            "__init__.py": "",
            "models/__init__.py": "from .orders import Order\n",
            "models/orders.py": "def total():\n    from ..views import show\n",
            "views.py": "from shop import pricing\n",
            "pricing.py": "from .models import Order\n",
        },
    )
    assert find_cycles(import_graph(package)) == [
        ["shop.models", "shop.models.orders", "shop.views", "shop.pricing", "shop.models"]
    ]


def test_the_detector_leaves_out_imports_that_only_type_checkers_run(tmp_path):
    package = _write_package(
        tmp_path / "shop",
        {
            "__init__.py": "",
            "orders.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .views import show\n",
            "views.py": "from . import orders\n",
        },
    )
    assert find_cycles(import_graph(package)) == []
