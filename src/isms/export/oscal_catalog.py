"""A framework as an OSCAL catalog: groups (themes), controls (requirements), our properties.

Control ids are ``<framework>_<requirement>`` tokens (``iso27001-2022_5.1``): OSCAL ids must
start with a letter, and the framework keeps ids unique across catalogs. The requirement's own id
is the control's ``label`` property.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from isms.export.oscal import JsonObject, compact, line, metadata, prop, stable_uuid, token
from isms.model.base import Lang, Text
from isms.model.catalog import Group, Requirement
from isms.model.repository import Framework, ReqKey

_OTHER: dict[Lang, Lang] = {"ja": "en", "en": "ja"}


def control_id(key: ReqKey) -> str:
    """Return the OSCAL control id of a requirement."""
    return token(key[0], key[1])


def catalog_file(framework_id: str) -> str:
    """Return the catalog's file name inside the export folder."""
    return f"catalogs/{framework_id}.json"


def _alt_title(text: Text, lang: Lang) -> list[JsonObject]:
    """Return the title in the other language as a property, when it differs."""
    other = _OTHER[lang]
    value = text.ja if other == "ja" else text.en
    return [prop("alt-title", value, cls=other)] if value and value != text.get(lang) else []


def _prose(text: Text | None, lang: Lang) -> str | None:
    return text.get(lang) if text else None


def _control(framework: Framework, requirement: Requirement, maps_to: list[ReqKey], lang: Lang) -> JsonObject:
    cid = control_id((framework.id, requirement.id))
    props = [prop("label", requirement.id, ns=None), *_alt_title(requirement.title, lang)]
    props.append(prop("source", requirement.source))
    if requirement.new:
        props.append(prop("new", "true"))
    if requirement.verified:
        props.append(prop("verified", requirement.verified))
    for name, values in requirement.attributes.items():
        props += [prop(token(name), value, cls="attribute") for value in values]
    parts = []
    description = _prose(requirement.description, lang)
    if description:
        parts.append({"id": f"{cid}_ovw", "name": "overview", "prose": description})
    note = _prose(requirement.note, lang)
    if note:
        parts.append({"id": f"{cid}_note", "name": "guidance", "prose": note})
    links = [
        {"href": f"{target[0]}.json#{control_id(target)}", "rel": "related", "text": line(f"{target[0]}:{target[1]}")}
        for target in maps_to
    ]
    title = line(requirement.title.get(lang))
    return compact({"id": cid, "title": title, "props": props, "links": links, "parts": parts})


def _group(framework: Framework, group: Group, lang: Lang, children: dict[str | None, list[Group]]) -> JsonObject:
    return compact(
        {
            "id": token(framework.id, group.id),
            "title": line(group.title.get(lang)),
            "props": [prop("label", group.id, ns=None), *_alt_title(group.title, lang)],
            "parts": ([{"name": "overview", "prose": group.description.get(lang)}] if group.description else []),
            "groups": [_group(framework, child, lang, children) for child in children.get(group.id, [])],
            "controls": [],  # filled in by build_catalog
        }
    )


def build_catalog(framework: Framework, maps_to: dict[ReqKey, list[ReqKey]], as_of: dt.date, lang: Lang) -> JsonObject:
    """Return an OSCAL catalog document for one framework.

    Args:
        framework: The loaded framework.
        maps_to: For each requirement, the requirements it corresponds to (catalog, control and policy mappings).
        as_of: The date of the export (``last-modified``).
        lang: Language of titles and prose; the other language's title is kept as an `alt-title` property.
    """
    children: dict[str | None, list[Group]] = {}
    for group in framework.groups.values():
        parent = group.parent if group.parent in framework.groups else None
        children.setdefault(parent, []).append(group)
    groups = {g.id: _group(framework, g, lang, children) for g in children.get(None, [])}
    by_id: dict[str, JsonObject] = {}

    def index(node: JsonObject) -> None:
        by_id[node["id"]] = node
        for child in node.get("groups", []):
            index(child)

    for node in groups.values():
        index(node)
    loose: list[JsonObject] = []
    for requirement in framework.requirements.values():
        control = _control(framework, requirement, maps_to.get((framework.id, requirement.id), []), lang)
        holder = by_id.get(token(framework.id, requirement.group)) if requirement.group else None
        if holder is None:
            loose.append(control)
        else:
            holder.setdefault("controls", []).append(control)
    info = framework.info
    notes = [note.get(lang) for note in info.notes]
    remarks = "\n\n".join(filter(None, [_prose(info.description, lang), *notes])) or None
    body = compact(
        {
            "metadata": metadata(
                info.name.get(lang),
                info.version,
                as_of,
                props=[prop("framework-id", info.id), prop("origin", framework.origin), *_alt_title(info.name, lang)],
                remarks=remarks,
            ),
            "groups": [_prune(node) for node in groups.values()],
            "controls": loose,
        }
    )
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return {"catalog": {"uuid": stable_uuid("catalog", info.id, digest), **body}}


def _prune(node: JsonObject) -> JsonObject:
    """Drop empty `groups`/`controls` arrays left by the construction."""
    groups = [_prune(child) for child in node.get("groups", [])]
    return compact({**node, "groups": groups, "controls": node.get("controls", [])})
