"""The parse of a repository's YAML files remembered between runs: exactly the parse, and only when it may."""

from __future__ import annotations

import datetime as dt
import json
import marshal
import os
from pathlib import Path

import pytest

from helpers import fake_parser_sources, good_repo, write_repo
from isms.evaluation import evaluate
from isms.loader.assemble import load_repository
from isms.loader.parse_cache import FILE_PREFIX, ParseCache
from isms.loader.yaml import load_bytes
from isms.report.json import finding_json

DOCUMENTS = {
    "controls/a.yaml": b"status: implemented\nowner: ciso\nreview: {last: 2026-06-01}\n",
    "evidence/x/evidence.yaml": (
        b"defaults: {class: internal}\nevidence:\n  - path: a.csv\n    date: 2026-06-30\n"
        b"  - [flow, list]\n  -\n  - plain\nnotes: [1, 2.5, -0.0, true, null]\n"
    ),
    "numbers.yaml": (
        b"1: one\n2.5: two\n0x10: sixteen\nid: 017\nversion: 1.10\nbig: 123456789012345678901234567890\n"
        b"huge: 1e400\nnan: .nan\nlist: [1, [2, {3: 4.0}]]\n"
    ),
    "flow.yaml": b"{a: [1, {b: c}], d: 'e'}\n",
    "japanese.yaml": "title: {ja: 情報セキュリティ基本方針, en: Policy}\nlist:\n  - 行動指針\n".encode(),
}


@pytest.fixture(autouse=True)
def _not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)


def _cache(root: Path, folder: Path) -> ParseCache:
    return ParseCache.open(root, folder)


def _file(folder: Path) -> Path:
    (found,) = folder.glob(f"{FILE_PREFIX}-*.marshal")
    return found


def _stored(file: Path) -> tuple[str, dict[bytes, bytes]]:
    """Return the key and entries of a cache file this test wrote."""
    return marshal.loads(file.read_bytes())  # type: ignore[no-any-return]  # noqa: S302 - the test's own file


def _plant(file: Path, entry: bytes, target: Path | None = None) -> None:
    """Write ``file``'s key with ``entry`` in place of each of its entries, to ``target`` (default: ``file``)."""
    key, entries = _stored(file)
    (target or file).write_bytes(marshal.dumps((key, dict.fromkeys(entries, entry))))


def _typed(data: object) -> object:
    """``data`` with every value's type and written form beside it (1, 1.0 and True differ here, so do 017 and 17)."""
    if isinstance(data, dict):
        return [(_typed(key), _typed(value)) for key, value in data.items()]
    if isinstance(data, list):
        return [_typed(item) for item in data]
    return (type(data).__name__, getattr(data, "written", None), repr(data))


def _same(left: object, right: object) -> bool:
    """Equal, and of the same types all the way down."""
    return _typed(left) == _typed(right)


@pytest.mark.parametrize("path", sorted(DOCUMENTS))
def test_a_remembered_parse_is_the_parse(tmp_path: Path, path: str) -> None:
    raw = DOCUMENTS[path]
    fresh = load_bytes(raw, path)
    first = _cache(tmp_path, tmp_path / "cache")
    assert _same(first.load(raw, path).data, fresh.data)
    first.save()
    second = _cache(tmp_path, tmp_path / "cache")
    remembered = second.load(raw, path)
    assert second._used  # read back,
    assert not second._new  # not parsed
    assert (remembered.path, remembered.text, remembered.findings) == (fresh.path, fresh.text, ())
    assert remembered.outline == fresh.outline
    assert _same(remembered.data, fresh.data)  # nan too, where == would not say so


def test_the_cache_is_read_and_keyed_on_the_bytes(tmp_path: Path) -> None:
    raw = b"a: one\n"
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(raw, "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    key, entries = _stored(file)
    (digest,) = entries
    file.write_bytes(marshal.dumps((key, {digest: marshal.dumps(({"a": "from-the-cache"}, None, False))})))
    assert _cache(tmp_path, tmp_path / "cache").load(raw, "x.yaml").data == {"a": "from-the-cache"}
    assert _cache(tmp_path, tmp_path / "cache").load(b"a: two\n", "x.yaml").data == {"a": "two"}  # other bytes


@pytest.mark.parametrize("changed", range(3))
def test_a_changed_parser_source_is_a_new_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: int) -> None:
    sources = fake_parser_sources(tmp_path, monkeypatch)
    raw = b"a: one\n"
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(raw, "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    _plant(file, marshal.dumps(({"a": "cached"}, None, False)))
    assert _cache(tmp_path, tmp_path / "cache").load(raw, "x.yaml").data == {"a": "cached"}
    sources[changed].write_text("# changed\n", encoding="utf-8")
    assert _cache(tmp_path, tmp_path / "cache").load(raw, "x.yaml").data == {"a": "one"}


@pytest.mark.parametrize(
    "raw",
    [b"a: [unclosed\n", b"", b"# only a comment\n", b"a: &x 1\nb: *x\n", b"a: 1\na: 2\n", b"\xff\xfe bad"],
)
def test_a_file_with_findings_is_never_remembered(tmp_path: Path, raw: bytes) -> None:
    fresh = load_bytes(raw, "x.yaml")
    for _ in range(2):
        cache = _cache(tmp_path, tmp_path / "cache")
        loaded = cache.load(raw, "x.yaml")
        assert loaded.findings == fresh.findings
        assert loaded.data == fresh.data
        cache.save()
        assert not cache._used


def test_a_tuple_key_beside_a_written_number_is_not_remembered(tmp_path: Path) -> None:
    raw = b"? [0, 5, x]\n: tuple key\nn: 017\n"  # ruamel's own constructor makes the key a tuple
    for _ in range(2):
        cache = _cache(tmp_path, tmp_path / "cache")
        loaded = cache.load(raw, "x.yaml")
        assert loaded.data == {(0, 5, "x"): "tuple key", "n": 17}
        assert loaded.data["n"].written == "017"
        cache.save()
        assert not cache._used


def test_what_the_loader_changes_afterwards_is_not_remembered(tmp_path: Path) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: [1]\n", "x.yaml").data["a"].append(2)
    cache.save()
    assert _cache(tmp_path, tmp_path / "cache").load(b"a: [1]\n", "x.yaml").data == {"a": [1]}


def test_only_this_runs_entries_are_written_back(tmp_path: Path) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.load(b"b: 2\n", "y.yaml")
    cache.save()
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    _, entries = _stored(_file(tmp_path / "cache"))
    assert len(entries) == 1


def test_an_unchanged_cache_is_not_written_again(tmp_path: Path) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    os.utime(file, ns=(1, 1))
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    assert file.stat().st_mtime_ns == 1


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", marshal.dumps(["not", "a", "tuple"]), marshal.dumps(("other key", {})), b"\xe9" * 100],
)
def test_a_broken_cache_file_is_skipped_and_replaced(tmp_path: Path, content: bytes) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    file.write_bytes(content)
    cache = _cache(tmp_path, tmp_path / "cache")
    assert cache.load(b"a: 1\n", "x.yaml").data == {"a": 1}
    cache.save()
    assert _cache(tmp_path, tmp_path / "cache")._entries()


