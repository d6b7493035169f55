"""`isms group merge`: the group contract from the entities' CI artefacts (their JSON contracts only)."""

from __future__ import annotations

from collections.abc import Mapping

from isms.contracts import EntityJson, GroupDocument
from isms.evaluation import Evaluation
from isms.group import figures
from isms.group.artefacts import Artefact, ArtefactError
from isms.group.rollup import Rollup, entities_of, own_part, require_group
from isms.loader.discover import CONFIG_FILE
from isms.model.config import Entity


def _row(entity: Entity, artefact: Artefact | None, own: Evaluation) -> tuple[EntityJson, str | None]:
    """Return an entity's row from its artefact, or why it is unavailable and that in Japanese."""
    if artefact is None:
        reason = "no artefact: the entity's job failed or uploaded nothing"
        reason_ja = "成果物がありません: 事業体のジョブが失敗したか、何もアップロードしていません"
        return figures.unavailable(entity, reason), reason_ja
    missing = [name for name, doc in (("metrics", artefact.metrics), ("check", artefact.check)) if doc is None]
    if artefact.metrics is None or artefact.check is None:
        reason = f"its artefact has no {' and no '.join(missing)} document"
        reason_ja = f"成果物に {'・'.join(missing)} の文書がありません"
        return figures.unavailable(entity, reason), reason_ja
    return figures.evaluated(entity, artefact.metrics, artefact.check, own.assessment.today), None


def merge(own: Evaluation, artefacts: Mapping[str, Artefact]) -> Rollup:
    """Return the group as of the group repository's day, each entity from its artefact.

    Raises:
        IsmsError: when the group's isms.yaml has errors, or an artefact names no entity of the group.
        UsageError: when isms.yaml has no `group:` section.
    """
    require_group(own)
    entities = entities_of(own)
    known = {entity.id for entity in entities}
    strangers = [a for entity_id, a in artefacts.items() if entity_id not in known]
    if strangers:
        ids = ", ".join(f"`{e.id}`" for e in entities) or "none"
        msg = "\n".join(
            f"{a.files[0]}: `{a.entity}` is not an entity of the group (group.entities in {CONFIG_FILE}: {ids}); "
            "name each artefact after its entity's id"
            for a in strangers
        )
        ja = "\n".join(
            f"{a.files[0]}: `{a.entity}` はグループのエンティティではありません"
            f"（{CONFIG_FILE} の group.entities: {ids}）。成果物にはエンティティの ID を名前に付けてください"
            for a in strangers
        )
        raise ArtefactError(msg, ja=ja)
    made = [(entity.id, *_row(entity, artefacts.get(entity.id), own)) for entity in entities]
    rows = [row for _, row, _ in made]
    document = figures.document(own.assessment.today, own.assessment.history.head, own_part(own), rows)
    return Rollup(own, document, {entity_id: ja for entity_id, _, ja in made if ja is not None})


def stale_notes(document: GroupDocument, lang: str = "en") -> list[str]:
    """Return one line per stale entity (its as-of date is older than the group's), in ``lang``."""
    day = document["as_of"]
    if lang == "ja":
        return [
            f"エンティティ `{row['id']}` が古くなっています: {row['as_of']} 時点で、グループは {day} 時点です。"
            f"{day} の分のジョブを実行し直してください"
            for row in document["entities"]
            if row["stale"]
        ]
    return [
        f"entity `{row['id']}` is stale: as of {row['as_of']}, the group as of {day}; re-run its job for {day}"
        for row in document["entities"]
        if row["stale"]
    ]
