"""Public views: the advisory index and its feeds (routes of AdvisoryIndexPage,
core/routing.py), subscription pages (subscribe, confirm, unsubscribe) and
banner dismissal.

Subscriptions and dismissal are plain Django views under /<lang>/advisories/
rather than routes of the index page: the one-click unsubscribe (RFC 8058)
and the banner's dismiss button receive POSTs without a CSRF token, which only
a view of their own can accept.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, override
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from advisories import banners
from advisories.feeds import feed_response
from advisories.forms import AdvisoryFilterForm, ManageForm, SubscribeForm
from advisories.mailing import queue_confirmation
from advisories.models import AdvisoryIndexPage, Subscriber
from advisories.subscriptions import (
    ExpiredToken,
    InvalidToken,
    apply_choices,
    confirm_subscription,
    read_confirmation_token,
    request_subscription,
)
from core import public_forms
from core.areas import content_area
from core.links import absolute_url
from core.vocabularies import (
    AdvisoryKind,
    DigestFrequency,
    DigestTopic,
    country_name,
    is_country_code,
    label,
    label_of_group,
)
from edge.chrome import memoised_cards, memoised_listing
from edge.purge import base_tags, page_tag


@dataclass(frozen=True)
class Listed:
    """An advisory on a page of results, as its memoised entry is found (_cards)."""

    pk: int
    translation_key: object


def _page_of_results(index, filters, advisories, page_number):
    """(the page, the advisories it lists as Listed), memoised per index page
    and filters (edge.chrome.memoised_listing) until an advisory shown in its
    language changes or the day does (an advisory expires at midnight, with
    no publish). Counting read every page of the language (about 5 ms at
    2,000 advisories), and a page of results made its twenty pages from a
    query on every request; the entries themselves are memoised (_cards)."""

    def read(start, stop):
        return [Listed(*row) for row in advisories()[start:stop].values_list("pk", "translation_key")]

    return memoised_listing(
        ("advisories", index.pk, tuple(sorted(filters.items()))),
        content_area("advisories"),
        index.locale.language_code,
        page_number,
        index.per_page,
        count=lambda: advisories().count(),
        read=read,
        depends_on=timezone.localdate(),
    )


CARD_TEMPLATE = "advisories/includes/advisory_summary.html"


def _cards(request, index, listed):
    """Each advisory's entry in the list as HTML, memoised per advisory until
    it changes (its own page tag, which its publish, move or deletion purges,
    edge/purge.py) or anything its language's pages all show does, and until
    the day changes (an expired advisory is marked so). Rendering twenty of
    them was a third of the index's template time."""
    language = index.locale.language_code
    return memoised_cards(
        listed,
        key=lambda item: ("advisory card", item.pk, language),
        tags=lambda item: base_tags(language) | {page_tag(item, language)},
        load=lambda pks: index.advisories().defer_streamfields().in_bulk(pks),
        render=lambda advisory: render_to_string(CARD_TEMPLATE, {"advisory": advisory, "request": request}),
        pk_of=lambda item: item.pk,
        depends_on=timezone.localdate(),
    )


def advisory_index(index, request):
    form = AdvisoryFilterForm(request.GET)
    filters = form.active_filters()

    def advisories():  # built only when a memo is missing
        return form.filter(index.advisories()).newest_first().defer_streamfields()

    results, listed = _page_of_results(index, filters, advisories, request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "form": form,
            "results": results,
            "cards": _cards(request, index, listed),
            "result_count": results.paginator.count,
            "feed_links": index.feed_links(request, filters.get("kind", ""), filters.get("country", "")),
        },
    )


def feed(index, request):
    return feed_response(index, request)


def kind_feed(index, request, kind):
    if kind not in AdvisoryKind.values:
        raise Http404("unknown advisory kind")
    return feed_response(index, request, kind=kind)


def country_feed(index, request, country):
    if not is_country_code(country.upper()):
        raise Http404("unknown country code")
    return feed_response(index, request, country=country.upper())


def _index_page():
    return AdvisoryIndexPage.objects.live().filter(locale__language_code=get_language()).first()


def _render(request, template, context=None, status=200):
    context = {"index_page": _index_page(), **(context or {})}
    return render(request, f"advisories/subscriptions/{template}", context, status=status)


