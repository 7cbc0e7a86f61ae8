"""Every validation rule of the bundle format, one failing bundle each.

The validator needs no database: these tests run without one.
"""

import json

import pytest

from interchange.validation import BundleError, load_bundle, parse_bundle, validate_bundle

from .bundles import advisory, bundle, dumps, entry, event, guide

pytestmark = pytest.mark.usefixtures("english")


def problems_of(data):
    return [str(problem) for problem in validate_bundle(data)]


def test_the_test_bundle_is_valid():
    assert problems_of(bundle()) == []


def test_the_shared_sample_bundle_is_valid(sample_bundle):
    assert problems_of(sample_bundle) == []


def test_lists_may_be_missing_or_empty():
    assert problems_of({"format": "outbound-content/1", "guides": []}) == []


def test_malformed_json_is_reported_with_line_and_column():
    data, problems = parse_bundle(b'{"format": "outbound-content/1",\n "guides": [}')
    assert data is None
    assert [str(p) for p in problems] == ["not valid JSON: Expecting value (line 2, column 13)"]


def test_text_that_is_not_utf8_is_refused():
    _data, problems = parse_bundle('{"format": "outbound-content/1"}'.encode("utf-16"))
    assert "not UTF-8" in str(problems[0])


def test_nan_is_not_json():
    _data, problems = parse_bundle(b'{"format": "outbound-content/1", "guides": NaN}')
    assert str(problems[0]) == "NaN is not allowed in JSON"


def test_load_bundle_raises_with_every_problem():
    data = bundle(guides=[guide(country="XX", region="mars")])
    with pytest.raises(BundleError) as error:
        load_bundle(dumps(data).encode())
    assert [str(p) for p in error.value.problems] == [
        "guides[0].country: “XX” is not an ISO 3166-1 country code (two capital letters, e.g. KH).",
        "guides[0].region: 'mars' is not one of: "
        "east-asia, southeast-asia, south-asia, central-asia, west-asia, africa, europe, north-america, "
        "latin-america, oceania",
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"format": "outbound-content/2"}, "format: must be 'outbound-content/1'"),
        ({}, "format: must be 'outbound-content/1'"),
        ([], "the document must be a JSON object"),
        ({"format": "outbound-content/1", "pages": []}, "pages: unknown field"),
        ({"format": "outbound-content/1", "guides": {}}, "guides: must be a list"),
    ],
)
def test_document_shape(document, expected):
    assert problems_of(document) == [expected]


def test_a_member_given_twice_in_one_object_is_reported():
    data, problems = parse_bundle(b'{"format": "outbound-content/1", "guides": [], "guides": []}')
    assert problems == []
    assert problems_of(data) == ["guides: appears more than once in the same object"]


def test_missing_source_locale():
    item = advisory()
    del item["translations"]["zh-hans"]
    assert problems_of(bundle(advisories=[item])) == [
        "advisories[0].translations: the source locale zh-hans is missing: it must be present"
    ]


