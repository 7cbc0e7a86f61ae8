"""The site over IPv6: nginx listens on both address families
(deploy/nginx/outbound.conf: `listen 443` and `listen [::]:443`), which
deploy/topology.sh renders on the loopback addresses 127.0.0.1 and [::1]."""

import http.client

from .client import Client


def test_the_site_answers_on_the_ipv6_loopback_address(conf):
    """Pages in both languages answer over HTTPS on [::1], and plain HTTP on
    [::1] redirects to HTTPS. Without the `listen [::]` lines (or with a
    topology that drops them) the connection is refused and this fails."""
    visitor = Client(conf["TOPOLOGY_URL_IPV6"], conf["TOPOLOGY_URL_IPV6"], conf["TOPOLOGY_CA"])
    for path, lang in (("/zh-hans/", 'lang="zh-Hans"'), ("/en/", 'lang="en"')):
        page = visitor.get(path)
        assert page.status == 200, path
        assert lang in page.text
    connection = http.client.HTTPConnection("::1", int(conf["NGINX_HTTP_PORT"]), timeout=30)
    try:
        connection.request("GET", "/en/")
        response = connection.getresponse()
        assert response.status == 301
        assert response.headers["Location"].startswith("https://")
    finally:
        connection.close()
