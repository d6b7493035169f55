"""The repository's configuration: `isms.yaml` at the root (its presence marks an ISMS repository).

Its sections for the record kinds (risk criteria, the audit programme, the management-review
schedule) live here too, so that reading isms.yaml needs none of the record kinds' own models.
"""

# Annotations as objects, not strings (no `from __future__ import annotations`): see isms.model.base.

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from isms.model.base import (
    Duration,
    FrameworkId,
    Identifier,
    IsmsModel,
    IsoDate,
    Text,
    WebUrl,
    empty_dict,
    empty_list,
    of_defaults,
)
from isms.model.evidence import Classification

RuleLevel = Literal["error", "warning", "note", "off"]
Method = Literal["product", "matrix"]
#: A point on a scale: its id (`high`) or its value (1 = lowest).
ScalePoint = Identifier | int


#: An OpenSSH public key line: type, base64 key, optional comment.
PublicKey = Annotated[
    str,
    StringConstraints(
        pattern=r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/]+=*( .*)?$"
    ),
    Field(description="An OpenSSH public key, as in a `.pub` file: `ssh-ed25519 AAAA… comment`."),
]


class SshKey(IsmsModel):
    """A public key with the days it may sign on."""

    key: PublicKey
    valid_after: IsoDate | None = Field(default=None, description="First day signatures by this key count.")
    valid_before: IsoDate | None = Field(default=None, description="From this day on, signatures no longer count.")


class Owner(IsmsModel):
    """A person or role that owns controls and policies."""

    name: Text
    github: list[str] = Field(default_factory=empty_list, description="GitHub users or teams for CODEOWNERS.")
    gitlab: list[str] = Field(
        default_factory=empty_list,
        description="GitLab usernames (`@` optional) the scheduled GitLab job assigns the owner's reminder issue to.",
    )
    ssh_keys: list[PublicKey | SshKey] = Field(
        default_factory=empty_list,
        description="Public SSH keys that sign for this owner (attestations, evidence signatures, commits).",
    )


class Store(IsmsModel):
    """A place evidence lives outside the repository, such as a segregated file server."""

    title: Text | None = None
    custodian: Identifier = Field(description="The owner who verifies the store and signs its attestations.")
    verify_every: Duration = Field(default="30d", description="How long an attestation of the store stays valid.")


class EvidenceSettings(IsmsModel):
    """How evidence is judged and published."""

    warn_within: Duration = Field(default="30d", description="Evidence expiring within this is `expiring`.")
    redact_from: Classification = Field(
        default="internal",
        description="Evidence of this class and above appears on the site only as metadata and hash.",
    )
    store_from: Classification | None = Field(
        default="insider",
        description="Evidence of this class and above must live in a store, never in the repository (null: none).",
    )
    sign_from: Classification | None = Field(
        default=None,
        description="Evidence in the repository of this class and above must be signed by its collector.",
    )


class SoaApproval(IsmsModel):
    """Who approved this version of the Statement of Applicability, and when."""

    by: Identifier = Field(description="The approver: an id from `owners` (top management, the ISMS owner).")
    date: IsoDate


class SoaSettings(IsmsModel):
    """`soa:` in isms.yaml: the Statement of Applicability as a controlled document (6.1.3 d, 7.5.2)."""

    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] | None = Field(
        default=None, description="The SoA's version, e.g. `3.0`; raise it with each approved change."
    )
    approved: SoaApproval | None = Field(default=None, description="The approval of this version: by, date.")
    additional: list[FrameworkId] = Field(
        default_factory=empty_list,
        description="Frameworks of the organisation's own controls beyond `soa_framework` (e.g. a policy's "
        "statements made a framework, such as the insider-trading rules): the SoA lists them in a section of "
        "their own (6.1.3 c).",
    )


class Entity(IsmsModel):
    """One company of a group: its own ISMS repository, rolled up by `isms group`."""

    id: Identifier = Field(description="The entity's id in the group (unique): folder and page names use it.")
    name: Text = Field(description="The entity's name, shown on the group site.")
    repository: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        description="Its ISMS repository: a git URL, or a local path (relative to this repository)."
    )
    ref: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = Field(
        default=None, description="The branch, tag or commit to evaluate (default: the remote's HEAD)."
    )
    shallow: bool = Field(
        default=False,
        description="Fetch the last commit only. Checks that read git history (evidence rewritten, policy "
        "changed after approval, signed commits) then warn `history-partial`.",
    )
    site: WebUrl | None = Field(default=None, description="The entity's own auditor site, linked from the group's.")


class GroupSettings(IsmsModel):
    """`group:` in isms.yaml: this repository is a group's, and these are its entities."""

    entities: list[Entity] = Field(default_factory=empty_list, description="The group's companies, each with its ISMS.")


class ScaleLevel(IsmsModel):
    """One step of a likelihood or impact scale; its value is its position (1 = lowest)."""

    id: Identifier
    title: Text
    description: Text | None = None


class Band(IsmsModel):
    """A risk level band (low, medium, high…), lowest first."""

    id: Identifier
    title: Text
    min: int | None = Field(default=None, description="With `method: product`: the lowest product in this band.")
    accept_by: list[Identifier] = Field(
        default_factory=empty_list, description="Owners who may accept a residual risk at this level."
    )


