"""The one safe fetch: every feed and careers page is downloaded through ``fetch``.

A feed URL is typed in by an employer or a moderator, so the fetch treats it as
hostile: only http and https; every hop's host is resolved once and each of its
addresses must be public (no private, loopback, link-local, metadata or other
non-global address) unless ``INGEST_ALLOW_PRIVATE_HOSTS``; the connection then
goes to the address that was checked, never to a second DNS answer (DNS
rebinding); redirects are followed by hand so each hop gets the same check;
the body is capped while it streams; connect and read timeouts bound the wait.

Failures raise ``FetchError`` whose ``permanent`` flag tells the pipeline
whether to retry later (timeouts, connection errors, 408, 429, 5xx) or to mark
the source failing (other 4xx, refused address, bad URL, too large, too many
redirects). Conditional GET is supported through ``etag`` / ``last_modified``.

Residual risks, accepted: ``socket.getaddrinfo`` has no timeout of its own (the
system resolver's applies), and there is no overall deadline, so a server that
trickles one byte just inside the read timeout can hold a worker for a while;
the size cap bounds how long.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpcore
import httpx
from django.conf import settings

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# 408 and 429 mean "not now", not "never".
TRANSIENT_CLIENT_STATUSES = frozenset({408, 429})
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
# Letters, digits, hyphens (and the odd underscore seen in the wild); IDNA is already applied.
HOST_NAME = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9_-]{1,63}(?<!-))*\.?")
UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")  # IPv6's private ranges (RFC 4193)
SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
# NAT64 (RFC 6052) embeds an IPv4 address that a NAT64 gateway would reach for us.
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")

# The socket layer under the pinned connections. Tests swap it to route a
# public test address to a local server, or to prove no connection was made.
network_backend: httpcore.NetworkBackend = httpcore.SyncBackend()


@dataclass(frozen=True)
class FetchResult:
    """What one successful fetch returned."""

    url: str  # final URL after redirects
    status: int  # 200 (or another 2xx) or 304
    content: bytes  # b"" for 304
    etag: str
    last_modified: str
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A fetch failed; ``permanent`` says whether retrying later could help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
    """GET ``url`` safely, following at most ``INGEST_MAX_REDIRECTS`` redirects.

    Sends If-None-Match / If-Modified-Since when ``etag`` / ``last_modified``
    are given; a 304 comes back as ``FetchResult(status=304, content=b"")``.
    """
    headers = _request_headers(etag=etag, last_modified=last_modified)
    max_redirects = settings.INGEST_MAX_REDIRECTS
    pins: dict[str, list[str]] = {}
    current, previous = _parse_url(url), None
    with _client(pins) as client:
        for _hop in range(max_redirects + 1):
            _pin_host(current, pins, redirected_from=previous)
            with (
                _translate_errors(current),
                client.stream("GET", current, headers=headers) as response,
            ):
                location = _redirect_location(response)
                if location is None:
                    return _result(response, sent_etag=etag, sent_last_modified=last_modified)
            current, previous = _parse_url(location, redirected_from=current), current
    raise FetchError(
        f"more than {max_redirects} redirects fetching {url}; last was to {current}",
        permanent=True,
    )


# --- addresses ---------------------------------------------------------------


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without repeats.

    An IP literal is returned as it is, without asking DNS.
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def address_kind(address: str) -> str:
    """``"public"`` for a globally routable unicast address, else what it is.

    The other answers are "private", "loopback", "link-local", "multicast",
    "unspecified", "reserved", "unique-local", "shared" (carrier-grade NAT)
    and "non-global" (documentation, benchmarking and other special ranges).
    An IPv6 address that embeds an IPv4 one (IPv4-mapped, 6to4, NAT64) is
    judged by the IPv4 address, since that is where a connection would go.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return address_kind(str(embedded))
    # Order matters: the specific names first, is_private last (it covers most of them).
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, ipaddress.IPv6Address) and ip in UNIQUE_LOCAL:
        return "unique-local"
    if isinstance(ip, ipaddress.IPv4Address) and ip in SHARED_ADDRESS_SPACE:
        return "shared"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-global"
    return "public"


def is_public_address(address: str) -> bool:
    return address_kind(address) == "public"


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _pin_host(
    url: httpx.URL, pins: dict[str, list[str]], *, redirected_from: httpx.URL | None
) -> None:
    """Resolve the URL's host once, refuse non-public addresses, remember the answer."""
    where = f" (redirected from {redirected_from})" if redirected_from else ""
    host = url.raw_host.decode("ascii")
    if host in pins:
        return
    port = url.port or DEFAULT_PORTS[url.scheme]
    try:
        addresses = resolve_host(host, port)
    except OSError as exc:
        # A resolver failure is often temporary (SERVFAIL, no network), so retry later.
        raise FetchError(f"could not resolve {host} for {url}: {exc}", permanent=False) from exc
    if not addresses:
        raise FetchError(f"could not resolve {host} for {url}", permanent=False)
    if not settings.INGEST_ALLOW_PRIVATE_HOSTS:
        for address in addresses:
            kind = address_kind(address)
            if kind != "public":
                raise FetchError(_refusal(host, address, kind) + where, permanent=True)
    pins[host] = addresses


def _refusal(host: str, address: str, kind: str) -> str:
    if host == address:
        return f"refused: {kind} address {host}"
    return f"refused: {host} resolves to {kind} address {address}"


