"""The packaged METI Cyber Security Management Guidelines catalogs (Ver 1.1 check sheet, Ver 3.0 directives)."""

from __future__ import annotations

from pathlib import Path

import pytest

from isms.cli import main
from isms.loader.assemble import load_repository
from isms.model.repository import Framework, Repository

V1 = "meti-csm-v1"
V3 = "meti-csm-v3"

#: Ver 3.0 directives: official Japanese titles (METI 「等」「及び」 form), reference §3.2.
V3_TITLES: dict[str, str] = {
    "directive-1": "サイバーセキュリティリスクの認識、組織全体での対応方針の策定",
    "directive-2": "サイバーセキュリティリスク管理体制の構築",
    "directive-3": "サイバーセキュリティ対策のための資源（予算、人材等）確保",
    "directive-4": "サイバーセキュリティリスクの把握とリスク対応に関する計画の策定",
    "directive-5": "サイバーセキュリティリスクに効果的に対応する仕組みの構築",
    "directive-6": "PDCAサイクルによるサイバーセキュリティ対策の継続的改善",
    "directive-7": "インシデント発生時の緊急対応体制の整備",
    "directive-8": "インシデントによる被害に備えた事業継続・復旧体制の整備",
    "directive-9": "ビジネスパートナーや委託先等を含めたサプライチェーン全体の状況把握及び対策",
    "directive-10": "サイバーセキュリティに関する情報の収集、共有及び開示の促進",
}

#: Ver 3.0 directive → its lowest group; group → parent.
V3_GROUP_OF: dict[str, str] = {
    "directive-1": "management",
    "directive-2": "management",
    "directive-3": "management",
    "directive-4": "risk",
    "directive-5": "risk",
    "directive-6": "risk",
    "directive-7": "incident",
    "directive-8": "incident",
    "directive-9": "supply-chain",
    "directive-10": "communication",
}
V3_PARENTS: dict[str, str | None] = {
    "leadership": None,
    "management": "leadership",
    "risk": "leadership",
    "incident": "leadership",
    "supply-chain": None,
    "communication": None,
}
V3_GROUP_TITLES: dict[str, str] = {
    "leadership": "経営者がリーダーシップをとったセキュリティ対策の推進",
    "management": "サイバーセキュリティリスクの管理体制構築",
    "risk": "サイバーセキュリティリスクの特定と対策の実装",
    "incident": "インシデント発生に備えた体制構築",
    "supply-chain": "サプライチェーンセキュリティ対策の推進",
    "communication": "ステークホルダーを含めた関係者とのコミュニケーションの推進",
}

#: Ver 1.0/1.1 check items whose official wording was read (reprint of the 2015 sheet, reference §3.6).
V1_OFFICIAL: dict[str, str] = {
    "1-1": "経営者がサイバーセキュリティのリスクを経営リスクの1つとして認識している",
    "1-2": (
        "経営者が、組織全体でのサイバーセキュリティリスクに対する対応方針（セキュリティポリシー）を策定し、宣言している"
    ),
    "2-1": (
        "組織の対応方針（セキュリティポリシー）に基づき、"
        "CISO等からなるサイバーセキュリティリスク管理体制が構築されている"
    ),
    "2-2": "サイバーセキュリティリスク管理体制において、各関係者の責任が明確になっている",
    "2-3": "組織内のリスク管理体制とサイバーセキュリティリスク管理体制の関係を明確に規定している",
    "3-1": "守るべき資産を特定している",
    "3-2": "特定した守るべき資産に対するサイバー攻撃の脅威を識別し、経営戦略を踏まえたリスクとして把握している",
    "3-3": "サイバーセキュリティリスクが事業にいかなる影響があるかを推定している",
    "3-4": "サイバーセキュリティリスクの影響の度合いに従って、低減、回避のための目標や計画を策定している",
    "3-5": (
        "サイバーセキュリティリスクの影響の度合いに従って"
        "対策を取らないと判断したものを受容または残留リスクとして識別している"
    ),
}

#: Ver 1.x item → its Japanese group (g1..g4), reference §3.4.
V1_ITEM_PARENTS: dict[str, str] = {
    "item-1": "g1",
    "item-2": "g1",
    "item-3": "g2",
    "item-4": "g2",
    "item-5": "g2",
    "item-6": "g3",
    "item-7": "g3",
    "item-8": "g3",
    "item-9": "g4",
    "item-10": "g4",
}
V1_GROUP_TITLES: dict[str, str] = {
    "g1": "リーダーシップの表明と体制の構築",
    "g2": "サイバーセキュリティリスク管理の枠組み決定",
    "g3": "リスクを踏まえた攻撃を防ぐための事前対策",
    "g4": "サイバー攻撃を受けた場合に備えた準備",
}

#: Editorial Ver 1.x → Ver 3.0 correspondence (reference §3.5): item number → directives.
#: Item (4) maps to 指示6, and its check item on protective mechanisms also to 指示5.
V1_TO_V3: dict[int, set[str]] = {
    1: {"directive-1"},
    2: {"directive-2"},
    3: {"directive-4"},
    4: {"directive-6"},
    5: {"directive-9"},
    6: {"directive-3"},
    7: {"directive-9"},
    8: {"directive-10"},
    9: {"directive-7"},
    10: {"directive-7"},
}
V1_EXTRA_TARGETS: dict[str, set[str]] = {"4-2": {"directive-5"}}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    root = tmp_path_factory.mktemp("meti")
    (root / "isms.yaml").write_text(f"organisation: Test\nframeworks: [{V1}, {V3}]\n", encoding="utf-8")
    result = load_repository(root)
    assert result.findings == []
    return result.repository


