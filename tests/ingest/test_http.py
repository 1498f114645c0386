"""The one safe fetch, against a real HTTP server on localhost (pytest-httpserver).

Tests that refuse an address swap in a network backend that never opens a
socket, so a bug would show as a recorded connection attempt, not as traffic.
"""

import gzip
import socket
import time

import httpcore
import pytest
from werkzeug import Response

from listings.ingest import http
from listings.ingest.http import FetchError, address_kind, fetch, is_public_address, resolve_host

# A globally routable address that the tests route to the local server;
# nothing ever connects to it for real.
PUBLIC_IP = "93.184.216.34"


class RoutingBackend(httpcore.NetworkBackend):
    """Records every address a connection was asked for; routes some to 127.0.0.1.

    Anything not in ``routes`` is refused without touching the network.
    """

    def __init__(self, routes: dict[str, str] | None = None) -> None:
        self.routes = routes or {}
        self.calls: list[str] = []

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.calls.append(host)
        if host not in self.routes:
            raise httpcore.ConnectError(f"test backend: no route to {host}")
        return httpcore.SyncBackend().connect_tcp(
            self.routes[host], port, timeout=timeout, socket_options=socket_options
        )

    def sleep(self, seconds):
        time.sleep(seconds)


@pytest.fixture
def no_network(monkeypatch):
    backend = RoutingBackend()
    monkeypatch.setattr(http, "network_backend", backend)
    return backend


@pytest.fixture
def public_example(monkeypatch, settings):
    """Private hosts refused; ``public.example`` resolves to PUBLIC_IP, served by httpserver."""
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False
    answers = {"public.example": [PUBLIC_IP], "internal.example": ["10.0.0.5"]}
    real_resolve = http.resolve_host
    lookups: list[str] = []

    def resolve(host, port):
        lookups.append(host)
        return answers[host] if host in answers else real_resolve(host, port)

    monkeypatch.setattr(http, "resolve_host", resolve)
    backend = RoutingBackend({PUBLIC_IP: "127.0.0.1"})
    monkeypatch.setattr(http, "network_backend", backend)
    backend.lookups = lookups
    return backend


def public_url(httpserver, path):
    return f"http://public.example:{httpserver.port}{path}"


# --- success and conditional GET -------------------------------------------------


def test_returns_body_and_validators(httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data(
        b"<rss/>",
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Nov 2026 01:00:00 GMT"},
    )

    result = fetch(httpserver.url_for("/feed.xml"))

    assert result.status == 200
    assert not result.not_modified
    assert result.content == b"<rss/>"
    assert result.etag == '"v1"'
    assert result.last_modified == "Tue, 03 Nov 2026 01:00:00 GMT"
    assert result.content_type.startswith("application/rss+xml")
    assert result.url == httpserver.url_for("/feed.xml")


def test_sends_user_agent_and_accept(httpserver, settings):
    settings.INGEST_USER_AGENT = "SponsoredMLJobsBot/1.0 (+https://jobs.test/about/bot/)"
    httpserver.expect_request(
        "/feed", headers={"User-Agent": "SponsoredMLJobsBot/1.0 (+https://jobs.test/about/bot/)"}
    ).respond_with_data("ok")

    fetch(httpserver.url_for("/feed"))

    request, _response = httpserver.log[0]
    assert "application/rss+xml" in request.headers["Accept"]


def test_sends_no_conditional_headers_without_validators(httpserver):
    httpserver.expect_request("/feed").respond_with_data("ok")

    fetch(httpserver.url_for("/feed"))

    request, _response = httpserver.log[0]
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers


def test_304_with_etag(httpserver):
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'}
    )

    result = fetch(httpserver.url_for("/feed"), etag='"v1"')

    assert result.status == 304
    assert result.not_modified
    assert result.content == b""
    assert result.etag == '"v1"'