def test_a_broken_entry_is_parsed_again(tmp_path: Path) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    broken_entries = (
        b"junk",
        marshal.dumps("one value"),
        marshal.dumps(({"a": 2}, ("bad", "outline"), False)),
        marshal.dumps(({"a": (0, "x")}, None, True)),
    )
    for broken in broken_entries:
        _plant(file, broken)
        assert _cache(tmp_path, tmp_path / "cache").load(b"a: 1\n", "x.yaml").data == {"a": 1}


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    assert file.stat().st_mode & 0o077 == 0  # written for this user alone
    _plant(file, marshal.dumps(({"a": "planted"}, None, False)))
    assert _cache(tmp_path, tmp_path / "cache").load(b"a: 1\n", "x.yaml").data == {"a": "planted"}
    for mode in (0o666, 0o620, 0o602):
        file.chmod(mode)
        assert _cache(tmp_path, tmp_path / "cache").load(b"a: 1\n", "x.yaml").data == {"a": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes and links")
@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_cache_file_that_is_no_regular_file_is_not_read(tmp_path: Path, kind: str) -> None:
    cache = _cache(tmp_path, tmp_path / "cache")
    cache.load(b"a: 1\n", "x.yaml")
    cache.save()
    file = _file(tmp_path / "cache")
    planted = tmp_path / "planted"
    _plant(file, marshal.dumps(({"a": "planted"}, None, False)), planted)
    planted.chmod(0o600)
    file.unlink()
    if kind == "fifo":
        os.mkfifo(file, 0o600)  # opened for reading, it would wait for a writer forever
    else:
        file.symlink_to(planted)
    assert _cache(tmp_path, tmp_path / "cache").load(b"a: 1\n", "x.yaml").data == {"a": 1}


def test_with_ci_set_nothing_is_read_or_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    cache = _cache(tmp_path, tmp_path / "cache")
    assert cache.load(b"a: 1\n", "x.yaml").data == {"a": 1}
    cache.save()
    assert not (tmp_path / "cache").exists()


def _broken_repo(root: Path) -> Path:
    """The good repository with findings placed by line: a bad value in a register entry and a control."""
    good_repo(root)
    register = root / "evidence/hr/evidence.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text + "  - path: missing.csv\n    date: not-a-date\n    valid_for: 1y\n", encoding="utf-8")
    write_repo(root, {"controls/demo/1.2.yaml": "status: planned\nowner: nobody\ndue: 2027-03-31\nextra: 1\n"})
    return root


def test_a_check_from_remembered_parses_reports_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _broken_repo(tmp_path / "repo")
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    day = dt.date(2026, 11, 26)
    cold = [finding_json(f) for f in evaluate(root, day).findings]
    assert list((tmp_path / "cache").glob(f"{FILE_PREFIX}-*.marshal"))
    warm = [finding_json(f) for f in evaluate(root, day).findings]
    assert json.dumps(warm) == json.dumps(cold)
    assert any(f["line"] and f["path"] == "evidence/hr/evidence.yaml" for f in cold)  # placed by line
    monkeypatch.setenv("CI", "true")
    assert json.dumps([finding_json(f) for f in evaluate(root, day).findings]) == json.dumps(cold)


def test_strict_and_git_trees_leave_the_cache_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = good_repo(tmp_path / "repo")
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
    evaluate(root, dt.date(2026, 11, 26), strict=True)
    load_repository(root)
    assert not list(tmp_path.glob(f"cache/{FILE_PREFIX}-*"))
    load_repository(root, remember=True)
    assert list(tmp_path.glob(f"cache/{FILE_PREFIX}-*"))
