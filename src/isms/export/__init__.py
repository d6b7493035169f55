"""Stage 5c: files for other tools (schemas, SoA, OSCAL)."""
