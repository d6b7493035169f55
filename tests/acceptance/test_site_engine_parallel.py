"""MkDocs on two cores builds the same site as on one: every file, the search index, and what MkDocs says.

isms.site.engine_parallel (a hook in the engine's config) forks MkDocs after the nav and has the child
build every other page; the parent merges the child's search entries, anchors and log records. Each
staging folder is built by a real `mkdocs build` twice, with the fork threshold
(isms.site.parallel.FORK_ABOVE) set so high that the build stays in one process and set to 0 so that
it splits, and the two sites must be byte-identical, and MkDocs' output (warnings, anchor notices,
`strict`'s verdict) the same. The example is built in both editions (its hand-written pages take
their titles from their headings, so both processes read them); a repository from
benchmarks/gen_big.py (control list pages) gets two hand-written pages, read by different processes,
whose links point at anchors of each other, one of them missing, and each at no page (a warning
each, in page order). A child killed before it answers leaves its pages to the parent: the same site.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import mkdocs
import pytest

from acceptance.site_support import TODAY
from helpers import commit_all, copy_example, write_repo
from isms.evaluation import evaluate
from isms.model.base import Lang
from isms.site import engine as engines
from isms.site import engine_parallel
from isms.site.build import stage

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
GENERATOR = REPOSITORY / "benchmarks" / "gen_big.py"
SPLIT = "pages built by a second MkDocs process"
FALLBACK = "the second MkDocs process failed; its pages were built in this one"
#: `mkdocs build` with the fork threshold of argv[1]; "kill" has the child die before it answers, "hang"
#: never answer (the parent waiting for it no longer than it took itself), "raise" fail on its first page;
#: "mkdocs-1.7" has MkDocs say it is a release the split was not written against.
DRIVER = """
import os, signal, sys, time
import mkdocs.commands.build
from isms import forking
from isms.site import engine_parallel, parallel
parallel.FORK_ABOVE = int(sys.argv[1])
if sys.argv[2] == "kill":
    engine_parallel._send = lambda fd, data: os.kill(os.getpid(), signal.SIGKILL)
if sys.argv[2] == "mkdocs-1.7":
    import mkdocs
    mkdocs.__version__ = "1.7.0"
if sys.argv[2] == "hang":
    engine_parallel._send = lambda fd, data: time.sleep(3600)
    forking.CHILD_WAIT_MIN, forking.CHILD_WAIT_FACTOR = 0.0, 1.0
if sys.argv[2] == "raise":
    parent, build_page = os.getpid(), mkdocs.commands.build._build_page
    def _build_page(page, *args, **kwargs):
        if os.getpid() != parent and engine_parallel._split.mine(page):
            raise RuntimeError("a page failed in the child")
        return build_page(page, *args, **kwargs)
    mkdocs.commands.build._build_page = _build_page
from mkdocs.__main__ import cli
cli(sys.argv[3:], prog_name="mkdocs")
"""
PAGE_A = "# Page A\n\n[there](b.md#there) · [nowhere](b.md#nowhere) · [gone](gone.md) · [own](#page-a)\n"
PAGE_B = "# Page B\n\n## There\n\n[back](a.md#page-a) · [lost](lost.md)\n"


class Build:
    def __init__(self, files: dict[str, bytes], code: int, said: str) -> None:
        self.files, self.code, self.said = files, code, said

    def lines(self) -> list[str]:
        """What MkDocs said but its debug lines and timing (the order of its static templates is a set's)."""
        kept = [line for line in self.said.splitlines() if not line.startswith("DEBUG") and SPLIT not in line]
        return [re.sub(r"built in [0-9.]+ seconds", "built", line) for line in kept]


def built(
    config: Path, out: Path, *, threshold: int, mode: str = "", strict: bool = False, verbose: bool = True
) -> Build:
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^site_dir: .*$", "site_dir: site-out", text, flags=re.MULTILINE)
    if strict:
        text += "strict: true\n"
    path = config.with_name(f"mkdocs.{out.name}.yml")
    path.write_text(text, encoding="utf-8")
    site = config.parent / "site-out"
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            DRIVER,
            str(threshold),
            mode or "-",
            "build",
            "-f",
            str(path),
            *(["--verbose"] if verbose else []),
        ],
        cwd=config.parent,
        env=engines.engine_env(dt.date.fromisoformat(TODAY)),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,  # a parent waiting for ever on its child fails here
    )
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    site.rename(out)
    return Build(files, run.returncode, run.stderr + run.stdout)


def serial(config: Path, out: Path, *, strict: bool = False, verbose: bool = True) -> Build:
    """Build in one process (a fork threshold no site reaches)."""
    return built(config, out, threshold=10**9, strict=strict, verbose=verbose)


def split(config: Path, out: Path, mode: str = "", *, strict: bool = False, verbose: bool = True) -> Build:
    """Build in two processes (any number of pages is above the threshold)."""
    return built(config, out, threshold=0, mode=mode, strict=strict, verbose=verbose)


def assert_same(one: Build, two: Build) -> None:
    assert one.code == two.code == 0, (one.said[-2000:], two.said[-2000:])
    index = "search/search_index.json"
    assert one.files[index] == two.files[index]
    assert sorted(one.files) == sorted(two.files)
    assert [name for name in one.files if one.files[name] != two.files[name]] == []
    assert len(re.findall(rb'"location":', one.files[index])) > 30


