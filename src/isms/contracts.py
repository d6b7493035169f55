"""The JSON contracts: one versioned TypedDict per JSON document a command writes.

Types only (no I/O, no isms imports), so every layer can name the contract it produces. A
contract is extended, never broken: new keys may be added (consumers skip unknown keys), existing
keys keep their names and types; a breaking change would need a new ``version``.
``tests/unit/test_contracts.py`` checks real command outputs against these types, key for key.
`isms diff --format json` is ``isms.diff.compare.DiffDocument`` (versioned the same way).
"""

from __future__ import annotations

from typing import Literal, TypedDict

Version = Literal["1"]


class FindingJson(TypedDict):
    """One finding."""

    rule: str
    severity: str
    path: str
    line: int | None
    column: int | None
    message: str
    message_ja: str
    control: str | None
    framework: str | None


class Summary(TypedDict):
    """How many findings of each severity."""

    errors: int
    warnings: int
    notes: int


class FindingsDocument(TypedDict):
    """`isms validate --format json`."""

    version: Version
    findings: list[FindingJson]
    summary: Summary


class CheckDocument(FindingsDocument):
    """`isms check --format json`: the findings as of a day, at a commit (None outside git)."""

    as_of: str
    commit: str | None


class FrameworkMeasures(TypedDict):
    """Measures of one framework's requirements."""

    total: int
    met: int


class CoverageCounts(TypedDict):
    """A framework's requirement counts and ratios (rounded to 4 places), in every JSON output.

    ``official_*`` count only the requirements in the publisher's wording (`source: official`),
    beside the totals, for a framework that has paraphrased ones; None for any other framework.
    """

    requirements: int
    applicable: int
    implemented: int
    evidenced: int
    partial: int
    planned: int
    undecided: int
    coverage: float
    implemented_ratio: float
    effectiveness: float | None
    official_applicable: int | None
    official_evidenced: int | None
    official_coverage: float | None
    tested: int
    """Applicable requirements implemented whose control tests (`tests:`) all passed within their frequency."""
    tested_coverage: float
    """tested / applicable: coverage that says "tested and passed", beside ``coverage`` ("evidenced")."""


class CoverageNumbers(CoverageCounts):
    """A framework's figures as `isms diff` carries them (base, head and delta)."""

    measures_total: int
    measures_met: int


class FrameworkMetrics(CoverageCounts):
    """One framework in `isms metrics --format json` (ratios rounded to 4 places)."""

    id: str
    name: str
    name_ja: str | None
    short: str
    measures: FrameworkMeasures


class MetricsDocument(TypedDict):
    """`isms metrics --format json`. ``evidence`` counts items per state, ``measures`` per outcome."""

    version: Version
    as_of: str
    commit: str | None
    uncommitted_changes: bool
    """True when an ISMS file differs from ``commit`` (`isms.loader.discover.is_isms_path`)."""
    frameworks: list[FrameworkMetrics]
    evidence: dict[str, int]
    measures: dict[str, int]


class Verified(TypedDict):
    """The attestation proving a store item."""

    date: str
    by: str
    attestation_sha256: str


# `class` is a keyword: this contract is declared in the functional form.
EvidenceRowJson = TypedDict(
    "EvidenceRowJson",
    {
        "path": str,
        "file": str | None,
        "title": str | None,
        "title_en": str | None,
        "class": str,
        "date": str,
        "valid_until": str | None,
        "state": str,
        "sha256": str | None,
        "collected_by": str | None,
        "used_by": list[str],
        "store": str | None,
        "ref": str | None,
        "signature": str,
        "verified": Verified | None,
    },
)


class EvidenceListDocument(TypedDict):
    """`isms evidence list --format json`."""

    version: Version
    as_of: str
    evidence: list[EvidenceRowJson]


class FrameworkSummary(TypedDict):
    """One framework in `isms catalog list --format json`."""

    id: str
    name: str
    name_ja: str | None
    version: str
    requirements: int
    kind: str
    origin: str
    source: str


class CatalogListDocument(TypedDict):
    """`isms catalog list --format json`."""

    version: Version
    frameworks: list[FrameworkSummary]


class BothTexts(TypedDict):
    """A text in Japanese and English."""

    ja: str | None
    en: str | None


class GroupJson(TypedDict):
    """A group of requirements."""

    id: str
    title: BothTexts
    parent: str | None


class RequirementJson(TypedDict):
    """One requirement in `isms catalog show --format json`."""

    id: str
    title: BothTexts
    group: str | None
    description: BothTexts | None
    attributes: dict[str, list[str]]
    new: bool
    source: str
    maps_to: list[str]
    mapped_from: list[str]


