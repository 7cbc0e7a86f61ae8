"""Reading public pages in tests."""


def html(client, url):
    """The page at `url` as text, after checking that it was served (200)."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
