"""Statistics used by the analyses, one module per topic; heavy imports stay inside functions."""

__all__: list[str] = []

