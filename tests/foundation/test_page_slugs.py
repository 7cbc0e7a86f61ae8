"""A page saved with only a Chinese title gets a pinyin slug, whatever its type."""

import pytest
from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import rich_text

from core.models import BasePage
from core.page_forms import BasePageForm
from core.slugs import pinyin_slug
from home.models import InformationPage


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("泰国投资指南", "tai-guo-tou-zi-zhi-nan"),
        ("Mekong Legal", "mekong-legal"),
        ("曼谷 2026 年度报告！", "man-gu-2026-nian-du-bao-gao"),
        ("🙂", ""),
    ],
)
def test_pinyin_slug(text, slug):
    assert pinyin_slug(text) == slug


def test_a_long_title_is_cut_between_words():
    assert pinyin_slug("越南" * 10, max_length=12) == "yue-nan-yue"


def test_every_page_type_uses_the_slug_making_form():
    """A page type with a form of its own that does not extend BasePageForm
    would require the slug again (hidden on the Promote tab)."""
    page_types = [model for model in get_page_models() if issubclass(model, BasePage)]
    assert len(page_types) >= 9
    forms = {model: model.get_edit_handler().get_form_class() for model in page_types}
    assert [model for model, form in forms.items() if not issubclass(form, BasePageForm)] == []


@pytest.mark.django_db
def test_an_editor_saves_a_page_with_only_a_chinese_title(client, editor, home):
    """Without BasePageForm the empty slug is "This field is required." and nothing is saved."""
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["home", "informationpage", home.pk])
    data = {"title": "泰国投资指南", "slug": "", "summary": "", "body": rich_text("<p>正文</p>")}
    for expected in ("tai-guo-tou-zi-zhi-nan", "tai-guo-tou-zi-zhi-nan-2"):
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        assert InformationPage.objects.child_of(home).filter(slug=expected, title="泰国投资指南").exists()


@pytest.mark.django_db
def test_a_page_saved_in_code_without_a_slug_gets_one(home):
    """Wagtail's own default (slugify of the title) is empty for a Chinese
    title: without BasePage.full_clean the save is refused."""
    page = home.add_child(instance=InformationPage(title="曼谷", slug="", body="<p>正文</p>"))
    assert page.slug == "man-gu"