class CatalogShowDocument(TypedDict):
    """`isms catalog show FRAMEWORK --format json`.

    Here ``version`` was the framework's edition before documents were versioned, and stays so;
    the contract's version is ``format_version``.
    """

    format_version: Version
    id: str
    name: str
    name_ja: str | None
    version: str
    groups: list[GroupJson]
    requirements: list[RequirementJson]


EntityStatus = Literal["ok", "errors", "unavailable"]


class EntityFramework(TypedDict):
    """One framework of an entity in the group contract: its figures as its own `isms metrics` gives them."""

    id: str
    name: str
    name_ja: str | None
    short: str
    applicable: int
    evidenced: int
    coverage: float
    effectiveness: float | None
    measures: FrameworkMeasures


class EntityJson(TypedDict):
    """One entity of `isms group metrics|build|merge --format json`.

    ``status`` is ``unavailable`` (``reason`` says why: unreachable, not an ISMS, no artefact),
    ``errors`` (its own `isms check` found errors: counted in ``findings``, never hidden) or ``ok``.
    ``stale``: its as-of date is older than the group's. ``rules``: its findings per rule id.
    ``overdue``: findings of the rules that mean a date has passed (``*-overdue``, `control-due-passed`,
    `objective-past-due`). Only figures and rule ids: no finding text, no evidence title.
    """

    id: str
    name: BothTexts
    repository: str
    ref: str | None
    site: str | None
    status: EntityStatus
    reason: str | None
    as_of: str | None
    commit: str | None
    stale: bool
    frameworks: list[EntityFramework]
    findings: Summary | None
    overdue: int | None
    evidence: dict[str, int] | None
    rules: dict[str, int]


class GroupOwn(TypedDict):
    """The group's own ISMS (the group repository is one): its figures as of the group's date."""

    organisation: BothTexts
    frameworks: list[EntityFramework]
    findings: Summary
    overdue: int
    evidence: dict[str, int]


class GroupSummary(TypedDict):
    """How many entities are in each state."""

    entities: int
    ok: int
    errors: int
    unavailable: int
    stale: int


class GroupDocument(TypedDict):
    """`isms group metrics --format json` (and `group build|merge --format json`): the group contract."""

    version: Version
    as_of: str
    commit: str | None
    group: GroupOwn
    entities: list[EntityJson]
    summary: GroupSummary


class DueItemJson(TypedDict):
    """One due item of `isms remind --format json` (``days`` negative: overdue)."""

    kind: str
    subject: str
    owner: str | None
    due: str
    days: int
    overdue: bool
    title: str
    title_ja: str
    action: str
    action_ja: str
    path: str
    uid: str


class RemindOwnerJson(TypedDict):
    """One owner's items (``id`` None: items nobody owns)."""

    id: str | None
    name: str | None
    name_ja: str | None
    github: list[str]
    gitlab: list[str]
    items: list[DueItemJson]


class RemindSummary(TypedDict):
    """How many items, and how many of them are overdue."""

    total: int
    overdue: int
    due: int


class RemindDocument(TypedDict):
    """`isms remind --format json`: what falls due on or before ``until``, by owner."""

    version: Version
    as_of: str
    within: str
    until: str
    commit: str | None
    owners: list[RemindOwnerJson]
    summary: RemindSummary


class IssueJson(TypedDict):
    """One owner's issue in the plan: open (or update) it, or close it when nothing is due.

    ``assignees`` are GitHub users, ``gitlab_assignees`` GitLab usernames (the GitLab job looks
    their user ids up).
    """

    owner: str | None
    marker: str
    state: Literal["open", "closed"]
    title: str
    body: str
    assignees: list[str]
    gitlab_assignees: list[str]
    labels: list[str]
    items: int
    overdue: int


class IssuePlanDocument(TypedDict):
    """`isms remind --format github-issues`: the plan the scheduled GitHub and GitLab jobs apply."""

    version: Version
    as_of: str
    within: str
    label: str
    issues: list[IssueJson]


class SampledRecord(TypedDict):
    """One record of a sample: its place in the pick, its key, its rank (hex SHA-256) and its fields."""

    number: int
    key: str
    rank: str
    fields: dict[str, str]


class SampleDocument(TypedDict):
    """`isms sample --format json`: ``population`` records matched `--where`, of ``total``."""

    version: Version
    as_of: str
    commit: str | None
    source: str
    seed: str
    method: str
    size: int
    population: int
    total: int
    where: list[str]
    columns: list[str]
    records: list[SampledRecord]
