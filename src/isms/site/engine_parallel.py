"""MkDocs on two cores: a forked child builds every other page, this process the rest (issue #19).

``isms site build`` lists :data:`isms.site.parallel.ENGINE_HOOK` in the engine's config (MkDocs only; that
hook module re-exports the events below, whose state lives here). MkDocs 1.6's ``build()`` reads every page
(Markdown to HTML), then writes every page (the theme's template, the search plugin's sections), then checks
anchors and runs ``on_post_build``; a page's work reads the other pages only for their titles, URLs and front
matter, which every process has. So once the nav is built (``on_nav``) the process forks, and each page is
*owned* by one process (the odd ones but the last by the child): the other process gives it empty Markdown
(when its title does not come from its heading) and an empty template, so that MkDocs writes nothing for it
(``if output.strip()``). The child skips the static files and templates (the sitemap, 404), and after the last
page sends what the parent cannot see on disk through a pipe: the search entries of its pages, their anchors
and the links to anchors they hold, and its log records. In ``on_post_build``, before the search plugin writes
its index, the parent puts the entries into the index in page order, checks every page's anchor links in page
order (MkDocs' own check, moved here: in each process half the pages are empty) and prints both processes' log
records once, in the order one process prints them, through MkDocs' handlers (so ``strict`` counts the child's
warnings too). The site is the same, byte for byte. When the child fails (any exit but a full answer, or no
answer in the time :data:`isms.forking.CHILD_WAIT_MIN` and ``CHILD_WAIT_FACTOR`` allow: it is then
killed), the parent builds its pages itself, so nothing is lost and a page's error is raised here as it would be
alone; a stuck child never makes the build hang.

The split is made only where it is sound and pays: for ``mkdocs build`` (not ``serve`` or a dirty build), with
Material's own templates (no ``custom_dir``: an override might print another page's content), no plugin but
Material's ``search`` and ``offline`` and no hook but isms' own (any other might keep state across pages), and
where :func:`isms.site.parallel.can_fork` allows a fork (Linux, more than one CPU, no other thread, memory to
spare, more pages than its threshold).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import types
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import jinja2
import mkdocs
from material.plugins.offline.plugin import OfflinePlugin
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from isms import forking
from isms.site import parallel
from isms.site.search import HOOK as SEARCH_HOOK

log = logging.getLogger("mkdocs.plugins.isms.parallel")
_POPULATE, _BUILD = 0, 1
#: A log record's place in a one-process build: (stage, page index, 0 in the page or 1 after it, sequence).
Key = tuple[int, int, int, int]
#: What a page holds for MkDocs' anchor check: its anchors, and its links to anchors of other files.
Anchors = tuple[set[str] | None, dict[str, dict[str, str]] | None]


@dataclass
class _Split:
    """One build split in two: what this process owns, and what it has gathered of its pages."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    pages: list[Page]
    child: bool
    fd: int
    pid: int = 0
    started: float = 0.0  # the fork's time.monotonic(), for how long the parent waits for the child
    alone: bool = False  # the parent builds the child's pages itself
    stage: int = _POPULATE
    last: int = -1  # the page of this stage read or written last (records between pages come after it)
    seq: int = 0
    records: list[tuple[Key, logging.LogRecord]] = field(default_factory=list)
    entries: dict[int, list[Any]] = field(default_factory=dict)
    seen: int = 0
    links: dict[int, Any] = field(default_factory=dict)
    counted: Counter[str] = field(default_factory=Counter)  # the search hook's counts of the other's pages
    seen_counts: Counter[str] = field(default_factory=Counter)
    env: jinja2.Environment | None = None
    handlers: list[logging.Handler] = field(default_factory=list)
    propagate: bool = False

    def __post_init__(self) -> None:
        self.index = {page.file.src_uri: i for i, page in enumerate(self.pages)}

    def owner_is_child(self, i: int) -> bool:
        return i % 2 == 1 and i != len(self.pages) - 1

    def mine(self, page: Page) -> bool:
        """Return True when this process builds ``page`` (all pages, once the parent is alone)."""
        i = self.index.get(page.file.src_uri)
        return i is None or self.alone or self.owner_is_child(i) == self.child


