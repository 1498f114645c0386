"""Feed adapters: one module per format, each turning the bytes of a feed into a ``ParseResult``.

Every adapter exposes ``parse(body: bytes) -> ParseResult``. It does no I/O
and touches no models: fetching is ``listings.ingest.http``'s job, storing
the pipeline's. A payload that cannot be read at all raises
``FeedFormatError``; one bad item becomes an ``ItemFailure`` and the rest land.
"""

from __future__ import annotations

from collections.abc import Callable

from listings.ingest.records import ParseResult

from . import ashby, atom, greenhouse, indeed, jsonfeed, jsonld, lever, rss

Adapter = Callable[[bytes], ParseResult]

# Keys match FeedSource.Kind.
ADAPTERS: dict[str, Adapter] = {
    "greenhouse": greenhouse.parse,
    "lever": lever.parse,
    "ashby": ashby.parse,
    "rss": rss.parse,
    "atom": atom.parse,
    "jsonfeed": jsonfeed.parse,
    "jsonld": jsonld.parse,
    "indeed": indeed.parse,
}
KINDS: tuple[str, ...] = tuple(ADAPTERS)


def get_adapter(kind: str) -> Adapter:
    """The parser for a feed kind; ``KeyError`` names the known kinds if ``kind`` is not one."""
    try:
        return ADAPTERS[kind]
    except KeyError:
        raise KeyError(f"no feed adapter for {kind!r}; known kinds: {', '.join(KINDS)}") from None
