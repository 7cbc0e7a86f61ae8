from wagtail.models import Page

FLOOR_SLUG = "bench-floor"


class FloorPage(Page):
    """A title and a one-line template: what Wagtail itself costs to serve a
    page through the site's middleware, with no site chrome."""

    template = "bench_floor/floor_page.html"


def ensure_floor_page():
    """The floor page under the default language's home page (/zh-hans/bench-floor/), made once."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    if not FloorPage.objects.filter(slug=FLOOR_SLUG).exists():
        home.add_child(instance=FloorPage(title="Bench floor", slug=FLOOR_SLUG, locale=home.locale))
