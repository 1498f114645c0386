"""What every adapter must refuse or survive: entity attacks, broken payloads, one bad item."""

import json

import pytest

from listings.ingest.adapters import ADAPTERS, KINDS, get_adapter
from listings.ingest.records import FeedFormatError

XML_KINDS = ("rss", "atom", "indeed")
JSON_KINDS = ("greenhouse", "lever", "ashby", "jsonfeed")

# A well-formed document of each XML kind, with {doctype} before the root and {title} as a job title.
XML_DOCUMENTS = {
    "rss": '<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Jobs</title>'
    "<item><title>{title}</title><guid>g1</guid></item></channel></rss>",
    "atom": '<?xml version="1.0"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>Jobs</title>'
    "<id>urn:f</id><updated>2026-11-01T00:00:00Z</updated>"
    "<entry><id>urn:1</id><title>{title}</title><updated>2026-11-01T00:00:00Z</updated></entry></feed>",
    "indeed": '<?xml version="1.0"?>{doctype}<source><job><title>{title}</title>'
    "<referencenumber>R1</referencenumber></job></source>",
}

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE job [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
EXTERNAL_OVER_HTTP = '<!DOCTYPE job [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>'
PARAMETER_ENTITY = (
    '<!DOCTYPE job [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
)


def xml(kind: str, *, doctype: str = "", title: str = "ML Engineer") -> bytes:
    return XML_DOCUMENTS[kind].format(doctype=doctype, title=title).encode()


def test_registry_covers_every_kind():
    assert KINDS == ("greenhouse", "lever", "ashby", "rss", "atom", "jsonfeed", "jsonld", "indeed")
    assert set(ADAPTERS) == set(KINDS)
    assert all(callable(get_adapter(kind)) for kind in KINDS)
    with pytest.raises(KeyError, match="known kinds"):
        get_adapter("workable")


@pytest.mark.parametrize("kind", XML_KINDS)
def test_the_baseline_documents_parse(kind):
    assert [record.title for record in get_adapter(kind)(xml(kind)).records] == ["ML Engineer"]


@pytest.mark.parametrize("kind", XML_KINDS)
@pytest.mark.parametrize(
    ("doctype", "title"),
    [
        (BILLION_LAUGHS, "&lol9;"),
        (EXTERNAL_ENTITY, "&xxe;"),
        (EXTERNAL_OVER_HTTP, "&xxe;"),
        (PARAMETER_ENTITY, "ML Engineer"),
        ('<!DOCTYPE job [<!ENTITY unused "declared but never used">]>', "ML Engineer"),
    ],
    ids=["billion-laughs", "xxe-file", "xxe-http", "parameter-entity", "unused-entity"],
)
def test_entity_declarations_are_refused(kind, doctype, title):
    with pytest.raises(FeedFormatError, match="entities"):
        get_adapter(kind)(xml(kind, doctype=doctype, title=title))


@pytest.mark.parametrize("kind", XML_KINDS)
def test_a_doctype_without_entities_is_fine(kind):
    doctype = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss-0.91.dtd">'
    assert len(get_adapter(kind)(xml(kind, doctype=doctype)).records) == 1


@pytest.mark.parametrize("kind", XML_KINDS)
def test_truncated_xml_is_refused(kind):
    body = xml(kind)
    with pytest.raises(FeedFormatError, match="malformed XML"):
        get_adapter(kind)(body[: len(body) * 2 // 3])


@pytest.mark.parametrize("kind", XML_KINDS)
@pytest.mark.parametrize(
    "body", [b"", b"https://127.0.0.1:9/feed.xml", b"/etc/hostname", b"{}", b"<p>unclosed"]
)
def test_non_xml_is_refused_and_never_fetched(kind, body):
    # A URL or path as the body is an error, not something feedparser fetches or opens.
    with pytest.raises(FeedFormatError):
        get_adapter(kind)(body)


@pytest.mark.parametrize(
    ("kind", "other"), [("rss", "atom"), ("atom", "indeed"), ("indeed", "rss")]
)  # fmt: skip
def test_xml_of_another_kind_is_refused(kind, other):
    with pytest.raises(FeedFormatError, match="expected"):
        get_adapter(kind)(xml(other))


@pytest.mark.parametrize("kind", JSON_KINDS)
@pytest.mark.parametrize(
    "body",
    [b"", b"{not json", b'{"jobs": [', b"\xff\xfe\x00garbage", b"[" * 100_000 + b"]" * 100_000],
    ids=["empty", "syntax", "truncated", "bad-bytes", "deeply-nested"],
)
def test_invalid_json_is_refused(kind, body):
    with pytest.raises(FeedFormatError, match="not valid JSON"):
        get_adapter(kind)(body)


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("greenhouse", []),
        ("greenhouse", {"jobs": {"id": 1}}),
        ("greenhouse", {"meta": {"total": 0}}),
        ("lever", {"postings": []}),
        ("lever", "postings"),
        ("ashby", []),
        ("ashby", {"apiVersion": "1", "jobs": None}),
        ("jsonfeed", []),
        ("jsonfeed", {"items": []}),  # no version
        ("jsonfeed", {"version": "https://jsonfeed.org/version/2", "items": []}),
        ("jsonfeed", {"version": "https://jsonfeed.org/version/1.1", "items": {}}),
    ],
)
def test_wrong_top_level_shape_is_refused(kind, payload):
    with pytest.raises(FeedFormatError, match=r"expected|version|items"):
        get_adapter(kind)(json.dumps(payload).encode())


@pytest.mark.parametrize("body", [b"", b"<html><body>No jobs here</body></html>"])
def test_careers_page_without_json_ld_is_refused(body):
    # Zero records from a page that lost its markup must not close every role.
    with pytest.raises(FeedFormatError, match="ld\\+json"):
        get_adapter("jsonld")(body)


def _jsonld_page(*blocks):
    return "".join(
        f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks
    ).encode()


# Per kind: a payload holding two good items around one broken one (no title).
ONE_BROKEN_ITEM = {
    "greenhouse": json.dumps(
        {"jobs": [{"id": 1, "title": "A"}, {"id": 2}, {"id": 3, "title": "C"}]}
    ).encode(),
    "lever": json.dumps([{"id": "1", "text": "A"}, {"id": "2"}, {"id": "3", "text": "C"}]).encode(),
    "ashby": json.dumps(
        {"jobs": [{"id": "1", "title": "A"}, {"id": "2"}, {"id": "3", "title": "C"}]}
    ).encode(),
    "jsonfeed": json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [{"id": "1", "title": "A"}, {"id": "2"}, {"id": "3", "title": "C"}],
        }
    ).encode(),
    "jsonld": _jsonld_page(
        {"@type": "JobPosting", "identifier": "1", "title": "A"},
        {"@type": "JobPosting", "identifier": "2"},
        {"@type": "JobPosting", "identifier": "3", "title": "C"},
    ),
    "rss": b'<rss version="2.0"><channel><title>x</title><item><guid>1</guid><title>A</title></item>'
    b"<item><guid>2</guid></item><item><guid>3</guid><title>C</title></item></channel></rss>",
    "atom": b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>f</id><updated>2026-11-01T00:00:00Z</updated>'
    b"<entry><id>1</id><title>A</title></entry><entry><id>2</id></entry>"
    b"<entry><id>3</id><title>C</title></entry></feed>",
    "indeed": b"<source><job><referencenumber>1</referencenumber><title>A</title></job>"
    b"<job><referencenumber>2</referencenumber></job>"
    b"<job><referencenumber>3</referencenumber><title>C</title></job></source>",
}


@pytest.mark.parametrize("kind", KINDS)
def test_one_broken_item_fails_alone(kind):
    result = get_adapter(kind)(ONE_BROKEN_ITEM[kind])
    assert [(record.external_id, record.title) for record in result.records] == [
        ("1", "A"),
        ("3", "C"),
    ]
    assert len(result.failures) == 1
    failure = result.failures[0]
    assert (failure.reference, failure.external_id, failure.reason) == ("2", "2", "no title")
    # The failed item's id is known, so the pipeline can keep that role open.
    assert result.complete is True


@pytest.mark.parametrize("kind", KINDS)
def test_records_never_have_an_empty_id_or_title(kind):
    result = get_adapter(kind)(ONE_BROKEN_ITEM[kind])
    assert all(record.external_id and record.title for record in result.records)
    assert all(record.title == record.title.strip() for record in result.records)