def staged(root: Path, tmp_path: Path, lang: Lang) -> Path:
    commit_all(root, "ISMS", "2026-01-05T09:00:00+09:00")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISMS_CACHE_DIR", str(tmp_path / "cache"))
        evaluation = evaluate(root, dt.date.fromisoformat(TODAY))
    return stage(evaluation, lang, tmp_path / "staging", tmp_path / "site").config_file


def documentation_pages(config: Path) -> list[str]:
    """Return the pages of a staged config in MkDocs' order (the child reads the odd ones)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files

    files = get_files(load_config(str(config)))
    return [file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]


def generated(root: Path, controls: int) -> Path:
    spec = importlib.util.spec_from_file_location("gen_big", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_big", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.generate(root, controls)
    write_repo(root, {"docs/a.md": PAGE_A, "docs/b.md": PAGE_B})
    return root


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_example_is_the_same_built_in_two_processes(tmp_path: Path, lang: Lang) -> None:
    config = staged(copy_example(REPOSITORY, tmp_path / "repo"), tmp_path, lang)
    one, two = serial(config, tmp_path / "one"), split(config, tmp_path / "two")
    assert SPLIT not in one.said
    assert re.search(rf"isms: 1\d\d of 2\d\d {SPLIT}", two.said), two.said[-2000:]
    assert_same(one, two)
    assert one.lines() == two.lines()
    # isms' search hook counts the pages it parsed: the same count, the child's pages included.
    counts = re.compile(r"search sections: .*")
    assert counts.findall(one.said) == counts.findall(two.said) != []


def test_a_generated_repository_is_the_same_and_its_link_warnings_too(tmp_path: Path) -> None:
    config = staged(generated(tmp_path / "repo", 250), tmp_path, "ja")
    # Not verbose: MkDocs keeps the links to anchors only when it does not print its debug lines.
    one, two = serial(config, tmp_path / "one", verbose=False), split(config, tmp_path / "two", verbose=False)
    assert SPLIT in two.said
    assert_same(one, two)
    assert one.lines() == two.lines()
    said = "\n".join(two.lines())
    assert "'b.md#nowhere', but the doc 'b.md' does not contain an anchor '#nowhere'" in said
    assert "b.md#there" not in said
    assert "a.md#page-a" not in said
    # Printed once each, by the process that read the page, in the order of one process.
    assert said.count("contains a link 'gone.md'") == said.count("contains a link 'lost.md'") == 1
    assert said.index("'gone.md'") < said.index("'lost.md'")
    order = documentation_pages(config)
    assert order.index("a.md") % 2 != order.index("b.md") % 2  # read by different processes
    assert any(name.startswith("control-lists/") for name in two.files)

    strict_one = serial(config, tmp_path / "strict-one", strict=True, verbose=False)
    strict_two = split(config, tmp_path / "strict-two", strict=True, verbose=False)
    assert strict_one.code == strict_two.code == 1
    assert strict_one.lines() == strict_two.lines()
    assert "Aborted with 2 warnings in strict mode!" in strict_two.said


def test_a_killed_child_leaves_its_pages_to_the_parent(tmp_path: Path) -> None:
    config = staged(copy_example(REPOSITORY, tmp_path / "repo"), tmp_path, "ja")
    one, two = serial(config, tmp_path / "one"), split(config, tmp_path / "two", mode="kill")
    assert FALLBACK in two.said
    assert SPLIT not in two.said
    assert_same(one, two)
    assert [line for line in two.lines() if FALLBACK not in line] == one.lines()


@pytest.mark.parametrize("mode", ["hang", "raise"])
def test_a_child_that_hangs_or_fails_leaves_its_pages_to_the_parent(tmp_path: Path, mode: str) -> None:
    config = staged(copy_example(REPOSITORY, tmp_path / "repo"), tmp_path, "ja")
    one, two = serial(config, tmp_path / "one"), split(config, tmp_path / "two", mode=mode)
    assert FALLBACK in two.said
    assert_same(one, two)
    assert [line for line in two.lines() if FALLBACK not in line] == one.lines()


def test_a_hook_of_the_repository_keeps_mkdocs_on_one_process(tmp_path: Path) -> None:
    root = copy_example(REPOSITORY, tmp_path / "repo")
    (root / "hooks").mkdir()
    (root / "hooks" / "own.py").write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks/own.py\n")
    config_file = staged(root, tmp_path, "ja")
    build = split(config_file, tmp_path / "two")
    assert build.code == 0, build.said[-2000:]
    assert SPLIT not in build.said
    assert FALLBACK not in build.said


def test_a_mkdocs_release_the_split_was_not_written_for_keeps_one_process(tmp_path: Path) -> None:
    config = staged(copy_example(REPOSITORY, tmp_path / "repo"), tmp_path, "ja")
    one, other = serial(config, tmp_path / "one"), split(config, tmp_path / "two", mode="mkdocs-1.7")
    assert other.code == 0, other.said[-2000:]
    assert SPLIT not in other.said
    # Every page names its generator: the release the driver pretends to be.
    real = f"mkdocs-{mkdocs.__version__}".encode()
    other.files = {name: data.replace(b"mkdocs-1.7.0", real) for name, data in other.files.items()}
    assert_same(one, other)


@pytest.mark.parametrize(("version", "known"), [("1.6.1", True), ("1.6.0", True), ("1.7.0", False), ("1.16.0", False)])
def test_the_split_knows_only_the_mkdocs_releases_it_was_written_against(version: str, known: bool) -> None:
    assert engine_parallel.known_engine(version) is known
