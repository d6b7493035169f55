"""Staging and building: a staging folder outside the source tree, then the engine.

Generated pages, hand-written pages, assets and public evidence go into the staging folder, with a
config derived from the repository's `mkdocs.yml`; the engine builds the output folder from there.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pathspec

from isms.errors import IsmsError, UsageError
from isms.evaluation import Evaluation
from isms.export.csv_export import soa_csv
from isms.export.xlsx import soa_workbook
from isms.loader.discover import CONFIG_FILE, ISMS_FOLDERS
from isms.model.base import Lang
from isms.site import engine as engines
from isms.site import search
from isms.site.calendar import CALENDAR, calendar_feed
from isms.site.config import ASSETS_DIR, PRINT_CSS, compose_nav, docs_dir, engine_config, read_config
from isms.site.pages import build_site
from isms.site.pages.common import DASHBOARD, SOA_ADDITIONAL_CSV, SOA_CSV, SOA_HISTORY_CSV, SOA_XLSX
from isms.site.pages.soa import publishes_soa
from isms.site.pages.types import ControlListPage, NavEntry, PageModel, Site, SiteInfo
from isms.site.parallel import Job, make_in_two
from isms.site.render import Renderer, print_stylesheet, with_title
from isms.site.scratch import staging_parent
from isms.site.signals import stop_on_signals

_ASSETS = ("isms.css", "isms.js", "iframe-worker-shim.js", "iframe-worker-LICENSE.txt")
_SOURCE_DIRS = ISMS_FOLDERS


@dataclass(frozen=True, slots=True)
class Extra:
    """Pages another part adds to a site (the group pages): files by their path in the site, and their nav."""

    files: Mapping[str, bytes] = field(default_factory=dict)
    nav: Sequence[NavEntry] = ()


@dataclass(frozen=True, slots=True)
class Staged:
    """A staging folder ready for the engine."""

    config_file: Path
    info: SiteInfo
    pages: int
    files: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Built:
    """A finished build."""

    out: Path
    info: SiteInfo
    pages: int
    files: int
    generate_seconds: float
    engine_seconds: float


def handwritten(folder: Path, lang: Lang, exclude: str = "") -> dict[str, Path]:
    """Return the hand-written files of an edition by their path in the site.

    ``page.en.md`` replaces ``page.md`` in the English edition; the Japanese edition leaves it out.
    Files and folders starting with ``.`` are skipped, and so are those matching ``exclude``
    (gitignore patterns, MkDocs' ``exclude_docs``): they never reach the staging folder.
    """
    excluded = pathspec.GitIgnoreSpec.from_lines(exclude.splitlines())
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    variants: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")) or excluded.match_file(rel):
            continue
        if rel.endswith(".en.md"):
            variants[rel[: -len(".en.md")] + ".md"] = path
        else:
            found[rel] = path
    if lang == "en":
        found.update(variants)
    return dict(sorted(found.items()))


def nav_titles(entries: Sequence[NavEntry]) -> dict[str, str]:
    """Return the title each page has in the nav, by path (its front matter carries the same one)."""
    found: dict[str, str] = {}
    for entry in entries:
        if entry.path is not None:
            found.setdefault(entry.path, entry.title)
        found.update((path, title) for path, title in nav_titles(entry.children).items() if path not in found)
    return found


def sync_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files``, writing only what changed (so a serving engine rebuilds less)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    made: set[Path] = set()  # folders known to exist: one mkdir per folder, not per file (10,000 files, issue #19)
    for rel, content in files.items():
        target = folder / rel
        if target.is_file() and target.read_bytes() == content:
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)


def download_jobs(evaluation: Evaluation, lang: Lang) -> dict[str, Job]:
    """Return the downloads made from the data (the SoA workbook and CSVs when the SoA is published, the calendar).

    The long ones first: a side that takes one takes fewer of the rest (`isms.site.parallel`).
    """
    downloads: dict[str, Job] = {}
    soa = publishes_soa(evaluation.repository)
    if soa:
        downloads[SOA_XLSX] = lambda: soa_workbook(evaluation, lang)
    downloads[CALENDAR] = lambda: calendar_feed(evaluation, lang)
    if soa:
        downloads[SOA_CSV] = lambda: soa_csv(evaluation, lang).encode("utf-8")
        downloads[SOA_HISTORY_CSV] = lambda: soa_csv(evaluation, lang, "history").encode("utf-8")
        if evaluation.repository.config.soa.additional:
            downloads[SOA_ADDITIONAL_CSV] = lambda: soa_csv(evaluation, lang, "additional").encode("utf-8")
    return downloads


def generated_files(evaluation: Evaluation, lang: Lang) -> tuple[Site, dict[str, bytes]]:
    """Return the page models and every generated page's Markdown, then the downloads made from the data, by path.

    A page's <title> (made inert) is in its front matter: its title in the nav (as it was before front matter
    titles), its own for a page outside the nav and for a list of controls (a nav title such as a group's
    name alone would be ambiguous); the homepage has none, its <title> being the site's name (made inert),
    as the theme prints it. The files are shared with a forked child on a second core (`isms.site.parallel`):
    it makes the downloads while the page models are built here, the same bytes.
    """
    downloads = download_jobs(evaluation, lang)
    built: list[Site] = []

    def pages() -> list[tuple[str, Job]]:
        site = build_site(evaluation, lang)
        built.append(site)
        renderer = Renderer(site.info)
        renderer.load(site.pages)
        titles = nav_titles(site.nav)

        def markdown(page: PageModel) -> bytes:
            text = renderer.render(page)
            if page.path == DASHBOARD:
                return text.encode()
            title = page.title if isinstance(page, ControlListPage) else titles.get(page.path, page.title)
            return with_title(text, title).encode()

        return [(page.path, functools.partial(markdown, page)) for page in site.pages]

    repo = evaluation.repository
    count = len(downloads) + len(repo.controls) + len(repo.policies) + len(repo.risks) + len(repo.audits)
    made_downloads, made_pages = make_in_two(list(downloads.values()), pages, count)
    site = built[-1]
    files = dict(zip((page.path for page in site.pages), made_pages, strict=True))
    files.update(zip(downloads, made_downloads, strict=True))
    return site, files


def stage(
    evaluation: Evaluation,
    lang: Lang,
    staging: Path,
    out: Path,
    extra: Extra | None = None,
    engine: engines.Engine = "mkdocs",
) -> Staged:
    """Write an edition's docs folder and engine config into ``staging``; ``extra`` pages follow the dashboard.

    What ``engine`` builds from it is the site, whether it builds (`isms site build`) or serves (`isms
    site serve`): nothing is changed in the output afterwards.

    Raises:
        IsmsError: when a hand-written page would replace a generated one.
    """
    started = time.perf_counter()
    repo = evaluation.repository
    # The evaluation outlives the generation: the collector need not scan it again and again while the page
    # models and pages are made (a tenth of the generation's time at 1,000 controls, issue #19).
    frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        site, files = generated_files(evaluation, lang)
    finally:
        if not frozen:
            gc.unfreeze()
    assets = resources.files("isms.site").joinpath("assets")
    for name in _ASSETS:
        files[f"{ASSETS_DIR}/{name}"] = assets.joinpath(name).read_bytes()
    files[PRINT_CSS] = print_stylesheet(site.info).encode("utf-8")
    for source, target in site.files:
        files[target] = (repo.root / source).read_bytes()
    extra = extra or Extra()
    for rel, content in extra.files.items():
        if rel in files:
            msg = f"an added page has the path of a generated one ({rel})"
            ja = f"追加したページが生成されるページと同じパスです（{rel}）"
            raise IsmsError(msg, ja=ja)
        files[rel] = content
    config, base = read_config(repo.root)
    own = handwritten(docs_dir(config, base), lang, str(config.get("exclude_docs") or ""))
    for rel, path in own.items():
        if rel in files:
            msg = f"{path}: a generated page or file has the same path ({rel}); rename the hand-written one"
            ja = f"{path}: 生成されるページまたはファイルと同じパスです（{rel}）。手書きのページの名前を変えてください"
            raise IsmsError(msg, ja=ja)
        files[rel] = path.read_bytes()
    segmenter = search.memoised_segmenter(search.theme_dirs(config, base)) if engine == "mkdocs" else None
    if segmenter is not None and search.SEGMENTER.as_posix() not in files:
        files[search.SEGMENTER.as_posix()] = segmenter  # Japanese search within a second (isms.site.search)
    docs = staging / "docs"
    sync_tree(docs, files)
    generated = (*site.nav[:1], *extra.nav, *site.nav[1:])
    nav = compose_nav(config, generated, [rel for rel in own if rel.endswith(".md")])
    text = engine_config(config, base, staging_docs=docs, out=out, info=site.info, nav=nav)
    config_file = staging / "mkdocs.yml"
    if not config_file.is_file() or config_file.read_text(encoding="utf-8") != text:
        config_file.write_text(text, encoding="utf-8")
    return Staged(config_file, site.info, len(site.pages), len(site.files), time.perf_counter() - started)


def check_out(root: Path, out: Path) -> Path:
    """Return the output folder, absolute; refuse one whose cleaning would delete sources.

    Raises:
        UsageError: when ``out`` is the repository, holds it, or lies inside its source folders.
    """
    root, out = root.resolve(), out.resolve()
    sources = [root / name for name in _SOURCE_DIRS]
    config, base = read_config(root)
    sources.append(docs_dir(config, base))
    if out == root or root.is_relative_to(out) or any(out.is_relative_to(s) for s in sources):
        msg = f"--out {out}: the output folder is emptied before each build; choose a folder outside the sources"
        ja = f"--out {out}: 出力フォルダはビルドのたびに空にされます。ソースの外のフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    if (out / CONFIG_FILE).exists():
        msg = f"--out {out}: it holds an {CONFIG_FILE}; choose an empty or build-only folder"
        ja = f"--out {out}: {CONFIG_FILE} があります。空のフォルダかビルド専用のフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    return out


def writable(out: Path) -> None:
    """Make sure the output folder can be written before anything is built (or emptied).

    Raises:
        UsageError: when ``out`` is a file.
        IsmsError: when it cannot be created or written (a read-only folder, a full disk).
    """
    if out.exists() and not out.is_dir():
        msg = f"--out {out}: is a file; give a folder for the site"
        ja = f"--out {out}: ファイルです。サイトを書き出すフォルダを指定してください"
        raise UsageError(msg, ja=ja)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".isms-probe-", dir=out)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        msg = f"cannot write the site to {out}: {exc.strerror or exc}; choose a writable folder"
        ja = f"サイトを {out} に書き出せません: {exc.strerror or exc}。書き込めるフォルダを指定してください"
        raise IsmsError(msg, ja=ja) from None


def clean(out: Path) -> None:
    """Empty the output folder, keeping dot-files (e.g. a `.git` of a publishing branch), as MkDocs does."""
    if not out.is_dir():
        return
    for path in out.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def build(
    evaluation: Evaluation, *, lang: Lang, out: Path, engine: engines.Engine = "mkdocs", extra: Extra | None = None
) -> Built:
    """Build the site of an evaluated repository into ``out``.

    Args:
        evaluation: The repository evaluated on a day.
        lang: The edition's language.
        out: The output folder (emptied first).
        engine: ``mkdocs`` or ``zensical``.
        extra: Pages added after the dashboard (the group pages of `isms group build|merge`).

    Raises:
        UsageError: when ``out`` would overlap the sources.
        EngineError: when the engine is missing or fails.
    """
    engines.require(engine)
    out = check_out(evaluation.repository.root, out)
    writable(out)
    # A stopped build removes its staging folder (in memory when `isms.site.scratch` put it there).
    with stop_on_signals(), tempfile.TemporaryDirectory(prefix="isms-site-", dir=staging_parent(evaluation)) as tmp:
        staging = Path(tmp)
        # Zensical writes only inside its project folder: build there, then copy.
        site_dir = out if engine == "mkdocs" else staging / "site"
        staged = stage(evaluation, lang, staging, site_dir, extra, engine)
        clean(out)
        run = engines.build(engine, staged.config_file, evaluation.assessment.today)
        if site_dir != out:
            shutil.copytree(site_dir, out, dirs_exist_ok=True)
    return Built(out, staged.info, staged.pages, staged.files, staged.seconds, run.seconds)
