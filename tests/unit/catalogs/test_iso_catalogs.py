"""The packaged ISO/IEC 27001 catalogs: complete, and right against the reference facts.

The expected facts are written here, from /work/shared/reference/frameworks.md (sections 1, 2 and 7),
not read back from the YAML: ids and themes (1.1), official short titles (1.3, with the 1.4 notes),
ISO/IEC 27002:2022 attributes (1.3, 1.5), the 11 new controls (1.6), the 2013 -> 2022 mapping of
ISO/IEC 27002:2022 Annex B (2) and the clauses 4-10 (7).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isms.cli import main
from isms.loader.assemble import load_repository
from isms.model.repository import Framework, Repository

A2022 = "iso27001-2022"
CLAUSES = "iso27001-2022-clauses"
A2013 = "iso27001-2013"

#: Controls per theme (section 1.1): 5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34.
THEME_SIZES = {"5": 37, "6": 8, "7": 14, "8": 34}

#: Official short titles (section 1.3), including every title note of section 1.4.
TITLES_2022 = {
    "5.1": "Policies for information security",
    "5.7": "Threat intelligence",
    "5.14": "Information transfer",
    "5.22": "Monitoring, review and change management of supplier services",
    "5.23": "Information security for use of cloud services",
    "5.30": "ICT readiness for business continuity",
    "5.31": "Legal, statutory, regulatory and contractual requirements",
    "5.34": "Privacy and protection of PII",
    "5.37": "Documented operating procedures",
    "6.3": "Information security awareness, education and training",
    "6.6": "Confidentiality or non-disclosure agreements",
    "6.7": "Remote working",
    "7.4": "Physical security monitoring",
    "7.6": "Working in secure areas",
    "7.7": "Clear desk and clear screen",
    "7.14": "Secure disposal or re-use of equipment",
    "8.1": "User endpoint devices",
    "8.12": "Data leakage prevention",
    "8.17": "Clock synchronization",
    "8.20": "Networks security",
    "8.25": "Secure development life cycle",
    "8.31": "Separation of development, test and production environments",
    "8.34": "Protection of information systems during audit testing",
}

#: New in 2022 (section 1.6).
NEW_2022 = frozenset({"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"})

#: The five attribute vocabularies of ISO/IEC 27002:2022 (section 1.2).
VOCABULARIES = {
    "control_type": {"preventive", "detective", "corrective"},
    "security_properties": {"confidentiality", "integrity", "availability"},
    "cybersecurity_concepts": {"identify", "protect", "detect", "respond", "recover"},
    "operational_capabilities": {
        "governance",
        "asset_management",
        "information_protection",
        "human_resource_security",
        "physical_security",
        "system_and_network_security",
        "application_security",
        "secure_configuration",
        "identity_and_access_management",
        "threat_and_vulnerability_management",
        "continuity",
        "supplier_relationships_security",
        "legal_and_compliance",
        "information_security_event_management",
        "information_security_assurance",
    },
    "security_domains": {"governance_and_ecosystem", "protection", "defence", "resilience"},
}

CIA = ["confidentiality", "integrity", "availability"]

#: Attribute rows of section 1.3 (conflicts resolved as section 1.5 says), as sets per attribute.
ATTRIBUTES_2022: dict[str, dict[str, list[str]]] = {
    "5.7": {
        "control_type": ["preventive", "detective", "corrective"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["identify", "detect", "respond"],
        "operational_capabilities": ["threat_and_vulnerability_management"],
        "security_domains": ["defence", "resilience"],
    },
    "5.22": {
        "control_type": ["preventive"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["identify"],
        "operational_capabilities": ["supplier_relationships_security", "information_security_assurance"],
        "security_domains": ["governance_and_ecosystem", "protection", "defence"],
    },
    "5.30": {
        "control_type": ["corrective"],
        "security_properties": ["availability"],
        "cybersecurity_concepts": ["respond"],
        "operational_capabilities": ["continuity"],
        "security_domains": ["resilience"],
    },
    "5.37": {
        "control_type": ["preventive", "corrective"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["protect", "recover"],
        "operational_capabilities": [
            "asset_management",
            "physical_security",
            "system_and_network_security",
            "application_security",
            "secure_configuration",
            "identity_and_access_management",
            "threat_and_vulnerability_management",
            "continuity",
            "information_security_event_management",
        ],
        "security_domains": ["governance_and_ecosystem", "protection", "defence"],
    },
    "6.6": {
        "control_type": ["preventive"],
        "security_properties": ["confidentiality"],
        "cybersecurity_concepts": ["protect"],
        "operational_capabilities": [
            "human_resource_security",
            "information_protection",
            "supplier_relationships_security",
        ],
        "security_domains": ["governance_and_ecosystem"],
    },
    "7.2": {
        "control_type": ["preventive"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["protect"],
        "operational_capabilities": ["physical_security", "identity_and_access_management"],
        "security_domains": ["protection"],
    },
    "7.4": {
        "control_type": ["preventive", "detective"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["protect", "detect"],
        "operational_capabilities": ["physical_security"],
        "security_domains": ["protection", "defence"],
    },
    "7.11": {
        "control_type": ["preventive", "detective"],
        "security_properties": ["integrity", "availability"],
        "cybersecurity_concepts": ["protect", "detect"],
        "operational_capabilities": ["physical_security"],
        "security_domains": ["protection"],
    },
    "7.12": {
        "control_type": ["preventive"],
        "security_properties": ["confidentiality", "availability"],
        "cybersecurity_concepts": ["protect"],
        "operational_capabilities": ["physical_security"],
        "security_domains": ["protection"],
    },
    "7.13": {
        "control_type": ["preventive"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["protect"],
        "operational_capabilities": ["physical_security", "asset_management"],
        "security_domains": ["protection", "resilience"],
    },
    "8.12": {
        "control_type": ["preventive", "detective"],
        "security_properties": ["confidentiality"],
        "cybersecurity_concepts": ["protect", "detect"],
        "operational_capabilities": ["information_protection"],
        "security_domains": ["protection", "defence"],
    },
    "8.13": {
        "control_type": ["corrective"],
        "security_properties": ["integrity", "availability"],
        "cybersecurity_concepts": ["recover"],
        "operational_capabilities": ["continuity"],
        "security_domains": ["protection"],
    },
    "8.16": {
        "control_type": ["detective", "corrective"],
        "security_properties": CIA,
        "cybersecurity_concepts": ["detect", "respond"],
        "operational_capabilities": ["information_security_event_management"],
        "security_domains": ["defence"],
    },
    "8.17": {
        "control_type": ["detective"],
        "security_properties": ["integrity"],
        "cybersecurity_concepts": ["protect", "detect"],
        "operational_capabilities": ["information_security_event_management"],
        "security_domains": ["protection", "defence"],
    },
    "8.33": {
        "control_type": ["preventive"],
        "security_properties": ["confidentiality", "integrity"],
        "cybersecurity_concepts": ["protect"],
        "operational_capabilities": ["information_protection"],
        "security_domains": ["protection"],
    },
}

#: Rows with a CONFLICT or UNVERIFIED fact (section 1.5): each carries a note.
NOTED_2022 = frozenset({"5.22", "6.6", "7.4", "7.13"})

#: Clauses 4-10 of ISO/IEC 27001:2022 (section 7), with their English titles.
CLAUSE_TITLES = {
    "4.1": "Understanding the organization and its context",
    "4.2": "Understanding the needs and expectations of interested parties",
    "4.3": "Determining the scope of the information security management system",
    "4.4": "Information security management system",
    "5.1": "Leadership and commitment",
    "5.2": "Policy",
    "5.3": "Organizational roles, responsibilities and authorities",
    "6.1": "Actions to address risks and opportunities",
    "6.2": "Information security objectives and planning to achieve them",
    "6.3": "Planning of changes",
    "7.1": "Resources",
    "7.2": "Competence",
    "7.3": "Awareness",
    "7.4": "Communication",
    "7.5": "Documented information",
    "8.1": "Operational planning and control",
    "8.2": "Information security risk assessment",
    "8.3": "Information security risk treatment",
    "9.1": "Monitoring, measurement, analysis and evaluation",
    "9.2": "Internal audit",
    "9.3": "Management review",
    "10.1": "Continual improvement",
    "10.2": "Nonconformity and corrective action",
}

#: ISO/IEC 27001:2013 Annex A sections (section 2).
SECTIONS_2013 = {
    "A.5": "Information security policies",
    "A.6": "Organization of information security",
    "A.7": "Human resource security",
    "A.8": "Asset management",
    "A.9": "Access control",
    "A.10": "Cryptography",
    "A.11": "Physical and environmental security",
    "A.12": "Operations security",
    "A.13": "Communications security",
    "A.14": "System acquisition, development and maintenance",
    "A.15": "Supplier relationships",
    "A.16": "Information security incident management",
    "A.17": "Information security aspects of business continuity management",
    "A.18": "Compliance",
}

#: 2013 titles worth pinning: the two fixed typos of section 2 and a few others.
TITLES_2013 = {
    "A.5.1.1": "Policies for information security",
    "A.6.2.2": "Teleworking",
    "A.12.4.4": "Clock synchronisation",
    "A.13.1.3": "Segregation in networks",
    "A.14.2.3": "Technical review of applications after operating platform changes",
    "A.18.1.4": "Privacy and protection of personally identifiable information",
    "A.18.2.3": "Technical compliance review",
}

#: ISO/IEC 27001:2013 Annex A -> ISO/IEC 27001:2022 Annex A, per ISO/IEC 27002:2022 Annex B (section 2).
MAPPING_2013: dict[str, tuple[str, ...]] = {
    "A.5.1.1": ("5.1",),
    "A.5.1.2": ("5.1",),
    "A.6.1.1": ("5.2",),
    "A.6.1.2": ("5.3",),
    "A.6.1.3": ("5.5",),
    "A.6.1.4": ("5.6",),
    "A.6.1.5": ("5.8",),
    "A.6.2.1": ("8.1",),
    "A.6.2.2": ("6.7",),
    "A.7.1.1": ("6.1",),
    "A.7.1.2": ("6.2",),
    "A.7.2.1": ("5.4",),
    "A.7.2.2": ("6.3",),
    "A.7.2.3": ("6.4",),
    "A.7.3.1": ("6.5",),
    "A.8.1.1": ("5.9",),
    "A.8.1.2": ("5.9",),
    "A.8.1.3": ("5.10",),
    "A.8.1.4": ("5.11",),
    "A.8.2.1": ("5.12",),
    "A.8.2.2": ("5.13",),
    "A.8.2.3": ("5.10",),
    "A.8.3.1": ("7.10",),
    "A.8.3.2": ("7.10",),
    "A.8.3.3": ("7.10",),
    "A.9.1.1": ("5.15",),
    "A.9.1.2": ("5.15",),
    "A.9.2.1": ("5.16",),
    "A.9.2.2": ("5.18",),
    "A.9.2.3": ("8.2",),
    "A.9.2.4": ("5.17",),
    "A.9.2.5": ("5.18",),
    "A.9.2.6": ("5.18",),
    "A.9.3.1": ("5.17",),
    "A.9.4.1": ("8.3",),
    "A.9.4.2": ("8.5",),
    "A.9.4.3": ("5.17",),
    "A.9.4.4": ("8.18",),
    "A.9.4.5": ("8.4",),
    "A.10.1.1": ("8.24",),
    "A.10.1.2": ("8.24",),
    "A.11.1.1": ("7.1",),
    "A.11.1.2": ("7.2",),
    "A.11.1.3": ("7.3",),
    "A.11.1.4": ("7.5",),
    "A.11.1.5": ("7.6",),
    "A.11.1.6": ("7.2",),
    "A.11.2.1": ("7.8",),
    "A.11.2.2": ("7.11",),
    "A.11.2.3": ("7.12",),
    "A.11.2.4": ("7.13",),
    "A.11.2.5": ("7.10",),
    "A.11.2.6": ("7.9",),
    "A.11.2.7": ("7.14",),
    "A.11.2.8": ("8.1",),
    "A.11.2.9": ("7.7",),
    "A.12.1.1": ("5.37",),
    "A.12.1.2": ("8.32",),
    "A.12.1.3": ("8.6",),
    "A.12.1.4": ("8.31",),
    "A.12.2.1": ("8.7",),
    "A.12.3.1": ("8.13",),
    "A.12.4.1": ("8.15",),
    "A.12.4.2": ("8.15",),
    "A.12.4.3": ("8.15",),
    "A.12.4.4": ("8.17",),
    "A.12.5.1": ("8.19",),
    "A.12.6.1": ("8.8",),
    "A.12.6.2": ("8.19",),
    "A.12.7.1": ("8.34",),
    "A.13.1.1": ("8.20",),
    "A.13.1.2": ("8.21",),
    "A.13.1.3": ("8.22",),
    "A.13.2.1": ("5.14",),
    "A.13.2.2": ("5.14",),
    "A.13.2.3": ("5.14",),
    "A.13.2.4": ("6.6",),
    "A.14.1.1": ("5.8",),
    "A.14.1.2": ("8.26",),
    "A.14.1.3": ("8.26",),
    "A.14.2.1": ("8.25",),
    "A.14.2.2": ("8.32",),
    "A.14.2.3": ("8.32",),
    "A.14.2.4": ("8.32",),
    "A.14.2.5": ("8.27",),
    "A.14.2.6": ("8.31",),
    "A.14.2.7": ("8.30",),
    "A.14.2.8": ("8.29",),
    "A.14.2.9": ("8.29",),
    "A.14.3.1": ("8.33",),
    "A.15.1.1": ("5.19",),
    "A.15.1.2": ("5.20",),
    "A.15.1.3": ("5.21",),
    "A.15.2.1": ("5.22",),
    "A.15.2.2": ("5.22",),
    "A.16.1.1": ("5.24",),
    "A.16.1.2": ("6.8",),
    "A.16.1.3": ("6.8",),
    "A.16.1.4": ("5.25",),
    "A.16.1.5": ("5.26",),
    "A.16.1.6": ("5.27",),
    "A.16.1.7": ("5.28",),
    "A.17.1.1": ("5.29",),
    "A.17.1.2": ("5.29",),
    "A.17.1.3": ("5.29",),
    "A.17.2.1": ("8.14",),
    "A.18.1.1": ("5.31",),
    "A.18.1.2": ("5.32",),
    "A.18.1.3": ("5.33",),
    "A.18.1.4": ("5.34",),
    "A.18.1.5": ("5.31",),
    "A.18.2.1": ("5.35",),
    "A.18.2.2": ("5.36",),
    "A.18.2.3": ("5.36", "8.8"),
}

#: Rows that ciso-assistant's mapping file gets wrong (section 2.1), with the Annex B answer.
CISO_ASSISTANT_ERRORS: dict[str, tuple[str, ...]] = {
    "A.6.1.3": ("5.5",),
    "A.6.1.4": ("5.6",),
    "A.6.1.5": ("5.8",),
    "A.9.2.5": ("5.18",),
    "A.9.2.6": ("5.18",),
    "A.12.6.2": ("8.19",),
    "A.12.7.1": ("8.34",),
    "A.13.2.1": ("5.14",),
    "A.13.2.2": ("5.14",),
    "A.13.2.3": ("5.14",),
    "A.14.2.3": ("8.32",),
    "A.14.2.4": ("8.32",),
    "A.18.2.3": ("5.36", "8.8"),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("isms")
    (path / "isms.yaml").write_text("organisation: Test\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def repo(root: Path) -> Repository:
    result = load_repository(root)
    assert result.findings == []
    return result.repository


def framework(repo: Repository, fid: str) -> Framework:
    found = repo.frameworks.get(fid)
    assert found is not None, f"{fid} is not loaded"
    return found


def expected_2022_ids() -> list[str]:
    return [f"{theme}.{n}" for theme, size in THEME_SIZES.items() for n in range(1, size + 1)]


# ---------------------------------------------------------------- loading


def test_catalogs_load_without_findings(root: Path) -> None:
    result = load_repository(root)
    assert result.findings == []
    for fid in (A2022, CLAUSES, A2013):
        assert result.repository.frameworks[fid].origin == "package"


def test_framework_info(repo: Repository) -> None:
    annex = framework(repo, A2022).info
    assert (annex.name.ja, annex.name.en) == ("ISO/IEC 27001:2022 附属書A 管理策", "ISO/IEC 27001:2022 Annex A")
    assert (annex.short, annex.version, annex.publisher) == ("ISO 27001", "2022", "ISO/IEC")
    assert (annex.coverage, annex.kind) == ("direct", "requirements")
    assert annex.notes
    clauses = framework(repo, CLAUSES).info
    assert (clauses.short, clauses.version, clauses.coverage, clauses.kind) == (
        "ISO 27001 clauses",
        "2022",
        "direct",
        "requirements",
    )
    assert clauses.name.en == "ISO/IEC 27001:2022 clauses 4–10 (ISMS requirements)"
    old = framework(repo, A2013).info
    assert (old.version, old.kind) == ("2013", "reference")
    assert old.name.en == "ISO/IEC 27001:2013 Annex A"
    assert any("Annex B" in (note.en or "") for note in old.notes)


# ---------------------------------------------------------------- 2022 Annex A


def test_annex_a_has_the_93_controls_in_order(repo: Repository) -> None:
    assert list(framework(repo, A2022).requirements) == expected_2022_ids()
    assert len(expected_2022_ids()) == 93


def test_annex_a_themes(repo: Repository) -> None:
    annex = framework(repo, A2022)
    assert {gid: (g.title.ja, g.title.en) for gid, g in annex.groups.items()} == {
        "5": ("組織的管理策", "Organizational controls"),
        "6": ("人的管理策", "People controls"),
        "7": ("物理的管理策", "Physical controls"),
        "8": ("技術的管理策", "Technological controls"),
    }
    sizes: dict[str, int] = {}
    for rid, req in annex.requirements.items():
        assert req.group == rid.split(".")[0]
        sizes[req.group] = sizes.get(req.group, 0) + 1
    assert sizes == THEME_SIZES == {"5": 37, "6": 8, "7": 14, "8": 34}


@pytest.mark.parametrize(("rid", "title"), sorted(TITLES_2022.items()))
def test_annex_a_official_titles(repo: Repository, rid: str, title: str) -> None:
    assert framework(repo, A2022).requirements[rid].title.en == title


def test_annex_a_titles_and_descriptions_in_both_languages(repo: Repository) -> None:
    for rid, req in framework(repo, A2022).requirements.items():
        assert req.title.ja, rid
        assert req.title.en, rid
        assert req.description is not None, rid
        assert req.description.ja, rid
        assert req.description.en, rid
        assert req.verified in {"V1", "V2"}, rid
        assert not req.maps_to, f"{rid}: predecessors belong in the 2013 catalog"


def test_annex_a_new_controls(repo: Repository) -> None:
    new = {rid for rid, req in framework(repo, A2022).requirements.items() if req.new}
    assert new == NEW_2022
    assert len(new) == 11


def test_annex_a_attribute_vocabularies(repo: Repository) -> None:
    annex = framework(repo, A2022)
    assert {a.id: set(a.values) for a in annex.attributes} == VOCABULARIES
    for attribute in annex.attributes:
        assert attribute.title.ja, attribute.id
        assert attribute.title.en, attribute.id


def test_every_control_has_all_five_attributes(repo: Repository) -> None:
    for rid, req in framework(repo, A2022).requirements.items():
        assert set(req.attributes) == set(VOCABULARIES), rid
        for name, values in req.attributes.items():
            assert values, f"{rid} {name}"
            assert len(values) == len(set(values)), f"{rid} {name}"
            assert set(values) <= VOCABULARIES[name], f"{rid} {name}"


@pytest.mark.parametrize("rid", sorted(ATTRIBUTES_2022))
def test_annex_a_attributes(repo: Repository, rid: str) -> None:
    got = framework(repo, A2022).requirements[rid].attributes
    assert {k: set(v) for k, v in got.items()} == {k: set(v) for k, v in ATTRIBUTES_2022[rid].items()}


def test_conflicting_and_unverified_rows_carry_a_note(repo: Repository) -> None:
    annex = framework(repo, A2022)
    noted = {rid for rid, req in annex.requirements.items() if req.note is not None}
    assert noted == NOTED_2022
    note = annex.requirements["5.22"].note
    assert note is not None
    assert "UNVERIFIED" in (note.en or "")


# ---------------------------------------------------------------- clauses 4-10


def test_clauses(repo: Repository) -> None:
    clauses = framework(repo, CLAUSES)
    assert list(clauses.requirements) == list(CLAUSE_TITLES)
    assert len(clauses.requirements) == 23
    assert list(clauses.groups) == ["4", "5", "6", "7", "8", "9", "10"]
    assert clauses.groups["9"].title.en == "Performance evaluation"
    for rid, req in clauses.requirements.items():
        assert req.title.en == CLAUSE_TITLES[rid]
        assert req.title.ja, rid
        assert req.group == rid.split(".")[0]
        assert req.description is not None, rid
        assert req.description.ja, rid
        assert req.description.en, rid
        assert req.verified == "V1"


def test_clause_descriptions_name_the_sub_clauses(repo: Repository) -> None:
    clauses = framework(repo, CLAUSES).requirements
    sub_clauses = {
        "6.1": ["6.1.1", "6.1.2", "6.1.3"],
        "7.5": ["7.5.1", "7.5.2", "7.5.3"],
        "9.2": ["9.2.1", "9.2.2"],
        "9.3": ["9.3.1", "9.3.2", "9.3.3"],
    }
    for rid, subs in sub_clauses.items():
        description = clauses[rid].description
        assert description is not None
        for sub in subs:
            assert sub in (description.en or ""), (rid, sub)
            assert sub in (description.ja or ""), (rid, sub)
    risk = clauses["6.1"].description
    assert risk is not None
    assert "Statement of Applicability" in (risk.en or "")


def test_clause_ids_stay_apart_from_annex_a(repo: Repository) -> None:
    assert repo.title((CLAUSES, "5.1"), "en") == "Leadership and commitment"
    assert repo.title((A2022, "5.1"), "en") == "Policies for information security"


# ---------------------------------------------------------------- 2013 and the Annex B mapping


def test_2013_has_the_114_controls_in_14_sections(repo: Repository) -> None:
    old = framework(repo, A2013)
    assert list(old.requirements) == list(MAPPING_2013)
    assert len(old.requirements) == 114
    assert {gid: g.title.en for gid, g in old.groups.items()} == SECTIONS_2013
    for rid, req in old.requirements.items():
        assert req.group == rid.rsplit(".", 2)[0], rid
        assert req.title.ja, rid
        assert req.title.en, rid
        assert req.title.en == req.title.en.strip(), rid
        assert "technial" not in req.title.en, rid


@pytest.mark.parametrize(("rid", "title"), sorted(TITLES_2013.items()))
def test_2013_titles(repo: Repository, rid: str, title: str) -> None:
    assert framework(repo, A2013).requirements[rid].title.en == title


def test_2013_to_2022_mapping_is_annex_b(repo: Repository) -> None:
    got = {rid: tuple(target for _, target in repo.maps_to((A2013, rid))) for rid in MAPPING_2013}
    assert {rid: sorted(t) for rid, t in got.items()} == {rid: sorted(t) for rid, t in MAPPING_2013.items()}
    for rid in MAPPING_2013:
        assert {fid for fid, _ in repo.maps_to((A2013, rid))} == {A2022}, rid
    assert sum(len(t) for t in MAPPING_2013.values()) == 115


def test_mapping_is_written_qualified(repo: Repository) -> None:
    for rid, req in framework(repo, A2013).requirements.items():
        assert req.maps_to, rid
        assert all(ref.startswith(f"{A2022}:") for ref in req.maps_to), rid


def test_technical_compliance_review_maps_to_two_controls(repo: Repository) -> None:
    assert sorted(repo.maps_to((A2013, "A.18.2.3"))) == [(A2022, "5.36"), (A2022, "8.8")]
    multi = [rid for rid in framework(repo, A2013).requirements if len(repo.maps_to((A2013, rid))) > 1]
    assert multi == ["A.18.2.3"]


@pytest.mark.parametrize(("rid", "targets"), sorted(CISO_ASSISTANT_ERRORS.items()))
def test_rows_ciso_assistant_gets_wrong(repo: Repository, rid: str, targets: tuple[str, ...]) -> None:
    assert MAPPING_2013[rid] == targets
    assert sorted(repo.maps_to((A2013, rid))) == sorted((A2022, t) for t in targets)


def test_reverse_direction(repo: Repository) -> None:
    assert sorted(repo.mapped_from((A2022, "5.14"))) == [
        (A2013, "A.13.2.1"),
        (A2013, "A.13.2.2"),
        (A2013, "A.13.2.3"),
    ]
    assert sorted(repo.mapped_from((A2022, "8.8"))) == [(A2013, "A.12.6.1"), (A2013, "A.18.2.3")]
    assert sorted(repo.mapped_from((A2022, "7.10"))) == [
        (A2013, "A.11.2.5"),
        (A2013, "A.8.3.1"),
        (A2013, "A.8.3.2"),
        (A2013, "A.8.3.3"),
    ]


def test_82_controls_have_a_predecessor_and_the_11_new_do_not(repo: Repository) -> None:
    with_predecessor = {rid for rid in expected_2022_ids() if repo.mapped_from((A2022, rid))}
    without = set(expected_2022_ids()) - with_predecessor
    assert len(with_predecessor) == 82
    assert without == NEW_2022
    inverted: dict[str, set[str]] = {}
    for old, targets in MAPPING_2013.items():
        for target in targets:
            inverted.setdefault(target, set()).add(old)
    for rid in expected_2022_ids():
        assert {old for _, old in repo.mapped_from((A2022, rid))} == inverted.get(rid, set()), rid


# ---------------------------------------------------------------- the CLI


def test_cli_catalog_list(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "list", "--format", "json", "--root", str(root)]) == 0
    listed = {f["id"]: f for f in json.loads(capsys.readouterr().out)["frameworks"]}
    assert listed[A2022]["requirements"] == 93
    assert listed[CLAUSES]["requirements"] == 23
    assert listed[A2013]["requirements"] == 114
    assert listed[A2013]["kind"] == "reference"
    assert main(["catalog", "list", "--root", str(root)]) == 0
    assert A2022 in capsys.readouterr().out


def test_cli_catalog_show(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "show", A2022, "--format", "json", "--root", str(root)]) == 0
    shown = json.loads(capsys.readouterr().out)
    by_id = {r["id"]: r for r in shown["requirements"]}
    assert len(by_id) == 93
    assert by_id["8.20"]["title"]["en"] == "Networks security"
    assert by_id["5.7"]["new"] is True
    assert by_id["5.14"]["mapped_from"] == [f"{A2013}:A.13.2.1", f"{A2013}:A.13.2.2", f"{A2013}:A.13.2.3"]
