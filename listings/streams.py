"""Which visa streams an ad names, read against the streams the board knows (no names in code)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class StreamName:
    slug: str  # "482-core"
    subclass: str  # "482"
    name: str  # "Core Skills"


def _pattern(name: str) -> re.Pattern[str]:
    words = name.split()
    spelled = r"\s+".join(re.escape(word) for word in words)
    # Long names are often abbreviated to their initials: "TRT" for Temporary Residence Transition.
    initials = "".join(word[0] for word in words).upper() if len(words) >= 3 else ""
    return re.compile(rf"(?i:\b(?:{spelled})\b)" + (rf"|\b{initials}\b" if initials else ""))


def streams_named(
    text: str, visas: Iterable[str], streams: Iterable[StreamName]
) -> tuple[str, ...]:
    """Slugs of the streams of ``visas`` that ``text`` names, e.g. ("482-core",)."""
    offered = set(visas)
    return tuple(
        sorted(
            stream.slug
            for stream in streams
            if stream.subclass in offered and _pattern(stream.name).search(text)
        )
    )
