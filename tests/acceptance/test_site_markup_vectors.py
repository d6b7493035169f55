"""Markup vectors beyond the hostile fixture's, through a real `isms site build`: none becomes markup.

A control page is written in Python (`isms.site.control_markdown`), not by a template with autoescape;
these are the texts that could turn into Markdown or HTML there: entity-encoded schemes, backticks,
attribute lists, front-matter lines, Jinja2 delimiters, newlines and blank lines inside a title.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from acceptance.site_support import TODAY, hostile_files, output_bytes, yq
from helpers import RunIsms, write_repo
from isms.site.pages import control_lists

pytestmark = pytest.mark.slow

VECTORS = (
    '[e](&#x6a;avascript:window.__pwned=6) <a href="&#106;avascript:window.__pwned=7">a</a> '
    '`tick-code` ``two`` | pipe | {: #forged .forged onclick="window.__pwned=8" } '
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} <svg/onload=window.__pwned=9> "
    "![i](x onerror=window.__pwned=10) <!--isms:html--> &lt;already&gt;"
)
#: One title over several lines: a blank line, a front-matter line, a heading and an indented code line.
LINES = "first\n\n---\ntitle: forged\n---\n# forged heading\n\n    indented code\n" + VECTORS


class _Tags(HTMLParser):
    """Every attribute of every start tag, its value unescaped as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


@pytest.mark.parametrize("in_nav", [True, False])
def test_no_vector_becomes_markup(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch, *, in_nav: bool
) -> None:
    """In the nav or not: a control page outside it takes its title from the front matter."""
    if not in_nav:
        monkeypatch.setattr(control_lists, "CONTROLS_IN_NAV_MAX", 0)
    files = hostile_files()
    control = str(files["controls/demo/DM-1.yaml"])
    files["controls/demo/DM-1.yaml"] = (
        control.replace("owner: ciso", f"owner: {yq(VECTORS)}", 1) + f"justification: {json.dumps(LINES)}\n"
    )
    files["catalogs/demo.yaml"] = (
        str(files["catalogs/demo.yaml"])
        .replace("{ja: バックアップ, en: Backups}", yq("バックアップ " + VECTORS))
        .replace("{ja: 物理的入退管理, en: Physical entry}", json.dumps("物理的入退管理 " + LINES))
    )
    register = str(files["evidence/pub/evidence.yaml"])
    files["evidence/pub/evidence.yaml"] = register.replace("title: ", f"description: {json.dumps(LINES)}, title: ", 1)
    root = write_repo(tmp_path / "repo", files)
    out = tmp_path / "site"
    done = run_isms("site", "build", "--root", str(root), "--today", TODAY, "--out", str(out))
    assert done.code == 0, done.err
    for path, data in output_bytes(out):
        if path.suffix != ".html":
            continue
        text = data.decode("utf-8")
        tags = _Tags()
        tags.feed(text)
        for tag, name, value in tags.attributes:
            assert not (name.startswith("on") and "__pwned" in value), (path, tag, name, value)
            assert "javascript:" not in "".join(value.split()).lower(), (path, tag, name, value)
            assert (name, value) not in (("id", "forged"), ("class", "forged")), (path, tag)
        assert "<code>tick-code</code>" not in text, path
        assert ">forged heading</h" not in text, path
        assert "<pre><code>indented code" not in text, path
        assert "<p>title: forged</p>" not in text, path
        assert "<title>forged" not in text, path
    for page in ("controls/demo/DM-1.html", "controls/demo/DM-2.html", "controls/demo/DM-3.html"):
        shown = html.unescape((out / page).read_text(encoding="utf-8"))
        for text in ("`tick-code`", "{{ 7 * 7 }} {% if true %}jinja{% endif %}", "{: #forged", "&lt;already&gt;"):
            assert text in shown, (page, text)
