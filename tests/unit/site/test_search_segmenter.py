"""The built site's Japanese segmenter is memoised once (isms.site.search); a site without one is left alone."""

from __future__ import annotations

from pathlib import Path

from isms.site.search import MARKER, SEGMENTER, memoise_segmenter


def test_the_memo_is_appended_once(tmp_path: Path) -> None:
    path = tmp_path / SEGMENTER
    path.parent.mkdir(parents=True)
    path.write_text("lunr.TinySegmenter = TinySegmenter;\n", encoding="utf-8")
    assert memoise_segmenter(tmp_path)
    assert memoise_segmenter(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("lunr.TinySegmenter = TinySegmenter;\n")
    assert text.count(MARKER) == 1


def test_a_site_without_the_segmenter_is_left_alone(tmp_path: Path) -> None:
    assert not memoise_segmenter(tmp_path)
    assert list(tmp_path.iterdir()) == []
