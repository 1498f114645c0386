"""Ingest tests. The sample feeds live with the demo data, which serves them too."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "listings" / "demo" / "feeds"