def test_bad_and_unconfigured_locale_codes():
    item = advisory()
    item["translations"]["english"] = item["translations"]["en"]
    item["translations"]["fr"] = item["translations"]["en"]
    assert problems_of(bundle(advisories=[item])) == [
        "advisories[0].translations.english: 'english' is not a locale code",
        "advisories[0].translations.fr: 'fr' is not one of this site's languages (zh-hans, en)",
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (guide(region="antarctica"), "guides[0].region: 'antarctica' is not one of:"),
        (guide(risk_level="extreme"), "guides[0].risk_level: 'extreme' is not one of: low, medium, high"),
        (guide(initiatives=["bri", "nato"]), "guides[0].initiatives[1]: 'nato' is not one of: bri, rcep, gba"),
        (guide(sectors=["textiles", "mining"]), "guides[0].sectors[1]: 'mining' is not one of:"),
        (guide(sectors=["textiles", "textiles"]), "guides[0].sectors[1]: 'textiles' is listed twice"),
    ],
)
def test_unknown_enum_in_guides(item, expected):
    [problem] = problems_of(bundle(guides=[item]))
    assert problem.startswith(expected)


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ({"advisories": [advisory(kind="weather")]}, "advisories[0].kind: 'weather' is not one of:"),
        ({"advisories": [advisory(severity="panic")]}, "advisories[0].severity: 'panic' is not one of:"),
        ({"events": [event(kind="party")]}, "events[0].kind: 'party' is not one of:"),
        ({"directory": [entry(kind="bakery")]}, "directory[0].kind: 'bakery' is not one of:"),
        ({"directory": [entry(services=["ip", "baking"])]}, "directory[0].services[1]: 'baking' is not one of:"),
    ],
)
def test_unknown_enum_in_other_lists(lists, expected):
    [problem] = problems_of(bundle(**lists))
    assert problem.startswith(expected)


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ({"guides": [guide(reviewed="2026-02-30")]}, "guides[0].reviewed: '2026-02-30' is not a date"),
        ({"guides": [guide(reviewed="15/06/2026")]}, "guides[0].reviewed: '15/06/2026' is not a date"),
        ({"guides": [guide(reviewed="20260615")]}, "guides[0].reviewed: '20260615' is not a date"),
        ({"advisories": [advisory(issued=20260401)]}, "advisories[0].issued: 20260401 is not a date"),
        ({"advisories": [advisory(expires="2026-03-01")]}, "advisories[0].expires: must not be before issued"),
        (
            {"events": [event(starts="2027-03-18T09:30:00")]},
            "events[0].starts: '2027-03-18T09:30:00' is not a date-time with an offset",
        ),
        ({"events": [event(starts="2027-03-18")]}, "events[0].starts: '2027-03-18' is not a date-time"),
        ({"events": [event(ends="2027-03-18T25:00:00+08:00")]}, "events[0].ends: '2027-03-18T25:00:00+08:00' is not"),
        ({"events": [event(ends="2027-03-18T08:00:00+08:00")]}, "events[0].ends: must be after starts"),
        ({"events": [event(ends="2027-03-18T09:30:00+08:00")]}, "events[0].ends: must be after starts"),
        (
            {"events": [event(registration_closes="2027-01-01T09:00:00+08:00")]},
            "events[0].registration_closes: must be after registration_opens",
        ),
        (
            {"events": [event(registration_closes="2027-03-18T10:00:00+08:00")]},
            "events[0].starts: must not be before registration_closes",
        ),
    ],
)
def test_bad_dates_and_date_times(lists, expected):
    [problem] = problems_of(bundle(**lists))
    assert problem.startswith(expected)


def test_an_advisory_may_have_no_expiry_and_offsets_may_differ():
    data = bundle(
        advisories=[advisory(expires=None)],
        events=[event(starts="2027-03-18T04:30:00+03:00", ends="2027-03-18T07:00:00Z")],
    )
    assert problems_of(data) == []


def test_registration_dates_may_be_null_or_left_out():
    without = event()
    del without["registration_opens"]
    assert problems_of(bundle(events=[event(registration_opens=None, registration_closes=None), without])) == [
        "events[1].key: duplicate key 'laos-railway-logistics-seminar' (first used at events[0])"
    ]


def test_duplicate_keys_within_a_list():
    data = bundle(guides=[guide(), guide(country="KH"), guide(key="cambodia"), guide(key="cambodia")])
    assert problems_of(data) == [
        "guides[1].key: duplicate key 'laos' (first used at guides[0])",
        "guides[3].key: duplicate key 'cambodia' (first used at guides[2])",
    ]


def test_the_same_key_in_two_lists_is_fine():
    assert problems_of(bundle(advisories=[advisory(key="laos")])) == []


USD_HINT = " (three capital letters, e.g. USD)."
KEY_SHAPE = "guides[0].key: Use lowercase letters, digits and single hyphens, e.g. “mekong-legal”."


