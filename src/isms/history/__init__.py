"""Stage 2b: the git history of the repository, read in one pass."""
