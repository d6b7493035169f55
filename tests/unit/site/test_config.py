"""The engine config: derived from the repository's mkdocs.yml, offline, inert titles."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from isms.errors import IsmsError
from isms.model.base import Lang
from isms.site.config import compose_nav, engine_config, inert, read_config
from isms.site.pages.types import NavEntry, SiteInfo
from isms.site.parallel import ENGINE_HOOK
from isms.site.search import HOOK as SEARCH_HOOK
from unit.test_messages import missing_in_ja

INFO = SiteInfo(
    lang="ja",
    organisation="テスト<株式会社>",
    scope=None,
    as_of="2026-11-26",
    commit="0123456789abcdef",
    dirty=False,
    history_available=True,
    history_partial=False,
    errors=1,
    warnings=2,
    notes=0,
)

USER_CONFIG = """\
site_name: 私たちの ISMS
repo_url: https://github.com/example/isms
edit_uri: edit/main/docs/
theme:
  name: material
  custom_dir: overrides
  font:
    text: Noto Sans JP
plugins:
  - search
  - tags
markdown_extensions:
  - toc:
      permalink: "#"
extra:
  analytics: {provider: google, property: G-XXXX}
  secret: !ENV [SITE_SECRET, "none"]
hooks:
  - hooks/extra.py
extra_css: [custom.css]
copyright: "&copy; Example"
nav:
  - about.md
