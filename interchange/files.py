"""Reading bundles from files: one, or several merged into one import."""

from pathlib import Path

from django.utils.translation import gettext as _

from .validation import FORMAT, LISTS, BundleError, Problem, key_field, load_bundle


def read_bundle(path):
    """The validated bundle in `path`; BundleError lists every problem."""
    return load_bundle(Path(path).read_bytes(), base_dir=Path(path).parent)


def read_bundles(paths):
    """Several bundle files merged into one bundle (their lists concatenated
    in file order); problems are prefixed with their file's name. A key given
    in two files is a duplicate, like one given twice in a file."""
    merged = {"format": FORMAT}
    problems = []
    for path in paths:
        try:
            data = read_bundle(path)
        except BundleError as error:
            problems.extend(Problem(f"{Path(path).name}: {p.path}".rstrip(": "), p.message) for p in error.problems)
            continue
        for name in LISTS:
            merged.setdefault(name, []).extend(data.get(name) or [])
    if not problems:
        problems = [
            Problem(f"{name}: {key}", _("given in more than one file"))
            for name in LISTS
            for key in _duplicates(item[key_field(name)] for item in merged.get(name, []))
        ]
    if problems:
        raise BundleError(problems)
    return merged


def _duplicates(keys):
    seen, duplicates = set(), []
    for key in keys:
        if key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    return duplicates
