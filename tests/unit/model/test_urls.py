"""URLs from YAML: only https, http and mailto (and paths where a path is meant) may become links."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from isms.model.catalog import FrameworkInfo
from isms.urls import nav_link_problem, safe_link, url_problem

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "https:evil.example",
    "http://",
    "mailto:",
    "https://example.com/a b",
    "https://example.com\\@evil.example",
    "",
]
ACCEPTED = ["https://www.iso.org/standard/27001", "HTTP://example.com", "mailto:isms@example.com"]


@pytest.mark.parametrize("url", REFUSED)
def test_refused_urls(url: str) -> None:
    assert url_problem(url) is not None
    assert safe_link(url) == ""
    with pytest.raises(ValidationError):
        FrameworkInfo.model_validate({"id": "x", "name": "X", "version": "1", "url": url})


@pytest.mark.parametrize("url", ACCEPTED)
def test_accepted_urls(url: str) -> None:
    assert url_problem(url) is None
    assert safe_link(url) == url
    assert FrameworkInfo.model_validate({"id": "x", "name": "X", "version": "1", "url": url}).url == url


def test_relative_paths_only_where_allowed() -> None:
    assert url_problem("../about.html") is not None
    assert url_problem("../about.html", relative=True) is None
    assert nav_link_problem("about/index.md") is None
    assert nav_link_problem("my page.md") is None
    assert nav_link_problem("java\tscript:alert(1)") is not None
    assert nav_link_problem("https://example.com") is None
