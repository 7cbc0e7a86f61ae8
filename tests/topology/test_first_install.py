"""The topology's database was built the way README "Deployment" says a city
starts: migrate, setup_site --no-input, import_content of the centre's own
bundle, collectstatic, createsuperuser (deploy/topology.sh, first_install)."""

import json
import re
from pathlib import Path

from .client import control, make_client


def test_every_page_of_both_languages_answers_with_its_css(visitor):
    """Every page the sitemap lists, in Chinese and English, answers 200
    through nginx, and every stylesheet a page names is served.

    Without collectstatic (ManifestStaticFilesStorage) every page would
    answer 500; without nginx's /static/ location the stylesheets 404."""
    sitemap = visitor.get("/sitemap.xml")
    assert sitemap.status == 200
    paths = sorted({re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)})
    for language in ("/zh-hans/", "/en/"):
        assert sum(path.startswith(language) for path in paths) > 30, f"few {language} pages in the sitemap"
    stylesheets, failures = set(), []
    for path in paths:
        page = visitor.get(path)
        if page.status != 200:
            failures.append((path, page.status))
            continue
        found = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.text)
        if not found:
            failures.append((path, "no stylesheet"))
        stylesheets.update(found)
    assert failures == []
    for href in stylesheets:
        css = visitor.get(href)
        assert (css.status, css.headers["Content-Type"].split(";")[0]) == (200, "text/css"), href


def test_the_content_is_the_bundles_only_and_there_is_no_demo_account(conf, visitor):
    """The guides and events are exactly the imported bundle's (no demo
    content), the only account is the one createsuperuser made, and the demo
    administrator's credentials do not sign in.

    If the install loaded the demo (load_demo) the demo's guides, events and
    account would be there too."""
    bundle = json.loads(Path(conf["BUNDLE"]).read_text(encoding="utf-8"))
    guides = visitor.get("/api/v2/pages/?type=guides.CountryGuidePage&locale=zh-hans&fields=country&limit=20")
    countries = sorted(re.findall(r'"country":\s*"([A-Z]{2})"', guides.text))
    assert countries == sorted(guide["country"] for guide in bundle["guides"])
    events = visitor.get("/api/v2/pages/?type=events.EventPage&locale=zh-hans&limit=1")
    assert json.loads(events.text)["meta"]["total_count"] == len(bundle["events"])

    accounts = control(
        "manage",
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User; print(sorted(User.objects.values_list('username', flat=True)))",
    )
    assert accounts.stdout.strip().splitlines()[-1] == repr([conf["ADMIN_USER"]])
    demo = make_client(conf).sign_in("admin", "demo-admin-2026")
    assert demo.status == 200, "the demo administrator signed in"