class PinnedBackend(httpcore.NetworkBackend):
    """Connects to the addresses ``_pin_host`` checked, never to a fresh DNS answer.

    httpcore hands ``connect_tcp`` the URL's host name; TLS SNI and certificate
    checks and the Host header still use that name, only the socket goes to
    the pinned address.
    """

    def __init__(self, pins: dict[str, list[str]], inner: httpcore.NetworkBackend) -> None:
        self.pins = pins
        self.inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.pins.get(host)
        if not addresses:
            # Only reachable if a request bypassed fetch(); never resolve here.
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        *others, last = addresses
        for address in others:  # like socket.create_connection: the first that answers
            try:
                return self._connect(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return self._connect(last, port, timeout, local_address, socket_options)

    def _connect(
        self,
        address: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        return self.inner.connect_tcp(
            address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built on ``PinnedBackend``.

    httpx.HTTPTransport takes no network backend, so the pool it builds is
    replaced; ``_pool`` is the only attribute it uses for requests. The pinning
    test in tests/ingest/test_http.py fails loudly if an httpx upgrade changes that.
    """

    def __init__(self, pins: dict[str, list[str]]) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=4,
            network_backend=PinnedBackend(pins, network_backend),
        )


def _client(pins: dict[str, list[str]]) -> httpx.Client:
    timeout = httpx.Timeout(
        settings.INGEST_READ_TIMEOUT,
        connect=settings.INGEST_CONNECT_TIMEOUT,
        pool=settings.INGEST_CONNECT_TIMEOUT,
    )
    # trust_env=False: no proxy from the environment may route around the pinning, no .netrc.
    return httpx.Client(
        transport=PinnedTransport(pins),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


# --- requests and responses ----------------------------------------------------


def _parse_url(url: str, *, redirected_from: httpx.URL | None = None) -> httpx.URL:
    """Parse ``url`` (relative to ``redirected_from`` for a Location) and check its scheme."""
    where = f" (redirected from {redirected_from})" if redirected_from else ""
    try:
        parsed = redirected_from.join(url) if redirected_from else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL {url!r}{where}: {exc}", permanent=True) from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(
            f"refused: {url} is not an http or https URL{where}",
            permanent=True,
        )
    if not parsed.host:
        raise FetchError(f"invalid URL {url!r}{where}: no host", permanent=True)
    if not _is_valid_host(parsed.raw_host.decode("ascii")):
        raise FetchError(f"invalid URL {url!r}{where}: bad host name", permanent=True)
    return parsed


def _is_valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return HOST_NAME.fullmatch(host) is not None
    return True


def _request_headers(*, etag: str, last_modified: str) -> dict[str, str]:
    headers = {"User-Agent": settings.INGEST_USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _redirect_location(response: httpx.Response) -> str | None:
    """The Location to follow next, or None when this is the final response."""
    if response.status_code not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("Location", "").strip()
    if not location:
        raise FetchError(
            f"HTTP {response.status_code} without a Location from {response.url}",
            permanent=True,
        )
    return location


def _result(response: httpx.Response, *, sent_etag: str, sent_last_modified: str) -> FetchResult:
    status = response.status_code
    url = str(response.url)
    if status == 304:
        # A 304 may omit the validators; the ones we sent are still the current ones.
        return FetchResult(
            url=url,
            status=304,
            content=b"",
            etag=response.headers.get("ETag", sent_etag),
            last_modified=response.headers.get("Last-Modified", sent_last_modified),
            content_type=response.headers.get("Content-Type", ""),
        )
    _raise_for_status(response)
    return FetchResult(
        url=url,
        status=status,
        content=_read_capped(response),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
        content_type=response.headers.get("Content-Type", ""),
    )


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    message = f"HTTP {status} from {response.url}"
    permanent = not (status >= 500 or status in TRANSIENT_CLIENT_STATUSES)
    raise FetchError(message, permanent=permanent)


def _read_capped(response: httpx.Response) -> bytes:
    """The decoded body, aborting as soon as it passes ``INGEST_MAX_BYTES``.

    The cap counts decoded bytes, so a small gzip bomb is caught too.
    Content-Length is only used to give up early, never trusted to stop.
    """
    cap = settings.INGEST_MAX_BYTES
    too_large = FetchError(f"{response.url} is larger than {cap} bytes", permanent=True)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_bytes():
        received += len(chunk)
        if received > cap:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


@contextmanager
def _translate_errors(url: httpx.URL) -> Iterator[None]:
    """Turn httpx's exceptions into FetchError with a message a moderator can read."""
    try:
        yield
    except httpx.ConnectTimeout as exc:
        seconds = settings.INGEST_CONNECT_TIMEOUT
        raise FetchError(
            f"timed out after {seconds:g} s connecting to {url}", permanent=False
        ) from exc
    except httpx.TimeoutException as exc:
        seconds = settings.INGEST_READ_TIMEOUT
        raise FetchError(f"timed out after {seconds:g} s reading {url}", permanent=False) from exc
    except httpx.ConnectError as exc:
        raise FetchError(f"could not connect to {url}: {exc}", permanent=False) from exc
    except httpx.DecodingError as exc:
        # The server says gzip (or similar) and sends something else: it will again.
        raise FetchError(f"could not decode the body of {url}: {exc}", permanent=True) from exc
    except httpx.TransportError as exc:
        # Dropped connections, protocol errors, broken decompression: worth another try.
        raise FetchError(f"error reading {url}: {exc}", permanent=False) from exc
