r"""Reproducible samples for auditors: the same seed and population give the same records (pure, no I/O).

Each record of the population is ranked by the SHA-256 of ``seed``, a newline and the record's
key; the sample is the ``size`` records with the lowest ranks, in rank order. So the pick does
not depend on the order records are listed in, nor on the Python version, a record keeps its rank
when others are added, and anyone can recompute a rank by hand
(``printf '%s\\n%s' SEED KEY | sha256sum``).
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from isms.contracts import SampleDocument
from isms.errors import UsageError
from isms.evaluation import Evaluation
from isms.model.base import Lang
from isms.state.evidence import EvidenceState

#: The populations `--from` names; anything else is a register file (CSV or JSON) in the repository.
POPULATIONS = ("evidence", "controls", "nonconformities", "risks")
METHOD = "sha256(seed + '\\n' + key), lowest first"


@dataclass(frozen=True, slots=True)
class Record:
    """One member of a population: its key (unique in it) and its fields, as shown."""

    key: str
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Condition:
    """A `--where FIELD=PATTERN` filter: the field's value matches the pattern (``*`` and ``?`` globs)."""

    field: str
    pattern: str

    @classmethod
    def parse(cls, text: str) -> Condition:
        """Parse ``FIELD=PATTERN``.

        Raises:
            UsageError: when there is no ``=`` or no field name.
        """
        name, sep, pattern = text.partition("=")
        if not sep or not name.strip():
            msg = f"--where {text!r}: write FIELD=VALUE, e.g. --where state=current or --where path='hr/*'"
            ja = f"--where {text!r}: FIELD=VALUE の形で書いてください。例: --where state=current、--where path='hr/*'"
            raise UsageError(msg, ja=ja)
        return cls(name.strip(), pattern)

    def holds(self, record: Record) -> bool:
        """Return True when the record's field matches (case-sensitive)."""
        value = record.fields.get(self.field)
        return value is not None and fnmatch.fnmatchcase(value, self.pattern)


@dataclass(frozen=True, slots=True)
class Population:
    """What a sample is drawn from: its name, its fields (columns) and its records."""

    source: str
    columns: tuple[str, ...]
    records: tuple[Record, ...]


@dataclass(frozen=True, slots=True)
class Picked:
    """A record in the sample, with its rank (the hex SHA-256 that put it there)."""

    number: int
    rank: str
    record: Record


@dataclass(frozen=True, slots=True)
class Sample:
    """A drawn sample, with everything needed to draw it again."""

    source: str
    as_of: str
    commit: str | None
    seed: str
    size: int
    total: int
    """The records in the population before `--where`."""
    population: int
    """The records left after `--where`: what the sample is drawn from."""
    where: tuple[Condition, ...]
    columns: tuple[str, ...]
    picked: tuple[Picked, ...]


def rank(seed: str, key: str) -> str:
    """Return a record's rank: the hex SHA-256 of the seed, a newline and its key."""
    return hashlib.sha256(f"{seed}\n{key}".encode()).hexdigest()


def draw(
    population: Population, *, seed: str, size: int, where: Sequence[Condition], as_of: str, commit: str | None
) -> Sample:
    """Draw ``size`` records (all when fewer) of those matching every condition.

    Raises:
        UsageError: when a condition names a field the population does not have, or size < 1.
    """
    if size < 1:
        msg = f"--size {size}: give a number of records of 1 or more"
        ja = f"--size {size}: 1 以上の件数を指定してください"
        raise UsageError(msg, ja=ja)
    for condition in where:
        if condition.field not in population.columns:
            msg = (
                f"--where {condition.field}=…: {population.source} has no field `{condition.field}`; "
                f"its fields: {', '.join(population.columns)}"
            )
            ja = (
                f"--where {condition.field}=…: {population.source} にフィールド `{condition.field}` はありません。"
                f"フィールド: {', '.join(population.columns)}"
            )
            raise UsageError(msg, ja=ja)
    kept = [record for record in population.records if all(c.holds(record) for c in where)]
    ranked = sorted(((rank(seed, record.key), record) for record in kept), key=lambda pair: (pair[0], pair[1].key))
    picked = tuple(Picked(number, r, record) for number, (r, record) in enumerate(ranked[:size], start=1))
    return Sample(
        source=population.source,
        as_of=as_of,
        commit=commit,
        seed=seed,
        size=size,
        total=len(population.records),
        population=len(kept),
        where=tuple(where),
        columns=population.columns,
        picked=picked,
    )


