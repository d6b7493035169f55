"""Stage 2: the typed, immutable in-memory model of an ISMS repository."""
