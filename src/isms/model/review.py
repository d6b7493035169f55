"""Management reviews (ISO/IEC 27001 9.3) and information security objectives (6.2).

Types only: reading them is the loader's job (`isms.loader.cycle`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from isms.model.base import Identifier, IsmsModel, IsoDate, Text, empty_dict, empty_list
from isms.model.control import TARGET_PATTERN

#: The inputs 9.3.2 requires, a–g (d split into its four trends), with their titles.
INPUTS: dict[str, Text] = {
    "previous-actions": Text(
        ja="a) 前回までのマネジメントレビューの処置状況", en="a) Status of actions from previous reviews"
    ),
    "issues": Text(ja="b) 外部及び内部の課題の変化", en="b) Changes in external and internal issues"),
    "interested-parties": Text(
        ja="c) 利害関係者のニーズ及び期待の変化", en="c) Changes in needs and expectations of interested parties"
    ),
    "nonconformities": Text(ja="d1) 不適合及び是正処置", en="d1) Nonconformities and corrective actions"),
    "monitoring": Text(ja="d2) 監視及び測定の結果", en="d2) Monitoring and measurement results"),
    "audits": Text(ja="d3) 監査結果", en="d3) Audit results"),
    "objectives": Text(ja="d4) 情報セキュリティ目的の達成状況", en="d4) Fulfilment of information security objectives"),
    "feedback": Text(ja="e) 利害関係者からのフィードバック", en="e) Feedback from interested parties"),
    "risks": Text(
        ja="f) リスクアセスメントの結果及びリスク対応計画の状況",
        en="f) Results of risk assessment and status of the risk treatment plan",
    ),
    "improvement": Text(ja="g) 継続的改善の機会", en="g) Opportunities for continual improvement"),
}

#: What a review input may point at: `kind:id` (`nonconformity:NC-1`, `audit:IA-2026`, `evidence:path`…).
ReviewRef = Annotated[
    str,
    StringConstraints(pattern=r"^(audit|nonconformity|objective|risk|review|control|measure|evidence):.+$"),
    Field(
        description="What was reviewed: `audit:<id>`, `nonconformity:<id>`, `objective:<id>`, `risk:<id>`, "
        "`review:<date>`, `control:<framework:id>`, `measure:<framework:id#measure>` or `evidence:<path>`."
    ),
]


class ReviewInput(IsmsModel):
    """One input of 9.3.2, with what was looked at."""

    summary: Text
    refs: list[ReviewRef] = Field(default_factory=empty_list, description="What was reviewed.")


class ReviewAction(IsmsModel):
    """An action decided by the review: a tracked item."""

    title: Text
    owner: Identifier
    due: IsoDate
    done: IsoDate | None = None


class Decision(IsmsModel):
    """An output of 9.3.3: a decision on improvement or on changes to the ISMS."""

    kind: Literal["improvement", "change", "resources", "other"] = "improvement"
    decision: Text
    actions: list[ReviewAction] = Field(default_factory=empty_list)


class ManagementReviewDoc(IsmsModel):
    """A management review: `management-reviews/<YYYY-MM-DD>.yaml` (the file name is its date)."""

    chair: Identifier = Field(description="Top management presiding: an id from `owners`.")
    attendees: list[Identifier] = Field(default_factory=empty_list)
    minutes: str | None = Field(default=None, description="The minutes, an evidence path under `evidence/`.")
    inputs: dict[str, ReviewInput] = Field(
        default_factory=empty_dict, description="The inputs of 9.3.2 by key: " + ", ".join(INPUTS) + "."
    )
    decisions: list[Decision] = Field(default_factory=empty_list, description="The outputs of 9.3.3.")


class ObjectiveMeasure(IsmsModel):
    """A measure of a control that tells whether an objective is met."""

    measure: Annotated[str, StringConstraints(pattern=r"^[^#\s]+#[A-Za-z0-9][A-Za-z0-9._-]*$")] = Field(
        description="`framework:control#measure`, e.g. `iso27001-2022:6.3#phishing-click-rate`."
    )
    target: Annotated[str, StringConstraints(pattern=TARGET_PATTERN)] | None = Field(
        default=None, description="The objective's target; the measure's own target when absent."
    )


class ObjectiveDoc(IsmsModel):
    """An information security objective (6.2): `objectives/<id>.yaml`."""

    title: Text
    owner: Identifier = Field(description="Who is responsible (6.2 g).")
    resources: Text | None = Field(default=None, description="What will be required (6.2 f).")
    set: IsoDate = Field(description="The day the objective was set.")
    due: IsoDate = Field(description="When it will be completed (6.2 h).")
    evaluation: Text | None = Field(default=None, description="How the results will be evaluated (6.2 i).")
    measures: list[ObjectiveMeasure] = Field(min_length=1, description="The measures that show it is met.")