class RiskCriteria(IsmsModel):
    """`risk:` in isms.yaml: how risks are assessed, evaluated and accepted (6.1.2 a)."""

    likelihood: list[ScaleLevel] = Field(min_length=2, description="The likelihood scale, lowest first.")
    impact: list[ScaleLevel] = Field(min_length=2, description="The impact scale, lowest first.")
    method: Method = Field(default="product", description="`product` (likelihood × impact) or `matrix`.")
    matrix: list[list[Identifier]] = Field(
        default_factory=empty_list,
        description="With `method: matrix`: one row per likelihood (lowest first) of band ids, one per impact.",
    )
    bands: list[Band] = Field(min_length=1, description="Level bands, lowest first.")
    acceptance_threshold: Identifier = Field(
        description="The band from which a residual risk needs a named acceptance (and an untreated risk is an error)."
    )
    review_interval: Duration = Field(default="1y", description="How often each risk must be reviewed.")

    @model_validator(mode="after")
    def _consistent(self) -> "RiskCriteria":
        ids = [band.id for band in self.bands]
        if self.acceptance_threshold not in ids:
            msg = f"`acceptance_threshold` `{self.acceptance_threshold}` is not a band id ({', '.join(ids)})"
            raise ValueError(msg)
        if self.method == "product":
            if any(band.min is None for band in self.bands):
                msg = "with `method: product` every band needs `min` (the lowest product in it)"
                raise ValueError(msg)
            mins = [band.min or 0 for band in self.bands]
            if mins != sorted(mins) or len(set(mins)) != len(mins):
                msg = "band `min` values must rise from the first band to the last"
                raise ValueError(msg)
        else:
            if len(self.matrix) != len(self.likelihood) or any(len(row) != len(self.impact) for row in self.matrix):
                msg = "`matrix` needs one row per likelihood level, each with one band per impact level"
                raise ValueError(msg)
            unknown = sorted({cell for row in self.matrix for cell in row} - set(ids))
            if unknown:
                msg = f"`matrix` names unknown bands: {', '.join(unknown)}"
                raise ValueError(msg)
        return self

    def point(self, scale: Literal["likelihood", "impact"], raw: ScalePoint) -> int | None:
        """Return a point's value (1-based), or None when the scale has no such label or value."""
        levels = self.likelihood if scale == "likelihood" else self.impact
        if isinstance(raw, int):
            return raw if 1 <= raw <= len(levels) else None
        for index, level in enumerate(levels, start=1):
            if level.id == raw:
                return index
        return None

    def band(self, likelihood: int, impact: int) -> "Band":
        """Return the band of a likelihood and an impact value (each 1-based and on its scale)."""
        if self.method == "matrix":
            wanted = self.matrix[likelihood - 1][impact - 1]
            return next(band for band in self.bands if band.id == wanted)
        score = likelihood * impact
        chosen = self.bands[0]
        for band in self.bands:
            if band.min is not None and score >= band.min:
                chosen = band
        return chosen

    def rank(self, band_id: str) -> int:
        """Return a band's position (0 = lowest)."""
        return [band.id for band in self.bands].index(band_id)

    def needs_acceptance(self, band_id: str) -> bool:
        """Return True for a band at or above the acceptance threshold."""
        return self.rank(band_id) >= self.rank(self.acceptance_threshold)


class AuditProgramme(IsmsModel):
    """`audit_programme:` in isms.yaml: the certification cycle the internal audit programme covers (9.2.2)."""

    start: IsoDate = Field(description="The first day of the current certification cycle.")
    length: Duration = Field(default="3y", description="How long the cycle lasts (default three years).")
    owner: Identifier | None = Field(default=None, description="Who manages the programme: an id from `owners`.")


class ReviewSchedule(IsmsModel):
    """`management_review:` in isms.yaml: how often top management reviews the ISMS."""

    interval: Duration = Field(default="1y", description="The longest time between two management reviews.")


class ConfigDoc(IsmsModel):
    """`isms.yaml`."""

    organisation: Text = Field(description="The organisation's name, shown on every page.")
    scope: Text | None = Field(default=None, description="The scope of the ISMS (clause 4.3).")
    frameworks: list[FrameworkId] = Field(
        default_factory=lambda: ["iso27001-2022"],
        description="Frameworks in scope: each of their requirements needs a control file.",
    )
    soa_framework: FrameworkId = "iso27001-2022"
    review_interval: Duration = "1y"
    fiscal_year_start: int = Field(
        default=1,
        ge=1,
        le=12,
        description="First month of the fiscal year (4 for 年度, April–March): quarters, halves and years of "
        "measures and recurring records follow it, labelled FY2026-H1 (2026年度上期).",
    )
    owners: dict[Identifier, Owner] = Field(default_factory=empty_dict)
    evidence: EvidenceSettings = Field(default_factory=of_defaults(EvidenceSettings))
    stores: dict[Identifier, Store] = Field(
        default_factory=empty_dict, description="Places evidence may live outside the repository, by id."
    )
    require_signed_commits: list[str] = Field(
        default_factory=empty_list,
        description="Path patterns (`evidence/**`): commits touching them must be signed by an owner's SSH key.",
    )
    signed_commits_since: IsoDate | None = Field(
        default=None, description="With `require_signed_commits`: judge only commits from this day on."
    )
    soa: SoaSettings = Field(
        default_factory=of_defaults(SoaSettings),
        description="The SoA as a controlled document: its version and approval (its history comes from git).",
    )
    risk: RiskCriteria | None = Field(
        default=None, description="Risk criteria (6.1.2): scales, how the level is computed, bands, acceptance."
    )
    audit_programme: AuditProgramme | None = Field(
        default=None, description="The internal audit programme's certification cycle (9.2.2): start, length, owner."
    )
    management_review: ReviewSchedule | None = Field(
        default=None, description="How often top management must review the ISMS (9.3)."
    )
    group: GroupSettings | None = Field(
        default=None, description="A group repository: the entities whose ISMS `isms group` rolls up."
    )
    rules: dict[str, RuleLevel] = Field(
        default_factory=empty_dict, description="Raise, lower or turn off a rule: `evidence-expiring: error`."
    )
