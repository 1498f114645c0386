"""The kind of employment a role is: full_time, part_time, contract or internship.

``employment_type`` maps Ashby, schema.org, Lever, Indeed and Workable values
onto the board's four kinds. Casual work is part_time, temporary and fixed-term
work is contract, and a title naming an intern or internship makes the role an
internship.
"""

from __future__ import annotations

import re

EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "internship")

INTERN_IN_TITLE = re.compile(r"(?<![A-Za-z])(?:intern|interns|internship)(?![A-Za-z])", re.I)
# Checked in this order: "Full-time contract" is a contract, "Contract internship" an internship.
EMPLOYMENT_KEYWORDS = (
    ("internship", ("intern",)),
    ("contract", ("contract", "temporary", "temp", "fixedterm", "maxterm", "freelance")),
    ("part_time", ("parttime", "casual")),
    ("full_time", ("fulltime", "permanent")),
)


def employment_type(hint: str, *, title: str = "") -> str:
    """One of EMPLOYMENT_TYPES from a feed's value and the title; "full_time" by default."""
    if INTERN_IN_TITLE.search(title or ""):
        return "internship"
    # schema.org allows a list: "FULL_TIME, CONTRACTOR"; the first value we know wins.
    for part in re.split(r"[,;/|]", hint or ""):
        folded = re.sub(r"[^a-z]", "", part.casefold())
        if not folded:
            continue
        for kind, keywords in EMPLOYMENT_KEYWORDS:
            if any(keyword in folded for keyword in keywords):
                return kind
    return "full_time"
