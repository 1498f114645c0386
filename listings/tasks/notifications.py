"""E-mail tasks."""

__all__: list[str] = []
