"""import_content, export_content and load_demo from the command line."""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from interchange.demo import import_demo_content
from interchange.language import language_from_environment
from interchange.management.commands.import_content import ProgressBar

from .bundles import advisory, bundle, guide, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DirectoryEntry = apps.get_model("directory", "DirectoryEntry")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        return error, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


def test_import_prints_a_summary_per_list_and_the_time(tmp_path, zh, en):
    error, out, _err = run("import_content", str(write(tmp_path, bundle())), "--language", "en")
    assert error is None
    assert "guides: 1 created, 0 updated, 0 unchanged" in out
    assert "directory: 1 created, 0 updated, 0 unchanged" in out
    assert "Imported and published. Took " in out

    error, out, _err = run("import_content", str(write(tmp_path, bundle())), "--language", "en")
    assert "guides: 0 created, 0 updated, 1 unchanged" in out


def test_an_invalid_bundle_lists_every_problem_exits_non_zero_and_writes_nothing(tmp_path, zh, en):
    data = bundle(guides=[guide(country="XX")], advisories=[advisory(severity="panic")])
    data["guides"][0]["translations"]["en"]["sections"][1]["body"] = "<p>x</p><script>alert(1)</script>"
    pages = Page.objects.count()
    error, out, err = run("import_content", str(write(tmp_path, data)), "--language", "en")
    assert error is not None and error.returncode == 1
    assert "3 problem(s)" in str(error) and "nothing was written" in str(error)
    assert err.splitlines() == [
        "guides[0].country: “XX” is not an ISO 3166-1 country code (two capital letters, e.g. KH).",
        "guides[0].translations.en.sections[1].body: tag <script> is not allowed",
        "advisories[0].severity: 'panic' is not one of: info, warning, alert",
    ]
    assert out == ""
    assert Page.objects.count() == pages and not DirectoryEntry.objects.exists()


def test_malformed_json_is_refused(tmp_path, zh, en):
    error, _out, err = run(
        "import_content", str(write(tmp_path, '{"format": "outbound-content/1",')), "--language", "en"
    )
    assert error.returncode == 1
    assert err.startswith("not valid JSON: ")


def test_a_missing_file_is_a_clear_error(tmp_path):
    error, _out, _err = run("import_content", str(tmp_path / "nope.json"), "--language", "en")
    assert "cannot read" in str(error) and "nope.json" in str(error)


def test_problems_only_the_models_find_also_exit_non_zero(tmp_path, zh, en):
    data = bundle(advisories=[advisory(key="feed")], guides=[], events=[], directory=[])
    error, _out, err = run("import_content", str(write(tmp_path, data)), "--language", "en")
    assert error.returncode == 1
    assert err.startswith("advisories[0]: slug: ")


def test_dry_run_and_draft_say_what_they_did(tmp_path, zh, en):
    path = str(write(tmp_path, bundle()))
    _error, out, _err = run("import_content", path, "--dry-run", "--language", "en")
    assert "guides: 1 created" in out and "Dry run: everything was rolled back" in out
    assert not DirectoryEntry.objects.exists()
    _error, out, _err = run("import_content", path, "--draft", "--language", "en")
    assert "Imported as drafts." in out
    assert DirectoryEntry.objects.filter(status="pending").count() == 2


def test_messages_in_chinese(tmp_path, zh, en):
    error, out, err = run(
        "import_content", str(write(tmp_path, bundle(guides=[guide(country="XX")]))), "--language", "zh-hans"
    )
    assert err.startswith("guides[0].country: ")
    assert "ISO 3166-1" in err and "is not" not in err


def test_the_language_follows_the_shell_locale():
    assert language_from_environment({"LANG": "zh_CN.UTF-8"}) == "zh-hans"
    assert language_from_environment({"LANG": "en_GB.UTF-8"}) == "en"
    assert language_from_environment({"LC_ALL": "C", "LANG": "en_US.UTF-8"}) == "en"
    assert language_from_environment({}) == "zh-hans"


def test_an_unknown_language_option_is_refused(tmp_path):
    error, _out, _err = run("import_content", str(write(tmp_path, bundle())), "--language", "fr")
    assert "--language must be one of: zh-hans, en" in str(error)


def test_the_progress_bar_redraws_one_line():
    class Terminal(io.StringIO):
        def write(self, text, ending="\n"):
            return super().write(text + ending)

    stream = Terminal()
    bar = ProgressBar(stream)
    bar(1, 4, "guides/laos")
    bar(4, 4, "directory/vientiane-chamber")
    bar.finish()
    frames = stream.getvalue().split("\r")
    assert frames[1].startswith("[#######.......................] 1/4 guides/laos")
    assert frames[2].startswith("[##############################] 4/4 directory/vientiane-chamber")
    assert "\n" not in stream.getvalue()