def _item_number(requirement_id: str) -> int:
    return int(requirement_id.split("-", maxsplit=1)[0])


def test_minimal_repository_loads_without_findings(tmp_path: Path) -> None:
    (tmp_path / "isms.yaml").write_text("organisation: Test\n", encoding="utf-8")
    result = load_repository(tmp_path)
    assert result.findings == []
    frameworks = result.repository.frameworks
    assert frameworks[V1].origin == "package"
    assert frameworks[V3].origin == "package"


def test_framework_info(repo: Repository) -> None:
    v1, v3 = repo.frameworks[V1].info, repo.frameworks[V3].info
    assert (v1.version, v3.version) == ("1.1", "3.0")
    assert (v1.short, v3.short) == ("METI CSM v1", "METI CSM v3")
    assert v1.name.ja == "サイバーセキュリティ経営ガイドライン Ver 1.1 チェックシート"
    assert v3.name.en == "METI Cyber Security Management Guidelines Ver 3.0"
    assert v1.coverage == v3.coverage == "mapped"
    assert v1.notes
    assert v3.notes


def test_v3_has_exactly_the_ten_directives(repo: Repository) -> None:
    framework = repo.frameworks[V3]
    assert list(framework.requirements) == [f"directive-{n}" for n in range(1, 11)]
    for rid, title in V3_TITLES.items():
        requirement = framework.requirements[rid]
        assert requirement.title.ja == title
        assert requirement.title.en
        assert requirement.source == "official"
        assert requirement.verified in {"V1", "V2"}
        assert requirement.description is not None
        assert requirement.description.ja
        assert requirement.description.en
        assert requirement.note is not None
        assert "unverified" in (requirement.note.en or "")
        assert "未検証" in (requirement.note.ja or "")


def test_v3_group_hierarchy(repo: Repository) -> None:
    framework = repo.frameworks[V3]
    assert {gid: g.parent for gid, g in framework.groups.items()} == V3_PARENTS
    assert {gid: g.title.ja for gid, g in framework.groups.items()} == V3_GROUP_TITLES
    assert {rid: r.group for rid, r in framework.requirements.items()} == V3_GROUP_OF


def test_v1_groups(repo: Repository) -> None:
    groups = repo.frameworks[V1].groups
    assert {gid: groups[gid].title.ja for gid in V1_GROUP_TITLES} == V1_GROUP_TITLES
    assert groups["g1"].title.en == "Display leadership and build a structure or process"
    assert {gid: g.parent for gid, g in groups.items() if gid.startswith("item-")} == V1_ITEM_PARENTS
    assert groups["item-1"].title.ja == "サイバーセキュリティリスクの認識、組織全体での対応の策定"
    assert groups["item-3"].title.ja == (
        "サイバーセキュリティリスクの把握と実現するセキュリティレベルを踏まえた目標と計画の策定"
    )
    for gid in V1_GROUP_TITLES:
        assert groups[gid].parent is None


def test_v1_official_check_items(repo: Repository) -> None:
    requirements = repo.frameworks[V1].requirements
    official = {rid: r.title.ja for rid, r in requirements.items() if r.source == "official"}
    assert official == V1_OFFICIAL
    for rid in V1_OFFICIAL:
        assert requirements[rid].verified == "V1"
        assert requirements[rid].title.en


def test_v1_other_check_items_are_paraphrases(repo: Repository) -> None:
    requirements = repo.frameworks[V1].requirements
    others = {rid: r for rid, r in requirements.items() if rid not in V1_OFFICIAL}
    assert "3-6" in others
    for rid, requirement in others.items():
        assert requirement.source == "paraphrase", rid
        assert requirement.title.ja, rid
        assert requirement.title.en, rid
        assert requirement.description is not None, rid


def test_v1_every_item_has_check_items(repo: Repository) -> None:
    framework: Framework = repo.frameworks[V1]
    per_item: dict[str, list[str]] = {f"item-{n}": [] for n in range(1, 11)}
    for rid, requirement in framework.requirements.items():
        assert requirement.group == f"item-{_item_number(rid)}"
        per_item[requirement.group].append(rid)
    for item, ids in per_item.items():
        assert ids, item
        if _item_number(item.removeprefix("item-")) >= 4:
            assert 2 <= len(ids) <= 4, item


def test_v1_maps_to_v3_per_correspondence(repo: Repository) -> None:
    for rid in repo.frameworks[V1].requirements:
        expected = V1_TO_V3[_item_number(rid)] | V1_EXTRA_TARGETS.get(rid, set())
        targets = repo.maps_to((V1, rid))
        assert {key[0] for key in targets} == {V3}, rid
        assert {key[1] for key in targets} == expected, rid


def test_directive_7_is_mapped_from_items_9_and_10(repo: Repository) -> None:
    sources = repo.mapped_from((V3, "directive-7"))
    expected = {(V1, rid) for rid in repo.frameworks[V1].requirements if _item_number(rid) in {9, 10}}
    assert len(expected) == 6
    assert {key for key in sources if key[0] == V1} == expected


def test_cli_catalog_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "isms.yaml").write_text("organisation: Test\n", encoding="utf-8")
    assert main(["catalog", "show", V1, "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("meti-csm-v1: サイバーセキュリティ経営ガイドライン Ver 1.1 チェックシート (1.1)")
    assert "1-1" in out
    assert V1_OFFICIAL["3-5"] in out
    assert "10-3" in out
