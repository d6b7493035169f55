"""Reading the measures' data files: each file in one pass that feeds every measure reading it.

A measure's rows stream into its `Tally` (counters per period) and its `ColumnCheck`; the other
files it names (`population`, `not_in`, `in`) are read first, into sets of keys. A file is read
twice only when it is both another file of some measure and the data of a measure that has a
population or a join (its keys must be known before its data streams).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from isms.gather.data import Cells, DataError, Rows, Table
from isms.gather.facts import TableOrError
from isms.model.control import Measure, NotIn, Where
from isms.model.repository import Control, Repository
from isms.state.measure_columns import ColumnCheck, Probe, columns_named
from isms.state.measure_compute import key_adder
from isms.state.measure_tally import Add, Keys, Tally
from isms.state.periods import period_end, period_of

Feed = Callable[[Cells, int], None]
Consumer = Callable[[Rows], tuple[Feed | None, list[Probe]]]
_EMPTY = Table((), [])


@dataclass(frozen=True, slots=True)
class LaterRow:
    """A data row dated after the cutoff: not read (and, on the real current date, an error)."""

    file: str
    line: int | None
    index: int
    column: str
    day: dt.date


@dataclass
class Plan:
    """One measure being computed: its files, what it has counted, the rows it left out.

    Attributes:
        paths: Its data files (existing on the as-of day), sorted.
        others: The other files it names (`population`, `not_in`, `in`): by name, the matching files.
        members: The members of each population file (a period's roster is one of them), by path.
        dependent: True when its rows are filtered by keys of other files (read before its data).
        first: The earliest date its rows (and, with `date_column`, its files) record.
    """

    control: Control
    measure: Measure
    paths: list[str]
    others: dict[str, list[str]]
    tally: Tally
    columns: ColumnCheck
    members: dict[str, set[str]] = field(default_factory=dict)
    dependent: bool = False
    later: list[LaterRow] = field(default_factory=list)
    first: dt.date | None = None

    def files(self) -> list[str]:
        """Return the files it reads, in the order their errors are reported."""
        return [*self.paths, *(path for name in sorted(self.others) for path in self.others[name])]


class MeasureScan:
    """Computes every measure, reading each data file once (see the module docstring)."""

    def __init__(self, repo: Repository, data: Mapping[str, TableOrError], cutoff: dt.date | None) -> None:
        """Prepare to read the gathered data files; files dated after ``cutoff`` did not exist yet."""
        self.repo = repo
        self.data = data
        self.cutoff = cutoff
        self.start = repo.config.fiscal_year_start
        self.errors: dict[str, DataError] = {}
        self.plans: list[Plan] = []
        self._keys: dict[str, list[Consumer]] = {}

    def _exists(self, path: str) -> bool:
        item = self.repo.evidence.get(path)
        return item is not None and (self.cutoff is None or item.date <= self.cutoff)

    def matching(self, pattern: str) -> list[str]:
        """Return the evidence paths matching a path or glob that exist on the as-of day, sorted."""
        return sorted(p for p in self.repo.evidence if fnmatch.fnmatchcase(p, pattern) and self._exists(p))

    def roster(self, pattern: str, end: dt.date) -> str | None:
        """Return the population file for a period: the newest matching one dated by the period's end."""
        dated = [(self.repo.evidence[p].date, p) for p in self.matching(pattern)]
        before = [entry for entry in dated if entry[0] <= end]
        return max(before)[1] if before else None

    def _source(self, path: str) -> TableOrError:
        item = self.repo.evidence.get(path)
        if item is None or item.in_store or not self._exists(path):
            return _EMPTY
        return self.data.get(path, _EMPTY)

    def add(self, control: Control, measure: Measure) -> Plan:
        """Register what one measure reads (`run` reads it)."""
        paths = sorted({p for pattern in measure.data for p in self.matching(pattern)})
        names = {use.evidence for use in columns_named(measure) if use.evidence is not None}
        others = {name: self.matching(name) for name in sorted(names)}
        plan = Plan(control, measure, paths, others, Tally(measure), ColumnCheck(measure))
        spec = measure.compute.count or measure.compute.ratio
        if spec is not None:
            pattern = spec.population.evidence if spec.population is not None else None
            named = (("not_in", spec.not_in), ("in", spec.in_))
            joins = {name: self._join(plan, join, pattern) for name, join in named if join is not None}
            plan.tally = Tally(measure, joins.get("not_in"), joins.get("in"))
            plan.dependent = bool(joins) or spec.population is not None
            if spec.population is not None:
                population = spec.population
                for path in self.matching(population.evidence):
                    found: set[str] = set()
                    plan.members[path] = found
                    self._keys.setdefault(path, []).append(_collect(population.key, population.where, found))
        for name, matched in plan.others.items():
            for path in matched:
                self._keys.setdefault(path, []).append(self._probes(plan, path, name))
        if measure.date_column is not None and paths:
            plan.first = min(self.repo.evidence[p].date for p in paths)
        self.plans.append(plan)
        return plan

    def _join(self, plan: Plan, join: NotIn, pattern: str | None) -> Keys:
        """Register the reading of a join's keys: one set, or (from the population file) one per period."""
        key = join.key or join.column
        if join.evidence != pattern:
            keys: set[str] = set()
            item = self.repo.evidence.get(join.evidence)
            if item is not None and not item.in_store and self._exists(join.evidence):
                self._keys.setdefault(join.evidence, []).append(_collect(key, join.where, keys))
            return keys
        per_file: dict[str, set[str]] = {}
        for path in self.matching(join.evidence):
            found: set[str] = set()
            per_file[path] = found
            self._keys.setdefault(path, []).append(_collect(key, join.where, found))
        by_label: dict[str, set[str]] = {}
        period = plan.measure.period

        def keys_of(label: str) -> set[str]:
            if label not in by_label:
                roster = self.roster(join.evidence, period_end(label, period, self.start))
                by_label[label] = per_file.get(roster, set()) if roster is not None else set()
            return by_label[label]

        return keys_of

    def _probes(self, plan: Plan, path: str, name: str | None) -> Consumer:
        def consume(opened: Rows) -> tuple[Feed | None, list[Probe]]:
            return None, plan.columns.probes(path, opened.columns, opened.index, name)

        return consume

    def _rows(self, plan: Plan, path: str) -> Consumer:
        """Return how a data file of a measure streams into its tally (and its column check)."""
        measure, tally = plan.measure, plan.tally
        item = self.repo.evidence[path]
        column = measure.date_column

        def consume(opened: Rows) -> tuple[Feed | None, list[Probe]]:
            probes = plan.columns.probes(path, opened.columns, opened.index, None)
            add = tally.adder(opened.index)
            if column is None:
                label = period_of(item.date, measure.period, self.start)
                tally.period(label)
                return partial(add, label), probes
            at = opened.index.get(column)
            if at is None:
                return None, probes  # a missing column: the measure is not computed
            return self._dated(plan, opened, item.file, at, add), probes

        return consume

    def _dated(self, plan: Plan, opened: Rows, file: str, at: int, add: Add) -> Feed:
        """Return how a row is counted in the period of its date (a row dated after the cutoff is left out)."""
        measure, cutoff, start = plan.measure, self.cutoff, self.start
        column = measure.date_column or ""
        labels: dict[str, str | dt.date | None] = {}  # by the cell's first 10 characters: few distinct ones

        def resolve(key: str) -> str | dt.date | None:
            try:
                day = dt.date.fromisoformat(key)
            except ValueError:
                labels[key] = None
                return None
            if cutoff is not None and day > cutoff:
                labels[key] = day
                return day
            if plan.first is None or day < plan.first:
                plan.first = day
            labels[key] = label = period_of(day, measure.period, start)
            return label

        later = plan.later

        def feed(row: Cells, index: int) -> None:
            cell = row[at]
            key = cell[:10] if cell else ""
            label = labels[key] if key in labels else resolve(key)
            if isinstance(label, str):
                add(label, row, index)
            elif label is not None:
                later.append(LaterRow(file, opened.line(index), index, column, label))

        return feed

    def run(self) -> None:
        """Read the other files (keys, members), then the data files, each once."""
        first = dict(self._keys)
        second: dict[str, list[Consumer]] = {}
        for plan in self.plans:
            early = not plan.dependent and all(path in first for path in plan.paths)
            for path in plan.paths:
                (first if early else second).setdefault(path, []).append(self._rows(plan, path))
        for path in sorted(first):
            self._scan(path, first[path])
        for plan in self.plans:
            for members in plan.members.values():
                members.discard("")
        for path in sorted(second):
            self._scan(path, second[path])

    def _scan(self, path: str, consumers: list[Consumer]) -> None:
        """Read one file, every row through every consumer; an unreadable file is noted in `errors`."""
        if path in self.errors:
            return
        source = self._source(path)
        if isinstance(source, DataError):
            self.errors[path] = source
            return
        try:
            with source.open() as opened:
                feeds: list[Feed] = []
                probes: list[Probe] = []
                for consumer in consumers:
                    feed, more = consumer(opened)
                    if feed is not None:
                        feeds.append(feed)
                    probes += more
                _stream(opened, feeds, probes)
        except DataError as exc:
            self.errors[path] = exc


def _stream(opened: Rows, feeds: list[Feed], probes: list[Probe]) -> None:
    """Pass every row to every feed, and to the probes until each is done."""
    rows = enumerate(opened.rows)
    if probes:
        for index, row in rows:
            for feed in feeds:
                feed(row, index)
            probes = [probe for probe in probes if not probe(row)]
            if not probes:
                break  # the rest of the rows below, without probes
    if len(feeds) == 1:
        (only,) = feeds
        for index, row in rows:
            only(row, index)
    else:
        for index, row in rows:
            for feed in feeds:
                feed(row, index)


def _collect(key: str, where: Where, into: set[str]) -> Consumer:
    def consume(opened: Rows) -> tuple[Feed | None, list[Probe]]:
        return key_adder(key, where, opened.index, into), []

    return consume