@pytest.mark.parametrize(
    ("bad_key", "expected"),
    [
        ("Laos", KEY_SHAPE),
        ("laos guide", KEY_SHAPE),
        ("laos_guide", KEY_SHAPE),
        ("-laos", KEY_SHAPE),
        ("laos--guide", KEY_SHAPE),
        ("", KEY_SHAPE),
        (7, "guides[0].key: must be text"),
        ("a" * 101, "guides[0].key: A key has at most 100 characters."),
    ],
)
def test_bad_keys(bad_key, expected):
    assert problems_of(bundle(guides=[guide(key=bad_key)])) == [expected]


def test_a_directory_key_must_not_shadow_the_directory_pages():
    assert problems_of(bundle(directory=[entry(key="apply")])) == [
        "directory[0].key: “apply” is reserved for the directory's own pages."
    ]
    assert problems_of(bundle(guides=[guide(key="apply")])) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>x</p><script>alert(1)</script>", ["tag <script> is not allowed"]),
        ("<h2>Title</h2>", ["tag <h2> is not allowed"]),
        ('<p><img src="x.png"></p>', ["tag <img> is not allowed"]),
        ('<p class="lead">x</p>', ["attribute class is not allowed on <p>"]),
        ('<p><a href="https://example.org" target="_blank">x</a></p>', ["attribute target is not allowed on <a>"]),
        ('<p><a onclick="steal()" href="/en/">x</a></p>', ["attribute onclick is not allowed on <a>"]),
        ('<p><a href="javascript:alert(1)">x</a></p>', ["link 'javascript:alert(1)' must be an http, https"]),
        ("<p><a>x</a></p>", ["<a> needs an href"]),
        ("<p><strong>x</p>", ["<strong> is not closed"]),
        ("<p>x</p></em>", ["</em> closes no open <em>"]),
        ("<p>x", ["<p> is not closed"]),
        ("<p>x</p><!-- note -->", ["HTML comments are not allowed"]),
    ],
)
def test_disallowed_html(body, expected):
    item = guide()
    item["translations"]["en"]["sections"][1]["body"] = body
    problems = problems_of(bundle(guides=[item]))
    assert len(problems) == len(expected)
    for problem, message in zip(problems, expected, strict=True):
        assert problem.startswith(f"guides[0].translations.en.sections[1].body: {message}")


def test_every_allowed_tag_passes():
    body = (
        '<h3>A</h3><h4>B</h4><p>x<br>y<br/><strong>s</strong> <em>e</em> <a href="https://example.org/a?b=c">l</a> '
        '<a href="/en/guides/">local</a> <a href="mailto:a@example.org">m</a> <a href="tel:+85523880012">t</a></p>'
        "<ul><li>1</li></ul><ol><li>2</li></ol>"
    )
    assert problems_of(bundle(advisories=[advisory(translations={"zh-hans": {"title": "t", "body": body}})])) == []


def test_html_in_plain_text_fields_is_refused():
    item = guide()
    item["translations"]["zh-hans"]["summary"] = "<b>摘要</b>"
    assert problems_of(bundle(guides=[item])) == [
        "guides[0].translations.zh-hans.summary: is plain text: HTML tags are not allowed here"
    ]


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        ({"guides": [guide(country="kh")]}, "guides[0].country: “kh”: country codes are upper case, e.g. KH."),
        ({"guides": [guide(country="XX")]}, "guides[0].country: “XX” is not an ISO 3166-1 country code"),
        ({"guides": [guide(country="KHM")]}, "guides[0].country: “KHM” is not an ISO 3166-1 country code"),
        ({"advisories": [advisory(countries=["TH", "EU"])]}, "advisories[0].countries[1]: “EU” is not an ISO 3166-1"),
        ({"events": [event(countries=["ZZ"])]}, "events[0].countries[0]: “ZZ” is not an ISO 3166-1"),
        ({"directory": [entry(country="")]}, "directory[0].country: “” is not an ISO 3166-1"),
    ],
)
def test_unknown_country_codes(lists, expected):
    [problem] = problems_of(bundle(**lists))
    assert problem.startswith(expected)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"languages": ["zh", "english"]}, "directory[0].languages[1]: 'english' is not a BCP 47 language tag"),
        ({"languages": ["zh", "zh"]}, "directory[0].languages[1]: 'zh' is listed twice"),
        ({"website": "mekong.example"}, "directory[0].website: “mekong.example” is not a web address"),
        ({"website": "ftp://files.example.org/"}, "directory[0].website: “ftp://files.example.org/” is not a web"),
        ({"email": "office(at)example.org"}, "directory[0].email: Enter a valid email address."),
        ({"phone": "023 880 012"}, "directory[0].phone: “023 880 012” is not a phone number we can read."),
        ({"phone": "+15555550100"}, "directory[0].phone: “+15555550100” is not a valid phone number."),
    ],
)
def test_bad_language_tags_urls_emails_and_phones(changes, expected):
    [problem] = problems_of(bundle(directory=[entry(**changes)]))
    assert problem.startswith(expected)


