"""Feed ingest tasks."""

__all__: list[str] = []
