"""Stage 1: bytes on disk to plain data with positions, and plain data to documents."""