"""


def derived(
    tmp_path: Path, source: str | None, nav: list[NavEntry] | None = None, lang: Lang = "ja"
) -> dict[str, object]:
    if source is not None:
        (tmp_path / "mkdocs.yml").write_text(source, encoding="utf-8")
    config, base = read_config(tmp_path)
    staging = tmp_path / "staging"
    info = replace(INFO, lang=lang)
    generated = nav or [NavEntry("ダッシュボード", "index.md"), NavEntry('<b>SoA</b> & "x"', "soa.md")]
    text = engine_config(
        config,
        base,
        staging_docs=staging / "docs",
        out=tmp_path / "out",
        info=info,
        nav=compose_nav(config, generated, ["extra.md"]),
    )
    (tmp_path / "derived.yml").write_text(text, encoding="utf-8")
    assert "!ENV" in text or "!ENV" not in (source or "")
    loaded = YAML(typ="rt").load(text)
    assert isinstance(loaded, dict)
    return loaded


def test_user_config_is_made_offline_and_safe(tmp_path: Path) -> None:
    config = derived(tmp_path, USER_CONFIG)
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == str(tmp_path / "out")
    assert config["site_name"] == "私たちの ISMS"
    for key in ("repo_url", "edit_uri"):
        assert key not in config
    theme = config["theme"]
    assert isinstance(theme, dict)
    assert theme["font"] is False
    assert theme["language"] == "ja"
    assert theme["custom_dir"] == str((tmp_path / "overrides").resolve())
    assert "navigation.prune" in theme["features"]
    plugins = config["plugins"]
    assert isinstance(plugins, list)
    assert {"search": {"lang": ["ja"]}} in plugins
    assert "offline" in plugins
    assert "tags" in plugins
    extra = config["extra"]
    assert isinstance(extra, dict)
    assert "analytics" not in extra
    assert extra["polyfills"] == ["assets/isms/iframe-worker-shim.js"]
    assert config["extra_css"] == ["custom.css", "assets/isms/isms.css", "assets/isms/print.css"]
    assert config["extra_javascript"] == ["assets/isms/isms.js"]
    assert config["hooks"] == [str((tmp_path / "hooks/extra.py").resolve()), str(SEARCH_HOOK), str(ENGINE_HOOK)]
    assert config["copyright"] == "&copy; Example · 基準日 2026-11-26 · コミット 0123456789"
    assert config["nav"] == [{"ダッシュボード": "index.md"}, "about.md", {"＜b＞SoA＜/b＞ ＆ ＂x＂": "soa.md"}]
    assert "!ENV [SITE_SECRET" in (tmp_path / "derived.yml").read_text(encoding="utf-8")


def test_default_config_names_the_site_after_the_organisation(tmp_path: Path) -> None:
    config = derived(tmp_path, None, lang="en")
    assert config["site_name"] == "テスト＜株式会社＞ ISMS"
    assert config["nav"] == [{"ダッシュボード": "index.md"}, "extra.md", {"＜b＞SoA＜/b＞ ＆ ＂x＂": "soa.md"}]
    assert {"search": {"lang": ["en", "ja"]}} in config["plugins"]  # type: ignore[operator]
    assert config["theme"]["language"] == "en"  # type: ignore[index]


def test_nested_nav(tmp_path: Path) -> None:
    nav = [
        NavEntry("Home", "index.md"),
        NavEntry("Controls", children=(NavEntry("ISO", children=(NavEntry("5.1 <x>", "controls/iso/5.1.md"),)),)),
    ]
    config = derived(tmp_path, "theme: {name: material}\n", nav)
    assert config["nav"][2] == {"Controls": [{"ISO": [{"5.1 ＜x＞": "controls/iso/5.1.md"}]}]}  # type: ignore[index]


def test_inert() -> None:
    assert inert("a <b>\n& 'c' \"d\" `e`") == "a ＜b＞ ＆ ’c’ ＂d＂ ‘e‘"


@pytest.mark.parametrize("source", ["[1, 2]\n", "a: [\n"])
def test_bad_config_is_an_error(tmp_path: Path, source: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(source, encoding="utf-8")
    with pytest.raises(IsmsError, match=r"mkdocs\.yml"):
        read_config(tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "setting"),
    [
        ("site_url: javascript:alert(1)\n", 1, "site_url"),
        ("extra:\n  social:\n    - icon: x\n      link: 'javascript:alert(1)'\n", 4, "extra.social[0].link"),
        ("extra:\n  homepage: 'data:text/html,x'\n", 2, "extra.homepage"),
        ("nav:\n  - Home: index.md\n  - Out:\n      - Evil: 'JavaScript:alert(1)'\n", 4, "nav[1].Out[0].Evil"),
    ],
)
def test_mkdocs_links_are_scheme_checked(tmp_path: Path, text: str, line: int, setting: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(IsmsError, match=rf"mkdocs\.yml:{line}: `{re.escape(setting)}` must"):
        read_config(tmp_path)


def test_mkdocs_link_errors_say_the_same_in_japanese(tmp_path: Path) -> None:
    text = (
        "site_url: javascript:alert(1)\nextra:\n  homepage: //cdn.example.com\n"
        "nav:\n  - Home: index.md\n  - Mail: 'mailto:'\n"
    )
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(IsmsError) as caught:
        read_config(tmp_path)
    path = tmp_path / "mkdocs.yml"
    assert caught.value.text("en").splitlines() == [
        f"{path}:1: `site_url` must start with `https:`, `http:`, `mailto:`: a link to a `javascript:` URL is refused"
        " (got 'javascript:alert(1)')",
        f"{path}:3: `extra.homepage` must say its scheme (`https:`, `http:`, `mailto:`), not start with `//`"
        " (got '//cdn.example.com')",
        f"{path}:6: `nav[1].Mail` must name an address after `mailto:` (got 'mailto:')",
    ]
    assert caught.value.text("ja").splitlines() == [
        f"{path}:1: site_url: `https:`, `http:`, `mailto:` で始めてください"
        "（javascript: の URL へのリンクは受け付けません）（値: 'javascript:alert(1)'）",
        f"{path}:3: extra.homepage: スキーム（`https:`, `http:`, `mailto:`）を書いてください（// で始めない）"
        "（値: '//cdn.example.com'）",
        f"{path}:6: nav[1].Mail: mailto: の後にアドレスを書いてください（値: 'mailto:'）",
    ]
    english_lines, japanese_lines = caught.value.text("en").splitlines(), caught.value.text("ja").splitlines()
    for english, japanese in zip(english_lines, japanese_lines, strict=True):
        assert missing_in_ja(english, japanese) == []


def test_mkdocs_safe_links_pass(tmp_path: Path) -> None:
    text = "site_url: https://isms.example.com/\nextra:\n  social:\n    - {icon: x, link: 'mailto:a@example.com'}\n"
    (tmp_path / "mkdocs.yml").write_text(text + "nav:\n  - Home: index.md\n  - Ext: https://example.com\n")
    assert read_config(tmp_path)[0]["site_url"] == "https://isms.example.com/"
