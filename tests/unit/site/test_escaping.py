"""`html_text` escapes exactly as markupsafe does, for plain strings and for `Markup` values alike."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from isms.site.escaping import html_text

SAMPLES = ["", "plain", "x<y&\"'>", "&amp; already", "<script>alert(1)</script>", "日本語 <b>", "\x00\n\t"]


@pytest.mark.parametrize("text", SAMPLES)
def test_a_string_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    assert html_text(text) == str(escape(text))
    assert type(html_text(text)) is str


@pytest.mark.parametrize("text", SAMPLES)
def test_a_markup_value_is_escaped_once_as_the_text_it_holds(text: str) -> None:
    held = Markup(text)  # noqa: S704 - the value under test, never rendered
    assert html_text(held) == str(escape(text))
    assert type(html_text(held)) is str