def test_contact_details_may_be_null():
    assert problems_of(bundle(directory=[entry(website=None, email=None, phone=None)])) == []


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"currency": "LAKS"}, "guides[0].facts.currency: “LAKS” is not an ISO 4217 currency code" + USD_HINT),
        ({"currency": "lak"}, "guides[0].facts.currency: “lak” is not an ISO 4217 currency code" + USD_HINT),
        (
            {"time_zone": "Asia/Lao"},
            "guides[0].facts.time_zone: “Asia/Lao” is not an IANA time zone (e.g. Asia/Phnom_Penh).",
        ),
        ({"population_millions": -1}, "guides[0].facts.population_millions: must be a number of at least 0"),
        ({"gdp_usd_billions": "15"}, "guides[0].facts.gdp_usd_billions: must be a number of at least 0"),
        ({"area": 236800}, "guides[0].facts.area: unknown field"),
    ],
)
def test_bad_facts(facts, expected):
    assert problems_of(bundle(guides=[guide(facts={**guide()["facts"], **facts})])) == [expected]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"capacity": 0}, "events[0].capacity: must be a whole number of at least 1"),
        ({"capacity": 12.5}, "events[0].capacity: must be a whole number of at least 1"),
        ({"capacity": True}, "events[0].capacity: must be a whole number of at least 1"),
        ({"online": "yes"}, "events[0].online: must be true or false"),
    ],
)
def test_bad_numbers_and_booleans(changes, expected):
    assert problems_of(bundle(events=[event(**changes)])) == [expected]


def test_required_unknown_and_null_fields():
    item = event(location="Hall 3", kind=None)
    del item["starts"]
    del item["translations"]["en"]["title"]
    assert problems_of(bundle(events=[item])) == [
        "events[0].location: unknown field",
        "events[0].kind: must not be null",
        "events[0].starts: is required",
        "events[0].translations.en.title: is required",
    ]


def test_titles_must_not_be_empty_or_too_long():
    item = guide()
    item["translations"]["zh-hans"]["title"] = "  "
    item["translations"]["en"]["title"] = "x" * 256
    assert problems_of(bundle(guides=[item])) == [
        "guides[0].translations.zh-hans.title: must not be empty",
        "guides[0].translations.en.title: must be at most 255 characters long",
    ]


def test_every_problem_is_listed_at_once(sample_bundle):
    sample_bundle["guides"][3]["translations"]["en"]["sections"][1]["body"] += "<script>x()</script>"
    sample_bundle["advisories"][0]["severity"] = "severe"
    sample_bundle["events"][2]["starts"] = "tomorrow"
    sample_bundle["directory"][5]["key"] = sample_bundle["directory"][4]["key"]
    problems = problems_of(json.loads(json.dumps(sample_bundle)))
    assert len(problems) == 4
    assert problems[0] == "guides[3].translations.en.sections[1].body: tag <script> is not allowed"


def test_messages_follow_the_active_language():
    from django.utils import translation

    with translation.override("zh-hans"):
        problems = validate_bundle(bundle(guides=[guide(country="XX")]))
    assert problems[0].path == "guides[0].country"
    assert problems[0].message != "“XX” is not an ISO 3166-1 country code (two capital letters, e.g. KH)."