_enabled = False
_split: _Split | None = None


class _Capture(logging.Handler):
    """Keeps MkDocs' log records, each with its place in a one-process build, to be printed once in order."""

    def __init__(self, split: _Split) -> None:
        super().__init__(logging.NOTSET)
        self.split = split

    def emit(self, record: logging.LogRecord) -> None:
        split = self.split
        page = split.config._current_page  # MkDocs' own note of the page being read or written
        if page is not None:
            if not split.mine(page):
                return  # the other process's page: what it says there is the owner's to say
            key: Key = (split.stage, split.index.get(page.file.src_uri, split.last), 0, split.seq)
        elif split.child:
            return  # between pages both processes say the same; the parent says it
        else:
            key = (split.stage, split.last, 1, split.seq)
        split.seq += 1
        split.records.append((key, record))


#: The MkDocs releases whose build() this module was written against (it calls ``_populate_page`` and
#: ``_build_page`` and reads ``config._current_page``): another release builds in one process.
KNOWN_MKDOCS = ("1.6.",)


def known_engine(version: str) -> bool:
    """Return True for a MkDocs version whose internals the split relies on (see :data:`KNOWN_MKDOCS`)."""
    return version.startswith(KNOWN_MKDOCS)


def _splittable(config: MkDocsConfig) -> bool:
    """Return True when no theme override, plugin or hook but Material's and isms' own takes part."""
    if not known_engine(mkdocs.__version__):
        return False
    theme = config.theme
    if theme.name != "material" or theme.custom_dir:
        return False
    ours = {str(SEARCH_HOOK), str(parallel.ENGINE_HOOK)}
    for plugin in config.plugins.values():
        if isinstance(plugin, types.ModuleType):
            if str(Path(plugin.__file__ or "").resolve()) not in ours:
                return False
        elif not isinstance(plugin, SearchPlugin | OfflinePlugin):
            return False
    return True


def _search_counts(config: MkDocsConfig) -> list[Counter[str]]:
    """Return the page counts of isms' search hook (:data:`isms.site.search_hook.parsed`), as MkDocs loaded it."""
    modules = (plugin for plugin in config.plugins.values() if isinstance(plugin, types.ModuleType))
    found = (getattr(module, "parsed", None) for module in modules)
    return [counts for counts in found if isinstance(counts, Counter)]


def _search_indexes(config: MkDocsConfig) -> list[Any]:
    found = (getattr(plugin, "search_index", None) for plugin in config.plugins.values())
    return [index for index in found if index is not None]


def on_startup(*, command: str, dirty: bool) -> None:
    """Split only ``mkdocs build`` (not ``serve``, whose rebuilds keep state, nor a dirty build)."""
    global _enabled, _split  # noqa: PLW0603 - one build a process: its state lives in this module
    _enabled = command == "build" and not dirty
    _split = None


@event_priority(-100)  # after every other plugin's nav
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Fork when the build is worth two processes and safe to split; start keeping MkDocs' log records."""
    global _split  # noqa: PLW0603
    pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_included)]
    if not (_enabled and _splittable(config) and all(pages) and parallel.can_fork(len(pages))):
        return nav
    if len(_search_indexes(config)) > 1:
        return nav
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    forked = forking.fork_child()
    if forked is None:
        gc.unfreeze()
        return nav
    known = [page for page in pages if page is not None]
    if forked.pid == 0:  # pragma: no cover - the child leaves through os._exit
        _split = _Split(config, files, nav, known, child=True, fd=forked.fd)
    else:
        gc.unfreeze()
        _split = _Split(config, files, nav, known, child=False, fd=forked.fd, pid=forked.pid, started=forked.started)
    mkdocs_log = logging.getLogger("mkdocs")
    _split.handlers, _split.propagate = list(mkdocs_log.handlers), mkdocs_log.propagate
    mkdocs_log.handlers, mkdocs_log.propagate = [_Capture(_split)], False
    return nav