def test_304_with_last_modified_keeps_the_validator_sent(httpserver):
    since = "Tue, 03 Nov 2026 01:00:00 GMT"
    httpserver.expect_request("/feed", headers={"If-Modified-Since": since}).respond_with_data(
        "", status=304
    )

    result = fetch(httpserver.url_for("/feed"), last_modified=since)

    assert result.not_modified
    assert result.last_modified == since


# --- HTTP errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "permanent"),
    [
        (500, False),
        (502, False),
        (503, False),
        (429, False),
        (408, False),
        (404, True),
        (403, True),
        (410, True),
        (400, True),
    ],
)
def test_http_status_errors(httpserver, status, permanent):
    httpserver.expect_request("/feed").respond_with_data("nope", status=status)
    url = httpserver.url_for("/feed")

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.permanent is permanent
    assert str(caught.value) == f"HTTP {status} from {url}"


def test_read_timeout_is_transient(httpserver, settings):
    settings.INGEST_READ_TIMEOUT = 0.2

    def slow(request):
        time.sleep(0.6)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    url = httpserver.url_for("/slow")

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.permanent is False
    assert str(caught.value) == f"timed out after 0.2 s reading {url}"


def test_connection_refused_is_transient():
    with socket.socket() as sock:  # find a port on which nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{port}/feed")

    assert caught.value.permanent is False
    assert "could not connect to" in str(caught.value)