def test_the_progress_bar_is_drawn_on_a_terminal_only(tmp_path, zh, en, monkeypatch):
    drawn = []
    monkeypatch.setattr(ProgressBar, "__call__", lambda self, done, total, label: drawn.append((done, total, label)))
    path = str(write(tmp_path, bundle(guides=[], events=[], directory=[])))
    run("import_content", path, "--language", "en")
    assert drawn == []  # stderr is not a terminal here

    class TTY(io.StringIO):
        def isatty(self):
            return True

    call_command("import_content", path, "--language", "en", "--dry-run", stdout=io.StringIO(), stderr=TTY())
    assert drawn == [(1, 1, "advisories/customs-declaration-reminder")]


def test_export_writes_the_bundle_and_says_what_it_exported(tmp_path, zh, en):
    run("import_content", str(write(tmp_path, bundle())), "--language", "en")
    target = tmp_path / "out.json"
    error, out, err = run("export_content", str(target), "--language", "en")
    assert error is None and err == ""
    assert "Exported guides: 1, advisories: 1, events: 1, directory: 1" in out
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["format"] == "outbound-content/1"
    assert exported["guides"][0]["translations"]["en"]["title"] == "Laos investment guide"

    error, out, _err = run("export_content", str(target), "--list", "directory", "--language", "en")
    assert set(json.loads(target.read_text(encoding="utf-8"))) == {"format", "directory"}


def test_export_to_a_directory_that_does_not_exist_is_a_clear_error(tmp_path, zh):
    error, _out, _err = run("export_content", str(tmp_path / "missing" / "out.json"), "--language", "en")
    assert "cannot write" in str(error)


def test_demo_content_goes_through_the_importer_and_is_idempotent(tmp_path, zh, en):
    demo = tmp_path / "content"
    demo.mkdir()
    write(demo, bundle(guides=[guide()], advisories=[], events=[], directory=[]), "guides.json")
    write(demo, {"format": "outbound-content/1", "directory": bundle()["directory"]}, "directory.json")
    lines = import_demo_content(demo)
    assert lines[:2] == ["guides: 1 created, 0 updated, 0 unchanged", "directory: 1 created, 0 updated, 0 unchanged"]
    lines = import_demo_content(demo)
    assert lines[:2] == ["guides: 0 created, 0 updated, 1 unchanged", "directory: 0 created, 0 updated, 1 unchanged"]


def test_demo_files_that_disagree_are_refused(tmp_path, zh):
    from interchange.validation import BundleError

    demo = tmp_path / "content"
    demo.mkdir()
    write(demo, bundle(advisories=[], events=[], directory=[]), "a.json")
    write(demo, bundle(advisories=[], events=[], directory=[]), "b.json")
    write(demo, '{"format": "outbound-content/9"}', "c.json")
    with pytest.raises(BundleError) as error:
        import_demo_content(demo)
    assert [str(p) for p in error.value.problems] == ["c.json: format: must be 'outbound-content/1'"]
    (demo / "c.json").unlink()
    with pytest.raises(BundleError) as error:
        import_demo_content(demo)
    assert [str(p) for p in error.value.problems] == ["guides: laos: given in more than one file"]


def test_load_demo_imports_the_projects_demo_bundles(zh, en):
    error, out, _err = run("load_demo")
    assert error is None, str(error)
    assert "demo content imported" in out
    error, out, _err = run("load_demo")
    created = re.findall(r"(\d+) created", out)
    assert created and set(created) == {"0"}


def test_revisions_are_recorded_as_the_given_user_who_needs_permission_to_publish(tmp_path, zh, en, editor):
    path = str(write(tmp_path, bundle(guides=[], events=[], directory=[])))
    error, _out, _err = run("import_content", path, "--user", "nobody", "--language", "en")
    assert str(error) == "there is no user nobody"

    # Editors submit for review; they may not publish (core/migrations/0002_editorial_roles.py)
    error, _out, err = run("import_content", path, "--user", "editor", "--language", "en")
    assert error.returncode == 1
    assert err.splitlines() == ["advisories[0]: editor may not publish this; import with --draft, or as a user who may"]
    assert not apps.get_model("advisories", "AdvisoryPage").objects.exists()

    error, _out, _err = run("import_content", path, "--user", "editor", "--draft", "--language", "en")
    assert error is None
    for page in apps.get_model("advisories", "AdvisoryPage").objects.all():
        assert page.latest_revision.user == editor and not page.live
    assert apps.get_model("advisories", "AdvisoryPage").objects.get(locale=zh).owner == editor