@never_cache
def subscribe(request):
    if request.method == "POST":
        if flooded := public_forms.flooded(request, "alert_subscription"):
            return flooded
        form = SubscribeForm(request.POST)
        if form.is_bot:
            return public_forms.refuse_bot(request, "alert_subscription")
        limit = form.is_valid() and public_forms.accepted_limit(request, "alert_subscription", form)
        if form.is_valid() and not limit:
            public_forms.count_accepted(request, "alert_subscription")
            data = form.cleaned_data
            subscriber, token = request_subscription(
                data["email"], data["countries"], data["kinds"], data["language"], form.follow_choices()
            )
            if token is not None:
                with override(data["language"]):
                    confirm_url = absolute_url(reverse("advisories:confirm", args=[token]))
                queue_confirmation(subscriber, confirm_url, data["language"])
            # The same answer whether or not the address was known.
            return redirect("advisories:subscribe-sent")
    else:
        form = SubscribeForm()
        limit = None
    response = _render(request, "subscribe.html", {"form": form, "privacy_url": public_forms.privacy_url(request)})
    return limit.refuse(response) if limit else response


def subscribe_sent(request):
    return _render(request, "sent.html")


def _choice_names(choices):
    return {
        "countries": [country_name(code) for code in choices["countries"]],
        "kinds": [label(AdvisoryKind, kind) for kind in choices["kinds"]],
        "language": dict(settings.LANGUAGES).get(choices["language"], choices["language"]),
        "groups": [label_of_group(key) for key in choices["groups"]],
        "digest": label(DigestFrequency, choices["digest"]) if choices["digest"] else "",
        "digest_topics": [label(DigestTopic, topic) for topic in choices["digest_topics"]],
    }


@never_cache
def confirm(request, token):
    """GET shows what is being confirmed; POST confirms. (Mail scanners open
    links with GET: that alone must not subscribe anyone.)"""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        subscriber, choices = read_confirmation_token(token)
    except ExpiredToken:
        return _render(request, "token_invalid.html", {"expired": True}, status=400)
    except InvalidToken:
        return _render(request, "token_invalid.html", {"expired": False}, status=400)
    if request.method == "POST":
        confirm_subscription(subscriber, choices)
        context = {
            "choices": _choice_names(choices),
            "unsubscribe_url": reverse("advisories:unsubscribe", args=[subscriber.unsubscribe_token]),
            "manage_url": reverse("advisories:manage", args=[subscriber.unsubscribe_token]),
        }
        return _render(request, "confirmed.html", context)
    return _render(request, "confirm.html", {"choices": _choice_names(choices), "token": token})


def _subscriber_by_token(token):
    return Subscriber.objects.filter(unsubscribe_token=token).first() if len(token) <= 64 else None


@never_cache
def manage(request, token):
    """What a subscriber follows, changed from a link in any of their e-mails
    (the token proves the mailbox, as the confirmation link does)."""
    subscriber = _subscriber_by_token(token)
    if subscriber is None or not subscriber.is_confirmed:
        return _render(request, "unsubscribe_unknown.html", status=404)
    fields = ("countries", "groups", "kinds", "digest", "digest_topics", "language")
    saved = False
    if request.method == "POST":
        form = ManageForm(request.POST)
        if form.is_valid():
            apply_choices(subscriber, {name: form.cleaned_data[name] for name in fields})
            subscriber.save()
            saved = True
    else:
        form = ManageForm(initial={name: getattr(subscriber, name) for name in fields})
    context = {
        "form": form,
        "saved": saved,
        "unsubscribe_url": reverse("advisories:unsubscribe", args=[token]),
    }
    return _render(request, "manage.html", context)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a token
@never_cache
def unsubscribe(request, token):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    subscriber = _subscriber_by_token(token)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()  # and its delivery records: nothing of the address is kept
        return _render(request, "unsubscribed.html")
    if subscriber is None:
        return _render(request, "unsubscribe_unknown.html", status=404)
    return _render(request, "unsubscribe.html", {"token": token})


@csrf_exempt  # cached pages carry no CSRF token; the worst a forged POST can do is hide a banner
def dismiss_banner(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    key = request.POST.get("key", "")
    cross_site = request.headers.get("Sec-Fetch-Site") == "cross-site"
    if banners.is_banner_key(key) and not cross_site:
        response.set_cookie(
            banners.COOKIE_NAME,
            banners.cookie_value_with(request, key),
            max_age=banners.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
