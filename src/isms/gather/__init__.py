"""Gather the world once: git history, file hashes, data rows, CODEOWNERS text, environment.

Everything the state, the checks and the metrics need from outside the loaded model is read here,
in one step that :func:`isms.evaluation.evaluate` calls; what comes after is a pure function of the
repository model and the :class:`~isms.gather.facts.Facts` gathered.
"""