def test_dns_failure_is_transient(monkeypatch):
    def fail(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(http, "resolve_host", fail)

    with pytest.raises(FetchError) as caught:
        fetch("https://feeds.example/jobs.xml")

    assert caught.value.permanent is False
    assert "could not resolve feeds.example" in str(caught.value)


# --- size cap --------------------------------------------------------------------------


def test_body_at_the_cap_is_accepted(httpserver, settings):
    settings.INGEST_MAX_BYTES = 1000
    httpserver.expect_request("/feed").respond_with_data(b"x" * 1000)

    assert len(fetch(httpserver.url_for("/feed")).content) == 1000


def test_body_over_the_cap_with_content_length_is_permanent(httpserver, settings):
    settings.INGEST_MAX_BYTES = 1000
    httpserver.expect_request("/feed").respond_with_data(b"x" * 5000)
    url = httpserver.url_for("/feed")

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.permanent is True
    assert str(caught.value) == f"{url} is larger than 1000 bytes"


def test_streamed_body_without_content_length_is_cut_off(httpserver, settings):
    settings.INGEST_MAX_BYTES = 1000
    produced = []
    # 50 MB: far more than loopback socket buffers hold, so a server that wrote every chunk
    # would prove the client kept reading.
    total_chunks = 100_000

    def endless(request):
        def chunks():
            for _ in range(total_chunks):
                produced.append(1)
                yield b"x" * 512

        return Response(chunks(), content_type="application/xml")

    httpserver.expect_request("/feed").respond_with_handler(endless)

    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/feed"))

    assert caught.value.permanent is True
    assert "larger than 1000 bytes" in str(caught.value)
    _request, response = httpserver.log[0]
    assert "Content-Length" not in response.headers
    assert len(produced) < total_chunks  # gave up early, did not read 1 MB


def test_small_gzip_bomb_is_cut_off(httpserver, settings):
    settings.INGEST_MAX_BYTES = 10_000
    body = gzip.compress(b"\0" * 1_000_000)
    assert len(body) < 10_000
    httpserver.expect_request("/feed").respond_with_data(body, headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/feed"))

    assert caught.value.permanent is True


# --- redirects ----------------------------------------------------------------------


def redirect(httpserver, path, location, status=302):
    httpserver.expect_request(path).respond_with_data(
        "", status=status, headers={"Location": location}
    )


def test_follows_a_redirect_chain(httpserver):
    redirect(httpserver, "/a", httpserver.url_for("/b"), status=301)
    redirect(httpserver, "/b", "/c", status=307)  # relative Location
    httpserver.expect_request("/c").respond_with_data("final")

    result = fetch(httpserver.url_for("/a"))

    assert result.content == b"final"
    assert result.url == httpserver.url_for("/c")


def test_conditional_headers_survive_a_redirect(httpserver):
    redirect(httpserver, "/old", "/new", status=301)
    httpserver.expect_request("/new", headers={"If-None-Match": '"v2"'}).respond_with_data(
        "", status=304
    )

    assert fetch(httpserver.url_for("/old"), etag='"v2"').not_modified


def test_too_many_redirects_is_permanent(httpserver, settings):
    settings.INGEST_MAX_REDIRECTS = 2
    redirect(httpserver, "/r1", "/r2")
    redirect(httpserver, "/r2", "/r3")
    redirect(httpserver, "/r3", "/r4")
    httpserver.expect_request("/r4").respond_with_data("never reached")

    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/r1"))

    assert caught.value.permanent is True
    assert "more than 2 redirects" in str(caught.value)
    assert [request.path for request, _ in httpserver.log] == ["/r1", "/r2", "/r3"]


def test_exactly_max_redirects_is_fine(httpserver, settings):
    settings.INGEST_MAX_REDIRECTS = 2
    redirect(httpserver, "/r1", "/r2")
    redirect(httpserver, "/r2", "/r3")
    httpserver.expect_request("/r3").respond_with_data("ok")

    assert fetch(httpserver.url_for("/r1")).content == b"ok"


def test_redirect_without_location_is_permanent(httpserver):
    httpserver.expect_request("/r").respond_with_data("", status=302)

    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/r"))

    assert caught.value.permanent is True


def test_redirect_to_another_scheme_is_refused(httpserver):
    redirect(httpserver, "/r", "file:///etc/passwd")

    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/r"))

    assert caught.value.permanent is True
    assert "not an http or https URL" in str(caught.value)


# --- URLs and addresses refused before any connection ---------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://feeds.example/jobs.xml",
        "gopher://feeds.example/",
        "javascript:alert(1)",
        "feeds.example/jobs.xml",
        "http://",
        "http://exa mple.com/",
    ],
)
def test_bad_urls_are_permanent(no_network, url):
    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.permanent is True
    assert no_network.calls == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8000/feed", "refused: loopback address 127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "refused: link-local address 169.254.169.254"),
        ("http://10.1.2.3/", "refused: private address 10.1.2.3"),
        ("http://192.168.1.1/", "refused: private address 192.168.1.1"),
        ("http://0.0.0.0/", "refused: unspecified address 0.0.0.0"),
        ("http://[::1]/", "refused: loopback address ::1"),
        ("http://[fd00::1]/", "refused: unique-local address fd00::1"),
        ("http://[::ffff:10.0.0.1]/", "refused: private address ::ffff:10.0.0.1"),
        # An integer host: the resolver turns it into 127.0.0.1, which is checked.
        ("http://2130706433/", "refused: 2130706433 resolves to loopback address 127.0.0.1"),
    ],
)
def test_private_addresses_refused_without_connecting(settings, no_network, url, message):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False

    with pytest.raises(FetchError) as caught:
        fetch(url)

    assert caught.value.permanent is True
    assert str(caught.value) == message
    assert no_network.calls == []


def test_local_server_refused_when_private_hosts_are_off(httpserver, settings, no_network):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False
    httpserver.expect_request("/feed").respond_with_data("secret")

    for url in (
        f"http://127.0.0.1:{httpserver.port}/feed",
        f"http://localhost:{httpserver.port}/feed",
    ):
        with pytest.raises(FetchError) as caught:
            fetch(url)
        assert caught.value.permanent is True
        assert "loopback address" in str(caught.value)

    assert no_network.calls == []
    assert httpserver.log == []


