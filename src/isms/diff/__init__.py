"""`isms diff`: the ISMS at two commits, compared (materialised from git objects, never checked out)."""
