"""The theme's Japanese segmenter is memoised once (isms.site.search) and staged with the pages."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from isms.site.search import MARKER, MEMO, SEGMENTER, memoised_segmenter, theme_dirs


def test_the_memo_is_appended_once(tmp_path: Path) -> None:
    path = tmp_path / SEGMENTER
    path.parent.mkdir(parents=True)
    path.write_text("lunr.TinySegmenter = TinySegmenter;\n", encoding="utf-8")
    once = memoised_segmenter([tmp_path])
    assert once is not None
    assert once.decode("utf-8").startswith("lunr.TinySegmenter = TinySegmenter;\n")
    assert once.decode("utf-8").count(MARKER) == 1
    path.write_bytes(once)
    assert memoised_segmenter([tmp_path]) == once


def test_the_first_theme_folder_with_a_segmenter_is_taken(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    assert memoised_segmenter([custom]) is None
    dirs = theme_dirs(CommentedMap({"theme": {"name": "material", "custom_dir": "overrides"}}), tmp_path)
    assert dirs[0] == custom
    material = memoised_segmenter(dirs)  # the custom folder has none: Material's
    assert material is not None
    assert b"TinySegmenter" in material
    assert MARKER.encode() in material
    (custom / SEGMENTER).parent.mkdir(parents=True)
    (custom / SEGMENTER).write_text("// own segmenter\n", encoding="utf-8")
    assert memoised_segmenter(dirs) == ("// own segmenter\n" + MEMO).encode("utf-8")


def test_another_theme_gets_nothing(tmp_path: Path) -> None:
    assert theme_dirs(CommentedMap({"theme": "readthedocs"}), tmp_path) == []
    assert theme_dirs(CommentedMap({"theme": {"name": "mkdocs"}}), tmp_path) == []
    assert len(theme_dirs(CommentedMap(), tmp_path)) == 1  # Material by default
