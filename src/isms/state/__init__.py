"""Stage 3a: the state of things on a given day (evidence freshness and integrity, control standing)."""
