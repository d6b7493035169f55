"""The packaged catalogs' parse cache gives exactly the parse, and only when it may."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import fake_parser_sources
from isms.loader import parse_cache, yaml_dialect, yaml_findings
from isms.loader.catalog_cache import FILE_NAME, load_packaged
from isms.loader.discover import packaged_catalogs
from isms.loader.yaml import load_bytes


@pytest.fixture(autouse=True)
def _not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def test_a_cached_parse_is_the_parse(tmp_path: Path) -> None:
    catalogs = packaged_catalogs()
    fresh = [load_bytes(raw, name) for name, raw in catalogs]
    assert load_packaged(catalogs, tmp_path) == fresh  # parsed, then written
    assert (tmp_path / FILE_NAME).is_file()
    assert load_packaged(catalogs, tmp_path) == fresh  # read back


def test_the_cache_is_read(tmp_path: Path) -> None:
    catalogs = [("package:catalogs/x.yaml", b"framework: {id: x}\n")]
    load_packaged(catalogs, tmp_path)
    file = tmp_path / FILE_NAME
    stored = json.loads(file.read_text(encoding="utf-8"))
    stored["catalogs"]["package:catalogs/x.yaml"] = {"framework": {"id": "from-the-cache"}}
    file.write_text(json.dumps(stored), encoding="utf-8")
    (loaded,) = load_packaged(catalogs, tmp_path)
    assert loaded.data == {"framework": {"id": "from-the-cache"}}
    assert loaded.text == "framework: {id: x}\n"


def test_every_parser_module_is_part_of_the_key() -> None:
    assert yaml_dialect in parse_cache.PARSER
    assert yaml_findings in parse_cache.PARSER


@pytest.mark.parametrize("changed", range(3))
def test_a_changed_parser_source_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: int) -> None:
    sources = fake_parser_sources(tmp_path, monkeypatch)
    catalogs = [("package:catalogs/x.yaml", b"a: one\n")]
    load_packaged(catalogs, tmp_path)
    file = tmp_path / FILE_NAME
    stored = json.loads(file.read_text(encoding="utf-8"))
    stored["catalogs"]["package:catalogs/x.yaml"] = {"a": "from-the-cache"}
    file.write_text(json.dumps(stored), encoding="utf-8")
    assert load_packaged(catalogs, tmp_path)[0].data == {"a": "from-the-cache"}  # same parser: the cache is read
    sources[changed].write_text("# changed\n", encoding="utf-8")
    assert load_packaged(catalogs, tmp_path)[0].data == {"a": "one"}  # one module changed: parsed again


def test_a_changed_catalog_is_parsed_again(tmp_path: Path) -> None:
    load_packaged([("package:catalogs/x.yaml", b"a: one\n")], tmp_path)
    (loaded,) = load_packaged([("package:catalogs/x.yaml", b"a: two\n")], tmp_path)
    assert loaded.data == {"a": "two"}


def test_no_cache_under_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    (loaded,) = load_packaged([("package:catalogs/x.yaml", b"a: one\n")], tmp_path)
    assert loaded.data == {"a": "one"}
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("text", [b"version: 1.10\n", b"id: 017\n", b"1: one\n", b"a: [\n"])
def test_numbers_and_findings_are_never_cached(tmp_path: Path, text: bytes) -> None:
    (loaded,) = load_packaged([("package:catalogs/x.yaml", text)], tmp_path)
    assert loaded == load_bytes(text, "package:catalogs/x.yaml")
    assert not (tmp_path / FILE_NAME).exists()


def test_a_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    (loaded,) = load_packaged([("package:catalogs/x.yaml", b"a: one\n")], tmp_path)
    assert loaded.data == {"a": "one"}
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["catalogs"] == {
        "package:catalogs/x.yaml": {"a": "one"}
    }


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    (loaded,) = load_packaged([("package:catalogs/x.yaml", b"a: one\n")], blocker / "cache")
    assert loaded.data == {"a": "one"}


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        msg = "Could not determine home directory."
        raise RuntimeError(msg)

    monkeypatch.delenv("ISMS_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    (loaded,) = load_packaged([("package:catalogs/x.yaml", b"a: one\n")])
    assert loaded.data == {"a": "one"}
