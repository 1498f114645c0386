"""The visa reference data as values, for rule tables that need no database.

The rows of ../shared/domain/visas.md (section 4 and sections 1 to 3), as migrations 0002
and 0013 load them.
"""

from datetime import date

from listings.rules.salary import (
    CONFIRMED,
    SUBJECT_TO_LEGISLATION,
    Stream,
    Subclass,
    ThresholdRow,
    VisaReference,
)

SRC = "https://example.org/source"
THRESHOLDS = (
    ThresholdRow("TSMIT", 53_900, None, SRC, CONFIRMED, "In force until 30 Jun 2023."),
    ThresholdRow("TSMIT", 70_000, date(2023, 7, 1), SRC),
    ThresholdRow("TSMIT", 73_150, date(2024, 7, 1), SRC),
    ThresholdRow("CSIT", 73_150, date(2024, 12, 7), SRC),
    ThresholdRow("SSIT", 135_000, date(2024, 12, 7), SRC),
    ThresholdRow("CSIT", 76_515, date(2025, 7, 1), SRC),
    ThresholdRow("SSIT", 141_210, date(2025, 7, 1), SRC),
    ThresholdRow("TSMIT", 76_515, date(2025, 7, 1), SRC, SUBJECT_TO_LEGISLATION),
    ThresholdRow("CSIT", 79_499, date(2026, 7, 1), SRC),
    ThresholdRow("SSIT", 146_717, date(2026, 7, 1), SRC),
)
SUBCLASSES = {
    "482": Subclass("482", "Skills in Demand"),
    "186": Subclass("186", "Employer Nomination Scheme"),
    "494": Subclass("494", "Skilled Employer Sponsored Regional (Provisional)", "TSMIT"),
}
STREAMS = {
    s.slug: s
    for s in (
        Stream("482", "Specialist Skills", "SSIT", False, "482-specialist"),
        Stream("482", "Core Skills", "CSIT", True, "482-core"),
        Stream("482", "Labour Agreement", "", False, "482-labour-agreement"),
        Stream("186", "Temporary Residence Transition", "CSIT", False, "186-trt"),
        Stream("186", "Direct Entry", "CSIT", True, "186-direct-entry"),
        Stream("186", "Labour Agreement", "", False, "186-labour-agreement"),
    )
}

REFERENCE = VisaReference(
    subclasses=tuple(SUBCLASSES.values()),
    streams=tuple(STREAMS.values()),
    thresholds=THRESHOLDS,
)
