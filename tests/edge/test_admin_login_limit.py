"""Admin login attempts are limited per client address, and failed sign-ins
per address and username; never per username alone, so a stranger cannot
lock the account holder out."""

import pytest

LOGIN_URL = "/admin/login/"


@pytest.fixture
def limits(settings):
    settings.ADMIN_LOGIN_RATE_PER_IP_AND_USER = "3/5m"
    settings.ADMIN_LOGIN_RATE_PER_IP = "6/5m"


STRANGER = "203.0.113.7"
OWNER = "198.51.100.2"


def attempt(client, username, password, address=STRANGER):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_the_right_password_signs_in_within_the_limit(client, editor, limits):
    attempt(client, "editor", "wrong")
    response = attempt(client, "editor", "pw-for-tests-only")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_guessing_one_account_from_one_address_is_stopped_even_with_the_right_password(client, editor, limits):
    for _ in range(3):
        assert attempt(client, "editor", "wrong").status_code == 200
    response = attempt(client, "editor", "pw-for-tests-only")
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still signed out


def test_the_limit_message_is_in_the_admins_language(client, editor, limits):
    for _ in range(3):
        attempt(client, "editor", "wrong")
    response = client.post(
        LOGIN_URL, {"username": "editor", "password": "x"}, REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 429
    assert "登录尝试次数过多" in response.content.decode()


def test_spreading_guesses_over_usernames_is_stopped_per_address(client, editor, limits):
    for number in range(6):
        assert attempt(client, f"nobody{number}", "wrong").status_code == 200
    assert attempt(client, "editor", "pw-for-tests-only").status_code == 429
    # Another address still has its own budget.
    assert attempt(client, "editor", "pw-for-tests-only", address=OWNER).status_code == 302


def test_a_strangers_failures_do_not_lock_the_owner_out(client, editor, limits):
    """The lock-out: five or more wrong passwords for `editor` from one address."""
    for _ in range(6):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "wrong").status_code == 429  # the stranger is stopped
    response = attempt(client, "editor", "pw-for-tests-only", address=OWNER)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_changing_the_case_of_the_username_does_not_reset_the_count(client, editor, limits):
    for username in ("editor", "Editor", "EDITOR"):
        assert attempt(client, username, "wrong").status_code == 200
    assert attempt(client, "editor", "pw-for-tests-only").status_code == 429


def test_only_failed_sign_ins_count_towards_the_account_limit(client, editor, limits):
    for _ in range(3):  # as many as the account limit; with the failures below, the address's limit
        assert attempt(client, "editor", "pw-for-tests-only").status_code == 302
        client.logout()
    for _ in range(2):
        assert attempt(client, "editor", "wrong").status_code == 200
    assert attempt(client, "editor", "pw-for-tests-only").status_code == 302


@pytest.mark.django_db
def test_showing_the_login_form_is_not_counted(client, limits):
    for _ in range(10):
        assert client.get(LOGIN_URL, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_with_the_cache_down_the_admin_sign_in_stays_closed(client, editor, settings, closed_port):
    """Redis down: the attempts cannot be counted, so none is let through
    (unlike the public forms, which take submissions uncounted): an outage
    must not open the admin to unlimited guessing (RATELIMIT_FAIL_OPEN unset)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    response = attempt(client, "editor", "pw-for-tests-only")
    assert response.status_code != 302
    assert client.get("/admin/").status_code == 302  # still signed out
