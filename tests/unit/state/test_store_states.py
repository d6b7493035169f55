"""Store items judged from gathered facts (no ssh-keygen, no store): the attestation decides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from isms.loader.assemble import load_repository
from isms.model.repository import Repository
from isms.state.evidence import EvidenceState, assess_evidence
from isms.stores.attestation import Attestation, AttestedItem, Result
from isms.stores.gather import AttestationCheck, Trust

CASE = Path(__file__).parents[2] / "data" / "valid" / "evidence-store"
KEY = "insider-fs:2026/accounts.csv"
RECORDED = "c7820ae1507c9799422b83eb25c5748ba2ced826e833ad59d2412d2532cc71b9"


@pytest.fixture(scope="module")
def repo() -> Repository:
    return load_repository(CASE).repository


def trust(date: dt.date, result: Result = "match", digest: str = RECORDED, problem: str | None = None) -> Trust:
    found = Attestation(
        file="attestations/insider-fs.json",
        store="insider-fs",
        date=date,
        verifier="ciso",
        items={"2026/accounts.csv": AttestedItem("2026/accounts.csv", digest, result)},
        signature="",
        message=b"",
        sha256="0" * 64,
    )
    return Trust(attestations={"insider-fs": AttestationCheck(found.file, "insider-fs", found, problem)})


@pytest.mark.parametrize(
    ("facts", "today", "state"),
    [
        (Trust(), dt.date(2026, 2, 1), EvidenceState.UNVERIFIED),
        (trust(dt.date(2026, 1, 20)), dt.date(2026, 2, 1), EvidenceState.CURRENT),
        (trust(dt.date(2026, 1, 20)), dt.date(2026, 2, 20), EvidenceState.UNVERIFIED),  # 30d passed
        (trust(dt.date(2026, 2, 5)), dt.date(2026, 2, 1), EvidenceState.UNVERIFIED),  # not made yet
        (trust(dt.date(2026, 1, 20), problem="bad"), dt.date(2026, 2, 1), EvidenceState.UNVERIFIED),
        (trust(dt.date(2026, 1, 20), "missing", ""), dt.date(2026, 2, 1), EvidenceState.MISSING),
        (trust(dt.date(2026, 1, 20), "mismatch", "f" * 64), dt.date(2026, 2, 1), EvidenceState.TAMPERED),
        (trust(dt.date(2026, 1, 20), "match", "f" * 64), dt.date(2026, 2, 1), EvidenceState.TAMPERED),
    ],
)
def test_store_item_state(repo: Repository, facts: Trust, today: dt.date, state: EvidenceState) -> None:
    status = assess_evidence(repo, today, {}, facts)[KEY]
    assert status.state is state, status.why
    assert (status.attestation is not None) == (state is not EvidenceState.UNVERIFIED)
