"""Build a repository model and gathered facts in memory, for unit tests of the pure stages.

The loader and `isms.gather` are the only stages that read the world; everything after them
(state, checks, metrics, reports) takes a :class:`Repository` and :class:`Facts`. These builders
make both without touching a disk, so a unit test says exactly which facts it stands on::

    repo = RepoBuilder().control("1.1", status="implemented", evidence=["a.csv"]).evidence("a.csv").build()
    result = evaluation(repo, facts(history=history_of({"controls/demo/1.1.yaml": ["2026-01-05"]})))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from isms.evaluation import Evaluation, evaluate_gathered
from isms.gather.data import Row, Table
from isms.gather.environment import Environment
from isms.gather.facts import Facts, TableOrError
from isms.history.types import CommitInfo, History
from isms.loader.assemble import LoadResult
from isms.model.base import Text
from isms.model.catalog import FrameworkInfo, Group, Requirement
from isms.model.config import ConfigDoc
from isms.model.control import ControlDoc
from isms.model.evidence import Classification
from isms.model.repository import Control, EvidenceItem, Framework, Repository

TODAY = dt.date(2026, 11, 26)
ROOT = Path("/nonexistent/isms-in-memory")
"""The root of an in-memory repository: nothing is ever read from it."""


def text(en: str, ja: str | None = None) -> Text:
    return Text(ja=ja or en, en=en)


class RepoBuilder:
    """A repository model, one call per part; :meth:`build` returns the frozen :class:`Repository`."""

    def __init__(self, framework: str = "demo", requirements: tuple[str, ...] = ("1.1", "1.2", "1.3")) -> None:
        self.config: dict[str, Any] = {
            "organisation": {"ja": "テスト株式会社", "en": "Test Inc."},
            "frameworks": [framework],
            "soa_framework": framework,
            "owners": {"ciso": {"name": "CISO", "github": ["@test/ciso"]}},
        }
        self.frameworks: dict[str, Framework] = {}
        self.controls: dict[tuple[str, str], Control] = {}
        self.evidence_items: dict[str, EvidenceItem] = {}
        self.files: set[str] = set()
        self.default = framework
        self.framework(framework, requirements)

    def configure(self, **values: Any) -> RepoBuilder:
        """Set keys of isms.yaml (as the YAML would have them)."""
        self.config.update(values)
        return self

    def framework(self, fid: str, requirements: tuple[str, ...], *, coverage: str = "direct") -> RepoBuilder:
        """Add a catalog whose requirements are all in one group ``g``."""
        info = FrameworkInfo.model_validate(
            {"id": fid, "name": {"ja": fid.upper(), "en": fid.upper()}, "version": "1", "coverage": coverage}
        )
        group = Group.model_validate({"id": "g", "title": {"ja": "グループ", "en": "Group"}})
        reqs = {
            rid: Requirement.model_validate(
                {"id": rid, "title": {"ja": f"要求 {rid}", "en": f"Req {rid}"}, "group": "g"}
            )
            for rid in requirements
        }
        self.frameworks[fid] = Framework(info, {"g": group}, reqs, (), f"catalogs/{fid}.yaml", "repository")
        return self

    def control(self, rid: str, framework: str | None = None, **doc: Any) -> RepoBuilder:
        """Add a control file ``controls/<framework>/<rid>.yaml`` with the given YAML keys."""
        fid = framework or self.default
        parsed = ControlDoc.model_validate({"owner": "ciso", **doc})
        self.controls[(fid, rid)] = Control(fid, rid, f"controls/{fid}/{rid}.yaml", parsed)
        return self

    def evidence(
        self,
        path: str,
        *,
        date: dt.date = dt.date(2026, 11, 1),
        sha256: str | None = None,
        classification: Classification = "internal",
        valid_for: str | None = "1y",
        present: bool = True,
    ) -> RepoBuilder:
        """Declare an evidence item ``evidence/<path>`` (``present`` False: its file is not there)."""
        file = f"evidence/{path}"
        self.evidence_items[path] = EvidenceItem(
            path=path,
            file=file,
            register="evidence/evidence.yaml",
            index=len(self.evidence_items),
            title=text(path),
            date=date,
            collected_by="ciso",
            valid_for=valid_for,
            valid_until=None,
            classification=classification,
            sha256=sha256,
            description=None,
        )
        if present:
            self.files.add(path)
        return self

    def build(self) -> Repository:
        return Repository(
            root=ROOT,
            config=ConfigDoc.model_validate(self.config),
            frameworks=dict(self.frameworks),
            controls=dict(self.controls),
            policies={},
            evidence=dict(self.evidence_items),
            evidence_files=frozenset(self.files),
            mappings=(),
            texts={},
        )


def commit(day: str, subject: str = "change", sha: str = "c0ffee") -> CommitInfo:
    """Return a commit made at noon UTC on ``day``."""
    return CommitInfo(
        sha=sha.ljust(40, "0"), date=dt.datetime.fromisoformat(f"{day}T12:00:00+00:00"), author="A", subject=subject
    )


def history_of(
    files: dict[str, list[CommitInfo]], *, head: str = "f" * 40, dirty: frozenset[str] = frozenset()
) -> History:
    """Return a git history: the commits per path, newest first."""
    return History(available=True, head=head, files=files, dirty=dirty)


def facts(
    *,
    history: History | None = None,
    hashes: Mapping[str, str | None] | None = None,
    rows: Mapping[str, list[Row]] | None = None,
    codeowners: str | None = None,
    step_summary: Path | None = None,
) -> Facts:
    """Return gathered facts; ``rows`` by evidence path, as a data file would give them."""
    data: dict[str, TableOrError] = {
        path: Table(tuple(dict.fromkeys(key for row in found for key in row)), list(found))
        for path, found in (rows or {}).items()
    }
    return Facts(
        history=history or History(available=False),
        hashes=hashes or {},
        tables=data,
        codeowners=codeowners,
        environment=Environment(step_summary=step_summary),
    )


def evaluation(repo: Repository, gathered: Facts | None = None, today: dt.date = TODAY) -> Evaluation:
    """Return the evaluation of an in-memory repository on ``today`` (pinned, as ``--today``)."""
    return evaluate_gathered(LoadResult(repo, []), gathered or facts(), today)
