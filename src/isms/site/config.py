"""The engine's configuration: the repository's `mkdocs.yml`, adjusted for the staging folder.

The user's file is read round-trip (comments, tags such as ``!ENV`` and ``!!python/name`` are kept) and
changed only where the site needs it to be offline, reproducible and safe:

* ``docs_dir``/``site_dir`` point at the staging folder and the output folder; relative paths that
  MkDocs resolves against the config file (``theme.custom_dir``, ``hooks``) are made absolute;
* the theme language is the edition's; ``theme.font: false`` (else Google Fonts are loaded);
* the ``offline`` plugin is on, with the vendored iframe-worker shim as its polyfill (else it is
  loaded from unpkg.com); ``search`` gets the edition's language, and the hook
  :mod:`isms.site.search_hook` (its index, the same, parsed without ``html.parser``), and the hook
  :mod:`isms.site.engine_parallel` (above 400 pages MkDocs builds every other page in a forked child);
* ``repo_url`` (Material fetches the repository's stars from api.github.com), ``edit_uri`` (generated
  pages have no source to edit) and ``extra.analytics`` are dropped: the site requests no other host;
* the nav is the generated one; titles from YAML are made inert for templates that print them raw.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from isms.errors import IsmsError
from isms.loader.japanese import check_text
from isms.model.base import Lang
from isms.site.labels import Labels
from isms.site.pages.types import NavEntry, SiteInfo
from isms.site.parallel import ENGINE_HOOK
from isms.site.search import HOOK as SEARCH_HOOK
from isms.urls import nav_link_problem, url_problem

CONFIG_NAME = "mkdocs.yml"
ASSETS_DIR = "assets/isms"
CSS = f"{ASSETS_DIR}/isms.css"
PRINT_CSS = f"{ASSETS_DIR}/print.css"
JS = f"{ASSETS_DIR}/isms.js"
SHIM = f"{ASSETS_DIR}/iframe-worker-shim.js"

# Material prints some titles and the copyright without escaping, and a few through `striptags`, which
# un-escapes entities; look-alike characters make such text inert wherever it is printed.
_INERT = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "’", "`": "‘"})


def inert(text: str) -> str:
    """Return text that cannot become markup in any engine template, on one line."""
    return " ".join(text.split()).translate(_INERT)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def read_config(root: Path) -> tuple[CommentedMap, Path]:
    """Return the repository's `mkdocs.yml` (or the packaged default) and the folder it lives in.

    Raises:
        IsmsError: when the file is not a YAML mapping.
    """
    path = root / CONFIG_NAME
    if path.is_file():
        source, base = path.read_text(encoding="utf-8"), root
    else:
        source = resources.files("isms.site").joinpath("assets", CONFIG_NAME).read_text(encoding="utf-8")
        base = root
    try:
        data = _yaml().load(source)
    except YAMLError as exc:
        msg = f"{path}: not valid YAML: {exc}"
        ja = f"{path}: YAML として正しくありません（以下は YAML パーサーの説明です）: {exc}"
        raise IsmsError(msg, ja=ja) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        msg = f"{path}: must be a mapping of MkDocs settings"
        ja = f"{path}: MkDocs の設定のマッピングでなければなりません"
        raise IsmsError(msg, ja=ja)
    check_links(data, path)
    return data, base


def _line(node: Any, key: str | int) -> int | None:
    try:
        return int(node.lc.key(key)[0] if isinstance(node, CommentedMap) else node.lc.item(key)[0]) + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


Link = tuple[str, Any, str | int, object, bool]
"""A setting that becomes a link: (name, parent node, key, value, is a nav entry)."""


def _extra_links(extra: dict[str, Any]) -> list[Link]:
    found: list[Link] = []
    if "homepage" in extra:
        found.append(("extra.homepage", extra, "homepage", extra["homepage"], True))
    for name in ("social", "alternate"):
        entries = extra.get(name)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and "link" in entry:
                found.append((f"extra.{name}[{index}].link", entry, "link", entry["link"], name == "alternate"))
    return found


def _nav_links(nav: object, where: str) -> list[Link]:
    found: list[Link] = []
    for index, item in enumerate(nav if isinstance(nav, list) else []):
        if isinstance(item, str):
            found.append((f"{where}[{index}]", nav, index, item, True))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    found += _nav_links(value, f"{where}[{index}].{title}")
                else:
                    found.append((f"{where}[{index}].{title}", item, title, value, True))
    return found


def _links(config: CommentedMap) -> list[Link]:
    """Return the settings that become links on every page (``site_url``, ``extra``, the nav)."""
    found: list[Link] = []
    if "site_url" in config:
        found.append(("site_url", config, "site_url", config["site_url"], False))
    extra = config.get("extra")
    if isinstance(extra, dict):
        found += _extra_links(extra)
    return found + _nav_links(config.get("nav"), "nav")


def check_links(config: CommentedMap, path: Path) -> None:
    """Refuse a `mkdocs.yml` whose links (``site_url``, ``extra.social``, nav links…) use a scheme not allowed.

    Raises:
        IsmsError: naming the file, line and setting, and the schemes accepted.
    """
    problems: list[str] = []
    problems_ja: list[str] = []
    for name, node, key, value, relative in _links(config):
        if value is None:
            continue
        text = str(value)
        problem = nav_link_problem(text) if relative else url_problem(text.strip())
        if problem is not None:
            line = _line(node, key) or 1
            problems.append(f"{path}:{line}: `{name}` {problem} (got {text!r})")
            problems_ja.append(f"{path}:{line}: {name}: {check_text(problem) or problem}（値: {text!r}）")
    if problems:
        raise IsmsError("\n".join(problems), ja="\n".join(problems_ja))


def docs_dir(config: CommentedMap, base: Path) -> Path:
    """Return the folder of the hand-written pages (``docs_dir``, default ``docs``)."""
    return (base / str(config.get("docs_dir", "docs"))).resolve()


def nav_yaml(entries: Sequence[NavEntry]) -> CommentedSeq:
    """Return nav entries as MkDocs nav YAML, titles made inert."""
    out = CommentedSeq()
    for entry in entries:
        item = CommentedMap()
        item[inert(entry.title)] = entry.path if entry.path is not None else nav_yaml(entry.children)
        out.append(item)
    return out


def _ensure_plugin(plugins: CommentedSeq, name: str, settings: dict[str, Any]) -> None:
    """Add a plugin (or update its settings) in a ``plugins`` list of names and one-key mappings."""
    for index, item in enumerate(plugins):
        if item == name:
            plugins[index] = CommentedMap({name: CommentedMap(settings)}) if settings else name
            return
        if isinstance(item, dict) and name in item:
            current = item[name] if isinstance(item[name], dict) else CommentedMap()
            current.update(settings)
            item[name] = current
            return
    plugins.append(CommentedMap({name: CommentedMap(settings)}) if settings else name)


def _ensure_extension(extensions: CommentedSeq, name: str, settings: dict[str, Any] | None = None) -> None:
    for item in extensions:
        if item == name or (isinstance(item, dict) and name in item):
            return
    extensions.append(CommentedMap({name: CommentedMap(settings)}) if settings else name)


def _list(config: CommentedMap, key: str) -> CommentedSeq:
    value = config.get(key)
    if isinstance(value, CommentedSeq):
        return value
    seq = CommentedSeq(value if isinstance(value, list) else [])
    config[key] = seq
    return seq


def _map(config: CommentedMap, key: str) -> CommentedMap:
    value = config.get(key)
    if isinstance(value, CommentedMap):
        return value
    mapping = CommentedMap(value if isinstance(value, dict) else {})
    config[key] = mapping
    return mapping


def _absolute(config: CommentedMap, base: Path) -> None:
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((base / str(theme["custom_dir"])).resolve())
    hooks = config.get("hooks")
    if isinstance(hooks, list):
        config["hooks"] = CommentedSeq(str((base / str(hook)).resolve()) for hook in hooks)
    config.pop("watch", None)


def _relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)


def engine_config(
    config: CommentedMap,
    base: Path,
    *,
    staging_docs: Path,
    out: Path,
    info: SiteInfo,
    nav: CommentedSeq,
) -> str:
    """Return the YAML of the engine's config for one edition.

    Args:
        config: The repository's `mkdocs.yml` (changed in place).
        base: The folder that config's relative paths are relative to.
        staging_docs: The staging docs folder.
        out: The output folder.
        info: What the build is of (language, organisation, as-of date, commit).
        nav: The whole nav, generated and hand-written pages (see `nav_yaml`).
    """
    lang: Lang = info.lang
    _absolute(config, base)
    # Paths inside the staging folder are written relative to it: Zensical requires them there.
    config["docs_dir"] = _relative(staging_docs, staging_docs.parent)
    config["site_dir"] = _relative(out, staging_docs.parent)
    config["use_directory_urls"] = False
    if not config.get("site_name"):
        config["site_name"] = inert(f"{info.organisation} ISMS")
    for key in ("repo_url", "repo_name", "edit_uri", "edit_uri_template", "remote_branch", "remote_name"):
        config.pop(key, None)
    theme = config.get("theme")
    if not isinstance(theme, dict):
        theme = CommentedMap({"name": str(theme or "material")})
        config["theme"] = theme
    theme["language"] = lang
    theme["font"] = False
    features = _list(theme, "features")
    if "navigation.prune" not in features:
        features.append("navigation.prune")
    plugins = _list(config, "plugins")
    _ensure_plugin(plugins, "search", {"lang": ["ja"] if lang == "ja" else ["en", "ja"]})
    _ensure_plugin(plugins, "offline", {})
    # Material's search plugin cuts the pages into sections without html.parser (isms.site.search_hook, issue #19).
    hooks = _list(config, "hooks")
    if str(SEARCH_HOOK) not in hooks:
        hooks.append(str(SEARCH_HOOK))
    # MkDocs builds every other page in a forked child, the same site (isms.site.engine_parallel, issue #19).
    if str(ENGINE_HOOK) not in hooks:
        hooks.append(str(ENGINE_HOOK))
    extensions = _list(config, "markdown_extensions")
    for name in ("attr_list", "admonition", "tables"):
        _ensure_extension(extensions, name)
    _ensure_extension(extensions, "toc", {"permalink": True})
    # The generated pages' HTML blocks pass through without Python-Markdown parsing them (issue #19).
    _ensure_extension(extensions, "isms.site.rawhtml")
    extra = _map(config, "extra")
    for key in ("analytics", "consent"):
        extra.pop(key, None)
    extra["polyfills"] = CommentedSeq([SHIM])
    _list(config, "extra_css").extend([CSS, PRINT_CSS])
    _list(config, "extra_javascript").append(JS)
    t = Labels(lang)
    stamp = inert(f"{t('as_of')} {info.as_of} · {t('commit')} {info.commit_short or t('no_commit')}")
    existing = config.get("copyright")
    config["copyright"] = f"{existing} · {stamp}" if existing else stamp
    config.pop("nav", None)
    buffer = io.StringIO()
    _yaml().dump(config, buffer)
    # The nav as JSON, which is YAML too: ruamel took a second per 1,000 pages to write it (issue #19).
    return f"{buffer.getvalue()}nav: {json.dumps(nav, ensure_ascii=False)}\n"


def compose_nav(config: CommentedMap, generated: Sequence[NavEntry], handwritten: Sequence[str]) -> CommentedSeq:
    """Return the nav: the dashboard, the hand-written pages, then the generated sections.

    The hand-written part is the repository's own ``nav`` when `mkdocs.yml` has one, else every
    hand-written page, titled by its first heading.
    """
    nav = nav_yaml(generated[:1])
    own = config.get("nav")
    if isinstance(own, list):
        nav.extend(own)
    else:
        nav.extend(handwritten)
    nav.extend(nav_yaml(generated[1:]))
    return nav