def _title_is_set(page: Page) -> bool:
    """Return True when the page's title comes from the nav or its front matter, not from its heading."""
    return "title" in vars(page) or "title" in page.meta


@event_priority(100)  # first: other plugins then see the empty page
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the other process's page empty Markdown, unless its title comes from its heading."""
    if _split is None:
        return markdown
    _split.last = _split.index.get(page.file.src_uri, _split.last)
    return markdown if _split.mine(page) or not _title_is_set(page) else ""


@event_priority(-100)  # last: MkDocs then copies static files and writes the theme's templates
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Render the other process's pages with an empty template; in the child, skip static files and templates."""
    split = _split
    if split is None:
        return env
    split.stage, split.last = _BUILD, -1
    split.env = env
    split.seen = sum(len(index.entries) for index in _search_indexes(config))
    split.seen_counts = sum(_search_counts(config), Counter())
    template = env.get_template
    empty = env.from_string("")

    def get_template(name: str | jinja2.Template, *args: Any, **kwargs: Any) -> jinja2.Template:
        page = split.config._current_page
        return empty if page is not None and not split.mine(page) else template(name, *args, **kwargs)

    env.get_template = get_template  # type: ignore[method-assign]
    if split.child:
        files.copy_static_files = _copy_nothing  # type: ignore[method-assign]
        config.theme.static_templates.clear()
        config.extra_templates = []
    return env


