"""Security headers on public pages, the admin and served documents."""

import pytest
from csp import middleware as csp_middleware
from csp.middleware import CSPMiddleware
from django.core.files.base import ContentFile
from django.http import HttpResponse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from edge.security import ContentSecurityPolicyMiddleware


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zh-hans/", "/en/", "/en/about/accessibility/", "/zh-hans/search/?q=投资"])
def test_public_pages_forbid_inline_script_and_foreign_origins(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)


@pytest.mark.django_db
def test_public_pages_send_the_usual_headers(client):
    response = client.get("/en/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in permissions


@pytest.mark.django_db
def test_admin_gets_a_compatible_policy_that_still_shuts_out_other_origins(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = directives(response)
    # Wagtail's page explorer and editor have inline scripts (see the browser journeys).
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert not any(source.startswith("http") or source == "*" for sources in csp.values() for source in sources)


@pytest.fixture
def document(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = Document(title="Guide to filing", collection=Collection.get_first_root_node())
    doc.file.save("filing.pdf", ContentFile(b"%PDF-1.4 not really a pdf"), save=False)
    doc.save()
    return doc


def test_documents_are_served_through_wagtails_view_with_safe_headers(client, document, settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="filing.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_documents_in_a_restricted_collection_need_a_login(client, document, editor):
    restricted = Collection.get_first_root_node().add_child(name="Internal")
    document.collection = restricted
    document.save()
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type=CollectionViewRestriction.LOGIN)

    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/_util/login/?next={document.url}"

    client.force_login(editor)
    assert client.get(document.url).status_code == 200


@pytest.mark.django_db
def test_a_refused_form_is_explained_in_the_visitors_language_without_inline_style():
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/en/search/", {"q": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Your form could not be sent" in body
    assert "<style" not in body and "style=" not in body
    assert "script-src 'self'" in response["Content-Security-Policy"]
    chinese = browser.post("/zh-hans/search/", {"q": "x"})
    assert chinese.status_code == 403
    assert "无法提交" in chinese.content.decode()


def _django_csp(request, response):
    """What django-csp's own middleware writes on `response`."""
    return CSPMiddleware(lambda _request: response).process_response(request, response)


@pytest.mark.parametrize("decorated", [None, ("_csp_update", {"img-src": ["https://cdn.example.org"]})])
def test_the_policy_built_once_is_django_csps_own(rf, decorated):
    """A response that changes nothing gets the policy built once; one a view
    decorator changed is built by django-csp as before: the same headers."""
    request = rf.get("/en/")
    ours, theirs = HttpResponse(), HttpResponse()
    for response in (ours, theirs) if decorated else ():
        setattr(response, *decorated)
    ContentSecurityPolicyMiddleware(lambda _request: ours).process_response(request, ours)
    _django_csp(rf.get("/en/"), theirs)
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    assert ("cdn.example.org" in ours["Content-Security-Policy"]) == bool(decorated)


@pytest.mark.django_db
def test_a_public_page_does_not_build_its_policy_again(client, monkeypatch, settings):
    """Control: django-csp built the policy twice for every response (a cached
    page's too); the built one is used, and follows a change of the settings."""
    client.get("/en/")
    built = []
    original = csp_middleware.build_policy
    monkeypatch.setattr(csp_middleware, "build_policy", lambda **parts: built.append(parts) or original(**parts))
    assert directives(client.get("/en/"))["img-src"] == ["'self'", "data:"]
    assert built == []
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://x.example"]}
    }
    assert directives(client.get("/en/"))["img-src"] == ["'self'", "https://x.example"]
