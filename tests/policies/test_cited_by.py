""" "Cited by": each policy lists the guides and advisories that link to it, through
core.related.POLICY_CITATIONS_HOOK and Wagtail's reference index (no app imports another's models)."""

from core.related import policy_citations
from tests.factories import (
    AdvisoryPageFactory,
    CountryGuidePageFactory,
    after_commit,
    english_of,
    sections_to_stream,
)


def link_to(page, text="依据"):
    return f'<p>{text}<a linktype="page" id="{page.pk}">{page.title}</a>。</p>'


def cited_titles(policy, locale):
    return {listing.key: [item.title for item in listing.items] for listing in policy_citations(policy, locale)}


def test_guides_and_advisories_that_link_a_policy_are_listed_on_it(client, zh, library):
    """Without the guides' or the advisories' hook, their key is missing; without the
    reference index lookup (ContentArea.citing) nothing is listed at all."""
    policy = library["2017"]
    after_commit(
        CountryGuidePageFactory,
        country="KH",
        title="柬埔寨投资指南",
        sections=sections_to_stream([{"heading": "备案", "body": link_to(policy)}]),
    )
    after_commit(AdvisoryPageFactory, title="境外投资备案新规提示", body_html=link_to(policy))
    after_commit(AdvisoryPageFactory, title="不引用的提示")
    after_commit(AdvisoryPageFactory, title="草稿提示", body_html=link_to(policy), live=False)

    assert cited_titles(policy, zh) == {"guides": ["柬埔寨投资指南"], "advisories": ["境外投资备案新规提示"]}
    content = client.get(policy.url).content.decode()
    cited = content[content.index('class="policy-cited-by"') :]
    assert "引用本文件的国别指南" in cited and "柬埔寨投资指南" in cited
    assert "引用本文件的风险提示" in cited and "境外投资备案新规提示" in cited
    assert "不引用的提示" not in cited and "草稿提示" not in cited


def test_english_page_lists_english_items_citing_any_translation(client, en, library):
    """An English advisory linking the Chinese page still cites the document: the lookup
    goes by translation key; the listing is of English items only."""
    policy = library["2017"]
    english = {"title": "English advisory", "body_html": link_to(policy, "Under ")}
    after_commit(AdvisoryPageFactory, title="中文提示", body_html=link_to(policy), english=english)
    english_policy = english_of(policy)
    assert cited_titles(english_policy, en) == {"advisories": ["English advisory"]}
    assert "English advisory" in client.get(english_policy.url).content.decode()


def test_uncited_policy_shows_no_cited_by_section(client, zh, library):
    assert policy_citations(library["forex"], zh) == []
    assert 'class="policy-cited-by"' not in client.get(library["forex"].url).content.decode()
