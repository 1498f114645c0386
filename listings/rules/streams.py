"""Which visa streams an ad names, read against the streams the board knows (no names in code)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class StreamName:
    slug: str  # "482-core"
    subclass: str  # "482"
    name: str  # "Core Skills"


@lru_cache(maxsize=64)
def _pattern(name: str) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """Lower-cased words that any mention contains, and the pattern that finds a mention."""
    words = name.split()
    spelled = r"\s+".join(re.escape(word) for word in words)
    # Long names are often abbreviated to their initials: "TRT" for Temporary Residence Transition.
    initials = "".join(word[0] for word in words).upper() if len(words) >= 3 else ""
    pattern = re.compile(rf"(?i:\b(?:{spelled})\b)" + (rf"|\b{initials}\b" if initials else ""))
    return (words[0].lower(), initials.lower()) if initials else (words[0].lower(),), pattern


def streams_named(
    text: str, visas: Iterable[str], streams: Iterable[StreamName]
) -> tuple[str, ...]:
    """Slugs of the streams of ``visas`` that ``text`` names, e.g. ("482-core",)."""
    offered = set(visas)
    lowered = text.lower()
    named = []
    for stream in streams:
        if stream.subclass not in offered:
            continue
        clues, pattern = _pattern(stream.name)
        # A substring test first: most ads name no stream, and it is far cheaper than the regex.
        if any(clue in lowered for clue in clues) and pattern.search(text):
            named.append(stream.slug)
    return tuple(sorted(named))
