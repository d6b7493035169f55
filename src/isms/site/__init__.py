"""Stage 5b: the auditor site. Page models → Jinja2 (autoescape) → a staging folder → MkDocs or Zensical."""
