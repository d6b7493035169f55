"""Round-trip editing of user YAML: the only code that rewrites files written by people."""