def test_localhost_names_what_it_resolves_to(settings, no_network):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False

    with pytest.raises(FetchError) as caught:
        fetch("http://localhost/feed")

    assert str(caught.value).startswith("refused: localhost resolves to loopback address ")


def test_public_host_is_fetched_through_the_checked_address(httpserver, public_example):
    httpserver.expect_request("/feed").respond_with_data("public")

    result = fetch(public_url(httpserver, "/feed"))

    assert result.content == b"public"
    # The socket went to the address that was checked; the Host header kept the name.
    assert public_example.calls == [PUBLIC_IP]
    request, _response = httpserver.log[0]
    assert request.headers["Host"] == f"public.example:{httpserver.port}"


def test_host_is_resolved_once_per_fetch(httpserver, public_example):
    # A rebinding resolver would answer differently the second time; it is not asked.
    redirect(httpserver, "/a", public_url(httpserver, "/b"))
    httpserver.expect_request("/b").respond_with_data("ok")

    fetch(public_url(httpserver, "/a"))

    assert public_example.lookups == ["public.example"]
    assert set(public_example.calls) == {PUBLIC_IP}


def test_redirect_to_a_private_address_is_refused(httpserver, public_example):
    redirect(httpserver, "/start", f"http://127.0.0.1:{httpserver.port}/secret")
    httpserver.expect_request("/secret").respond_with_data("secret")

    with pytest.raises(FetchError) as caught:
        fetch(public_url(httpserver, "/start"))

    assert caught.value.permanent is True
    assert str(caught.value) == (
        f"refused: loopback address 127.0.0.1 (redirected from {public_url(httpserver, '/start')})"
    )
    assert [request.path for request, _ in httpserver.log] == ["/start"]


def test_redirect_to_a_host_resolving_privately_is_refused(httpserver, public_example):
    redirect(httpserver, "/start", "http://internal.example/admin")

    with pytest.raises(FetchError) as caught:
        fetch(public_url(httpserver, "/start"))

    assert str(caught.value).startswith(
        "refused: internal.example resolves to private address 10.0.0.5 (redirected from"
    )
    assert public_example.calls == [PUBLIC_IP]


def test_host_with_any_private_address_is_refused(monkeypatch, settings, no_network):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(http, "resolve_host", lambda host, port: [PUBLIC_IP, "10.0.0.5"])

    with pytest.raises(FetchError) as caught:
        fetch("https://feeds.example/jobs.xml")

    assert str(caught.value) == "refused: feeds.example resolves to private address 10.0.0.5"
    assert no_network.calls == []


# --- the resolver and the address classifier ------------------------------------------


def test_resolve_host_does_not_ask_dns_for_an_ip_literal(monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("DNS was asked")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)

    assert resolve_host("10.1.2.3", 80) == ["10.1.2.3"]
    assert resolve_host("::1", 443) == ["::1"]


def test_resolve_host_lists_each_address_once():
    addresses = resolve_host("localhost", 80)

    assert "127.0.0.1" in addresses or "::1" in addresses
    assert len(addresses) == len(set(addresses))


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        # IPv4
        ("93.184.216.34", "public"),
        ("8.8.8.8", "public"),
        ("1.1.1.1", "public"),
        ("10.0.0.5", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.1", "private"),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("100.64.0.1", "shared"),
        ("192.0.2.1", "private"),  # TEST-NET-1, documentation
        ("198.18.0.1", "private"),  # benchmarking
        ("172.32.0.1", "public"),
        # IPv6
        ("2606:4700:4700::1111", "public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fd00::1", "unique-local"),
        ("fc00::1", "unique-local"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "private"),  # documentation
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::ffff:8.8.8.8", "public"),
        ("2002:a00:1::1", "private"),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 wrapping 169.254.169.254
        ("64:ff9b::808:808", "public"),  # NAT64 wrapping 8.8.8.8
    ],
)
def test_address_kind(address, kind):
    assert address_kind(address) == kind
    assert is_public_address(address) is (kind == "public")
