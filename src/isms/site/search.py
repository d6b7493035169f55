"""Japanese search that answers within a second: Material's word segmenter, memoised in the built site.

Material for MkDocs builds its lunr index in the browser, in a web worker, when a page loads; for
Japanese every run of text is cut into words by TinySegmenter (``assets/javascripts/lunr/tinyseg.js``),
which scores each character against some forty feature tables. On the example site (~400,000
characters of text, 1,100 sections) that segmentation was about 80 % of building the index, and a
query typed right after the page loaded waited for it (2-7 s on a loaded machine). The site's text
repeats itself (requirement and control titles, statuses, owners, dates appear on many pages): of
~19,000 runs only ~2,900 differ. Appending a memo to the segmenter (the words of a run, and the
character class of a string, each computed once) cuts the segmentation about four-fold and gives
the same words, so the same index and the same results.

The memoised segmenter is staged with the pages (a file in the docs folder replaces the theme's file
of the same path), so that `isms site build` and `isms site serve` publish the same one: appended to
the built site afterwards, the development server (which builds into a folder of its own) never had it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path

#: The MkDocs hook that has Material's search plugin parse the pages faster (the engine's config lists it).
HOOK = Path(__file__).with_name("search_hook.py")
#: Where Material puts the segmenter in the built site.
SEGMENTER = Path("assets/javascripts/lunr/tinyseg.js")
MARKER = "/* isms: memoised segmenter */"
MEMO = f"""
{MARKER}
;(function () {{
  var segmenter = typeof lunr !== "undefined" && lunr.TinySegmenter
  if (!segmenter) return
  var prototype = segmenter.prototype
  var segment = prototype.segment
  var ctype = prototype.ctype_
  var words = new Map()
  var types = new Map()
  prototype.segment = function (input) {{
    var found = words.get(input)
    if (found === undefined) {{
      found = segment.call(this, input)
      words.set(input, found)
    }}
    return found.slice()
  }}
  prototype.ctype_ = function (input) {{
    var found = types.get(input)
    if (found === undefined) {{
      found = ctype.call(this, input)
      types.set(input, found)
    }}
    return found
  }}
}})()
"""


def theme_dirs(config: Mapping[str, object], base: Path) -> list[Path]:
    """Return where MkDocs looks for the theme's files, first first: ``theme.custom_dir``, then Material's.

    None for another theme than Material (its search has no Japanese segmenter of this kind).
    """
    theme = config.get("theme")
    name = theme.get("name", "material") if isinstance(theme, Mapping) else theme or "material"
    if name != "material":
        return []
    dirs = []
    if isinstance(theme, Mapping) and theme.get("custom_dir"):
        dirs.append(base / str(theme["custom_dir"]))
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.origin is not None:
        dirs.append(Path(spec.origin).parent / "templates")
    return dirs


def memoised_segmenter(dirs: list[Path]) -> bytes | None:
    """Return the theme's Japanese segmenter with the memo appended (once); None when no folder has one."""
    for folder in dirs:
        path = folder / SEGMENTER
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            return (text if MARKER in text else text.rstrip("\n") + "\n" + MEMO).encode("utf-8")
    return None