def sample_document(sample: Sample) -> SampleDocument:
    """Return the JSON contract of `isms sample`."""
    return {
        "version": "1",
        "as_of": sample.as_of,
        "commit": sample.commit,
        "source": sample.source,
        "seed": sample.seed,
        "method": METHOD,
        "size": sample.size,
        "population": sample.population,
        "total": sample.total,
        "where": [f"{c.field}={c.pattern}" for c in sample.where],
        "columns": list(sample.columns),
        "records": [
            {"number": p.number, "key": p.record.key, "rank": p.rank, "fields": dict(p.record.fields)}
            for p in sample.picked
        ],
    }


def _evidence(result: Evaluation, lang: Lang) -> Population:
    repo = result.repository
    records = []
    for path, status in sorted(result.assessment.evidence.items()):
        if status.state is EvidenceState.NOT_YET_VALID:  # it did not exist yet on the day
            continue
        item = status.item
        users = repo.evidence_users.get(path, [])
        fields = {
            "path": path,
            "title": item.title.get(lang),
            "date": item.date.isoformat(),
            "class": item.classification,
            "state": status.state.value,
            "store": item.store or "",
            "used_by": " ".join(f"{fw}:{rid}" for fw, rid in users),
        }
        records.append(Record(path, fields))
    return Population("evidence", ("path", "title", "date", "class", "state", "store", "used_by"), tuple(records))


def _controls(result: Evaluation, lang: Lang) -> Population:
    repo = result.repository
    records = []
    for (framework_id, rid), control in sorted(repo.controls.items()):
        framework = repo.frameworks.get(framework_id)
        requirement = framework.requirements.get(rid) if framework else None
        reviewed = result.assessment.last_reviewed(control)
        fields = {
            "control": f"{framework_id}:{rid}",
            "framework": framework_id,
            "id": rid,
            "title": requirement.title.get(lang) if requirement else "",
            "status": control.doc.status,
            "owner": control.doc.owner or "",
            "last_review": reviewed.isoformat() if reviewed else "",
            "evidence": str(len(control.doc.evidence)),
            "tests": str(len(control.doc.tests)),
            "path": control.path,
        }
        records.append(Record(fields["control"], fields))
    columns = ("control", "framework", "id", "title", "status", "owner", "last_review", "evidence", "tests", "path")
    return Population("controls", columns, tuple(records))


def _nonconformities(result: Evaluation, lang: Lang) -> Population:
    ctx = result.assessment
    records = []
    for nid, nc in sorted(result.repository.nonconformities.items()):
        if not ctx.counts(nc.doc.raised):
            continue
        fields = {
            "id": nid,
            "title": nc.doc.title.get(lang),
            "raised": nc.doc.raised.isoformat(),
            "source": nc.doc.source.kind,
            "grade": nc.doc.grade or "",
            "owner": nc.doc.owner,
            "status": nc.status(ctx.cutoff),
            "path": nc.path,
        }
        records.append(Record(nid, fields))
    columns = ("id", "title", "raised", "source", "grade", "owner", "status", "path")
    return Population("nonconformities", columns, tuple(records))


def _risks(result: Evaluation, lang: Lang) -> Population:
    records = []
    for risk in sorted(result.repository.risks.values(), key=lambda r: r.id):
        if not result.assessment.counts(risk.doc.assessed):
            continue
        current = risk.current
        fields = {
            "id": risk.id,
            "title": risk.doc.title.get(lang),
            "owner": risk.doc.owner,
            "class": risk.doc.classification,
            "treatment": risk.doc.treatment or "",
            "band": current.band if current is not None else "",
            "assessed": risk.doc.assessed.isoformat(),
            "path": risk.path,
        }
        records.append(Record(risk.id, fields))
    return Population(
        "risks", ("id", "title", "owner", "class", "treatment", "band", "assessed", "path"), tuple(records)
    )


def population(result: Evaluation, source: str, lang: Lang) -> Population:
    """Return one of :data:`POPULATIONS` as of the evaluation's day."""
    builders = {
        "evidence": _evidence,
        "controls": _controls,
        "nonconformities": _nonconformities,
        "risks": _risks,
    }
    return builders[source](result, lang)


def table_population(
    source: str, columns: Sequence[str], rows: Iterable[Mapping[str, str]], lines: Sequence[int]
) -> Population:
    """Return a register file's rows as a population.

    A CSV row's key is the line it ends on (``line 7``); a JSON row's is its position (``row 3``).
    """
    name = "line" if lines else "row"
    records = []
    for index, row in enumerate(rows):
        number = lines[index] if index < len(lines) else index + 1
        records.append(Record(f"{name} {number}", {name: str(number), **{c: row.get(c, "") for c in columns}}))
    return Population(source, (name, *(c for c in columns if c != name)), tuple(records))