def _copy_nothing(dirty: bool = False, *, inclusion: Callable[[InclusionLevel], bool] | None = None) -> None:
    """The child's ``Files.copy_static_files``: the parent copies them."""


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Keep the search entries of this process's page, by page; drop those of the other's."""
    split = _split
    if split is None:
        return context
    split.last = split.index.get(page.file.src_uri, split.last)
    mine = split.mine(page)
    for index in _search_indexes(config):
        added = index.entries[split.seen :]
        del index.entries[split.seen :]
        if mine:
            split.entries[split.index[page.file.src_uri]] = added
    for counts in _search_counts(config):
        if not mine:
            split.counted += counts - split.seen_counts
        split.seen_counts = Counter(counts)
    return context


@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """After the last page: set the anchor links aside (checked in ``on_post_build``); the child answers and ends."""
    split = _split
    if split is None or split.index.get(page.file.src_uri) != len(split.pages) - 1:
        return output
    for i, each in enumerate(split.pages):
        split.links[i] = each.links_to_anchors
        each.links_to_anchors = None  # MkDocs' own check would see half the pages empty
    if split.child:  # pragma: no cover - runs in the child
        _answer(split)
    return output


def _plain(record: logging.LogRecord) -> dict[str, Any]:
    """Return a log record as plain values (its message formatted), to be rebuilt by the parent."""
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    values = {**vars(record), "msg": record.getMessage(), "args": None, "exc_info": None}
    return {k: v for k, v in values.items() if v is None or isinstance(v, str | int | float | bool)}


def _anchors(page: Page, links: Any) -> Anchors:
    held = None if links is None else {file.src_uri: dict(found) for file, found in links.items()}
    return page.present_anchor_ids, held


def _answer(split: _Split) -> NoReturn:  # pragma: no cover - runs in the child
    """Send the child's entries, anchors and records to the parent, and leave without exit handlers."""
    code = 1
    try:
        mine = [i for i in range(len(split.pages)) if split.owner_is_child(i)]
        answer = {
            "entries": {i: split.entries.get(i, []) for i in mine},
            "anchors": {i: _anchors(split.pages[i], split.links[i]) for i in mine},
            "records": [(key, _plain(record)) for key, record in split.records],
            "counts": [dict(counts - split.counted) for counts in _search_counts(split.config)],
        }
        _send(split.fd, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        os._exit(code)


def _send(fd: int, data: bytes) -> None:  # pragma: no cover - runs in the child
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(data)


def _received(split: _Split) -> dict[str, Any] | None:
    """Return the child's answer, or None when it failed (any exit but 0 with a whole answer, or no answer in time)."""
    data, code = forking.child_answer(split.fd, split.pid, split.started)
    split.fd = split.pid = -1
    if code != 0:
        return None
    try:
        answer = pickle.loads(data)  # noqa: S301 - our own child's output through our own pipe
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    mine = {i for i in range(len(split.pages)) if split.owner_is_child(i)}
    if not isinstance(answer, dict) or set(answer.get("anchors", ())) != mine or set(answer["entries"]) != mine:
        return None
    return answer


def _build_alone(split: _Split) -> None:
    """Build the failed child's pages here, as one process would: read them all, then write them all."""
    split.alone = True
    config, files, env = split.config, split.files, split.env
    assert env is not None  # noqa: S101 - on_env ran before any page was written
    theirs = [(i, page) for i, page in enumerate(split.pages) if split.owner_is_child(i)]
    split.stage, split.last = _POPULATE, -1
    for i, page in theirs:
        _populate_page(page, config, files)
        split.links[i] = page.links_to_anchors
    split.stage, split.last = _BUILD, -1
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for _, page in theirs:
        _build_page(page, config, doc_files, split.nav, env)


def _print_records(split: _Split, theirs: list[tuple[Key, dict[str, Any]]]) -> None:
    """Give MkDocs' handlers back, and print both processes' records through them in one build's order."""
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers, mkdocs_log.propagate = split.handlers, split.propagate
    records = split.records + [(key, logging.makeLogRecord(values)) for key, values in theirs]
    split.records = []
    for _, record in sorted(records, key=lambda item: item[0]):
        mkdocs_log.callHandlers(record)


@event_priority(100)  # before the search plugin writes its index, and the offline plugin copies it
def on_post_build(*, config: MkDocsConfig) -> None:
    """Wait for the child; merge its search entries, anchors and log records; check every page's anchors."""
    global _split  # noqa: PLW0603
    split = _split
    if split is None or split.child:
        return
    answer = _received(split)
    theirs: list[tuple[Key, dict[str, Any]]] = []
    if answer is None:
        log.info(
            "isms: the second MkDocs process failed; its pages were built in this one "
            "(2 つ目の MkDocs プロセスが失敗したため、そのページをこのプロセスでビルドしました)"
        )
        _build_alone(split)
    else:
        theirs = answer["records"]
        log.info("isms: %d of %d pages built by a second MkDocs process", len(answer["entries"]), len(split.pages))
        split.entries.update(answer["entries"])
        for i, (present, links) in answer["anchors"].items():
            split.pages[i].present_anchor_ids = present
            split.links[i] = None if links is None else _files_of(split.files, links)
    for position, counts in enumerate(_search_counts(config)):
        counts.subtract(split.counted)
        counts.update(answer["counts"][position] if answer else {})
    for index in _search_indexes(config):
        index.entries[split.seen :] = [entry for i in range(len(split.pages)) for entry in split.entries.get(i, [])]
    _split = None
    _print_records(split, theirs)
    for i, page in enumerate(split.pages):
        page.links_to_anchors = split.links[i]
    for page in split.pages:
        page.validate_anchor_links(files=split.files, log_level=config.validation.links.anchors)


def _files_of(files: Files, links: dict[str, dict[str, str]]) -> dict[File, dict[str, str]]:
    found = {uri: files.get_file_from_path(uri) for uri in links}
    return {file: links[uri] for uri, file in found.items() if file is not None}


def on_build_error(*, error: Exception) -> None:
    """The child leaves at once; the parent ends the child and prints what was said so far."""
    global _split  # noqa: PLW0603
    split = _split
    if split is None:
        return
    if split.child:  # pragma: no cover - runs in the child
        os._exit(1)
    _split = None
    if split.pid > 0:
        os.kill(split.pid, signal.SIGKILL)
        os.waitpid(split.pid, 0)
        os.close(split.fd)
    _print_records(split, [])


def on_shutdown() -> None:
    """A child that got this far did not answer: leave without MkDocs' exit handlers."""
    if _split is not None and _split.child:  # pragma: no cover - runs in the child
        os._exit(1)
