"""`isms site build` and `isms site serve` on small repositories: real MkDocs builds, real git."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, sync_playwright

from acceptance.site_support import (
    CANARY,
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE,
    PUBLIC,
    TITLE_ATTACK,
    TODAY,
    files_with,
    free_port,
    hostile_repo,
    is_local,
    needs_chromium,
    output_bytes,
)
from helpers import RunIsms, commit_all, demo_files, write_repo
from isms.site.config import inert
from isms.site.engine import available
from isms.site.pages import control_lists
from isms.site.search import MARKER, SEGMENTER

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))


def build(run_isms: RunIsms, root: Path, out: Path, *extra: str) -> str:
    result = run_isms("site", "build", "--root", str(root), "--today", TODAY, "--out", str(out), *extra)
    assert result.code == 0, result.err
    return result.out


def test_builds_even_when_checks_fail(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    assert run_isms("check", "--root", str(root), "--today", TODAY).code == 1
    out = build(run_isms, root, tmp_path / "site")
    assert f"site built in {tmp_path / 'site'}" in out
    assert re.search(r"; check: 1 error, \d+ warnings?(, \d+ notes?)?$", out, re.MULTILINE), out
    assert (tmp_path / "site/index.html").is_file()
    findings = (tmp_path / "site/findings.html").read_text(encoding="utf-8")
    assert "evidence-missing" in findings


def test_confidential_content_never_reaches_the_output(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build(run_isms, root, out)
    assert files_with(out, CANARY) == []
    assert not list(out.rglob("minutes.txt*"))
    # the confidential item is still listed, as metadata and hash
    register = (out / "evidence.html").read_text(encoding="utf-8")
    assert "secret/minutes.txt" in register
    assert "議事録" in register
    # the public file is copied and linked
    assert (out / "files/evidence/pub/figures.csv").read_text(encoding="utf-8").count(PUBLIC) == 1
    control = (out / "controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert 'href="../../files/evidence/pub/figures.csv"' in control


def test_markup_from_yaml_is_shown_as_text(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build(run_isms, root, out)
    for path, data in output_bytes(out):
        if path.suffix == ".html":
            text = data.decode("utf-8")
            assert "<script>window.__pwned" not in text, path
            assert 'onerror="window.__pwned' not in text, path
            assert 'href="javascript:' not in text, path
            assert "<title></title>" not in text, path
    control = (out / "controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in control
    assert "*not emphasis*" in control
    for page in ("audits/IA-1.html", "nonconformities.html", "management-reviews.html", "objectives.html"):
        assert "&lt;script&gt;window.__pwned=" in (out / page).read_text(encoding="utf-8"), page


def test_a_page_outside_the_nav_has_an_inert_title(
    tmp_path: Path, run_isms: RunIsms, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A framework too big for the nav lists its controls on list pages; their <title> comes from the front matter."""
    monkeypatch.setattr(control_lists, "CONTROLS_IN_NAV_MAX", 0)
    root = hostile_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build(run_isms, root, out)
    control = (out / "controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" not in control  # the page is outside the nav
    assert 'href="../../controls/demo/DM-1.html"' in (out / "control-lists/demo/001.html").read_text(encoding="utf-8")
    title = re.findall(r"<title>(.*?)</title>", control, re.S)[0]
    site_name = inert("デモ" + TITLE_ATTACK + "株式会社 ISMS")
    assert title == f"{inert('DM-1 アクセス権の見直し ' + TITLE_ATTACK)} - {site_name}"
    for path, data in output_bytes(out):
        if path.suffix == ".html":
            text = data.decode("utf-8")
            assert "<script>window.__pwned" not in text, path
            assert "<title></title>" not in text, path


@needs_chromium
@pytest.mark.browser
def test_injected_script_does_not_run(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build(run_isms, root, out)
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            dialogs: list[str] = []

            def on_dialog(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            page.on("dialog", on_dialog)
            for html in sorted(out.rglob("*.html")):
                page.goto(html.as_uri())
                assert page.evaluate("typeof window.__pwned") == "undefined", html
            page.goto((out / "controls/demo/DM-1.html").as_uri())
            shown = page.inner_text("#implementation-text")
            assert "<script>window.__pwned=1</script>" in shown
            assert '<img src=x onerror="window.__pwned=2">' in shown
            assert TITLE_ATTACK in page.inner_text("h1")
            page.goto((out / "policies/security.html").as_uri())
            assert HOSTILE.split("[x]")[0] in page.inner_text("article")
            assert dialogs == []
        finally:
            browser.close()


def test_two_builds_are_identical(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    commit_all(root, "initial", "2026-10-01T09:00:00+09:00")
    build(run_isms, root, tmp_path / "one")
    build(run_isms, root, tmp_path / "two")
    one = {p.relative_to(tmp_path / "one"): data for p, data in output_bytes(tmp_path / "one")}
    two = {p.relative_to(tmp_path / "two"): data for p, data in output_bytes(tmp_path / "two")}
    assert sorted(one) == sorted(two)
    assert [str(p) for p in one if one[p] != two[p]] == []


def test_history_is_shown_and_a_shallow_clone_says_it_is_partial(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    commit_all(root, "Demo ISMS: first version", "2026-01-10T09:00:00+09:00")
    (root / "controls/demo/DM-1.yaml").write_text(
        str(demo_files()["controls/demo/DM-1.yaml"]) + "notes: 見直し手順を改訂\n", encoding="utf-8"
    )
    commit_all(root, "DM-1: 見直し手順を改訂", "2026-02-20T10:30:00+09:00")
    build(run_isms, root, tmp_path / "full")
    page = (tmp_path / "full/controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert page.index("DM-1: 見直し手順を改訂") < page.index("Demo ISMS: first version")
    assert '<time datetime="2026-02-20T10:30:00+09:00"' in page
    assert "isms-history-partial" not in page

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)], check=True, capture_output=True)
    build(run_isms, clone, tmp_path / "shallow")
    page = (tmp_path / "shallow/controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert "isms-history-partial" in page
    assert "shallow clone" in page or "浅いクローン" in page


def test_english_edition_falls_back_to_japanese(tmp_path: Path, run_isms: RunIsms) -> None:
    files = demo_files()
    files["controls/demo/DM-2.yaml"] = "status: planned\nowner: it\nimplementation: 日本語だけの説明\n"
    root = write_repo(tmp_path / "repo", files)
    build(run_isms, root, tmp_path / "en", "--lang", "en")
    index = (tmp_path / "en/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in index
    assert "Coverage per framework" in index
    assert "Demo Inc. ISMS" in index
    control = (tmp_path / "en/controls/demo/DM-2.html").read_text(encoding="utf-8")
    assert "Backups" in control
    assert "日本語だけの説明" in control
    assert "情報システム部" in control  # an owner without an English name


def test_engine_failure_exits_non_zero(tmp_path: Path, run_isms: RunIsms) -> None:
    root = write_repo(tmp_path / "repo", {**demo_files(), "mkdocs.yml": "theme: {name: no-such-theme}\n"})
    result = run_isms("site", "build", "--root", str(root), "--today", TODAY, "--out", str(tmp_path / "site"))
    assert result.code == 1
    assert "mkdocs build failed" in result.err


@pytest.mark.parametrize("out", [".", "controls"])
def test_out_may_not_overlap_the_sources(tmp_path: Path, run_isms: RunIsms, out: str) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    result = run_isms("site", "build", "--root", str(root), "--today", TODAY, "--out", str(root / out))
    assert result.code == 2
    assert "--out" in result.err
    assert (root / "isms.yaml").is_file()


@pytest.mark.skipif(not available("zensical"), reason="zensical is not installed (pip install zensical)")
def test_zensical_builds_the_same_pages(tmp_path: Path, run_isms: RunIsms) -> None:
    root = hostile_repo(tmp_path / "repo")
    out = tmp_path / "zensical"
    printed = build(run_isms, root, out, "--engine", "zensical")
    assert "zensical" in printed
    for page in ("index.html", "soa.html", "controls/demo/DM-1.html", "evidence.html", "findings.html"):
        assert (out / page).is_file(), page
    assert files_with(out, CANARY) == []
    control = (out / "controls/demo/DM-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in control


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a local server
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.3)
    pytest.fail(f"{url} did not show {needle!r} within {seconds} s")


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = write_repo(tmp_path / "repo", demo_files())
    address = f"127.0.0.1:{free_port()}"
    env = {**os.environ, "ISMS_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "isms", "site", "serve", "--root", str(root), "--today", TODAY, "--dev-addr", address],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield root, f"http://{address}/"
    finally:
        process.send_signal(signal.SIGTERM)  # SIGINT may be ignored by the harness running the suite
        try:
            # A build in progress finishes first; on a loaded machine that took more than 20 s.
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass  # cleanup only: what this fixture serves is tested, not how Ctrl-C ends it
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def test_serve_regenerates_on_change(serving: tuple[Path, str]) -> None:
    root, base = serving
    _wait_for(base + "controls/demo/DM-1.html", "四半期ごとに全アカウントを見直す")
    control = root / "controls/demo/DM-1.yaml"
    control.write_text(control.read_text(encoding="utf-8").replace("四半期ごとに", "毎月"), encoding="utf-8")
    _wait_for(base + "controls/demo/DM-1.html", "毎月全アカウントを見直す")


def test_serve_publishes_what_build_does(serving: tuple[Path, str], tmp_path: Path, run_isms: RunIsms) -> None:
    """The memoised Japanese segmenter (isms.site.search) was added to built sites only, never to served ones."""
    root, base = serving
    served = _wait_for(base + SEGMENTER.as_posix(), MARKER)
    out = tmp_path / "built"
    assert run_isms("site", "build", "--root", str(root), "--today", TODAY, "--out", str(out)).code == 0
    assert served == (out / SEGMENTER).read_text(encoding="utf-8")
    for rel in ("search/search_index.json", "assets/isms/isms.js", "assets/isms/print.css"):
        assert _get(base + rel) == (out / rel).read_text(encoding="utf-8"), rel


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _start_serve(tmp_path: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    root = write_repo(tmp_path / "repo", demo_files())
    address = f"127.0.0.1:{free_port()}"
    staging_parent = tmp_path / "tmp"
    staging_parent.mkdir()
    env = {**os.environ, "ISMS_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(staging_parent)}
    process = subprocess.Popen(
        [sys.executable, "-m", "isms", "site", "serve", "--root", str(root), "--today", TODAY, "--dev-addr", address],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_ignore_sigint,  # noqa: PLW1509 - as a harness that ignores SIGINT starts the suite
    )
    return process, f"http://{address}/", staging_parent


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the engine process")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_serve_ends_its_engine_and_staging_when_stopped(tmp_path: Path, stop: signal.Signals) -> None:
    process, base, staging_parent = _start_serve(tmp_path)
    try:
        _wait_for(base, "<html")
        engines = _children(process.pid)
        assert len(engines) == 1
        assert next(p.name for p in staging_parent.iterdir()).startswith("isms-serve-")
        process.send_signal(stop)  # to isms only, not to its group: isms must end the engine itself
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _alive(engines[0]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(engines[0])  # a killed parent: the engine is told to stop (Linux)
        assert _get(base) is None
        if stop is not signal.SIGKILL:
            assert process.returncode == 130
            assert list(staging_parent.iterdir()) == []
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_local_urls() -> None:
    assert is_local("file:///x/index.html", None)
    assert is_local("http://127.0.0.1:8000/a.js", "http://127.0.0.1:8000/")
    assert not is_local("https://unpkg.com/iframe-worker/shim", "http://127.0.0.1:8000/")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_build_removes_its_staging_folder(tmp_path: Path, stop: signal.Signals) -> None:
    """Stopped from outside while it runs, a build leaves no staging folder (it may be in memory, /dev/shm)."""
    root = write_repo(tmp_path / "repo", demo_files())
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "ISMS_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(scratch), "ISMS_LANG": "en"}
    command = [sys.executable, "-m", "isms", "site", "build", "--root", str(root), "--today", TODAY]
    process = subprocess.Popen([*command, "--out", str(tmp_path / "site")], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(scratch.glob("isms-site-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before its staging folder was seen"
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert list(scratch.iterdir()) == []
