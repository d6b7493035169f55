"""Stage 5a: reporters, the only code that prints findings."""
