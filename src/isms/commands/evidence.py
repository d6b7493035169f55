"""`isms evidence list|add|refresh|link|unlink|verify`: the evidence register with each item's state, and editing it."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from isms.commands.common import (
    add_format,
    add_root,
    add_terminal_lang,
    add_today,
    duration,
    iso_date,
    nonempty_path,
    today_or_now,
    typed,
)
from isms.commands.exit_codes import EXIT_FINDINGS, EXIT_OK
from isms.commands.summaries import lines, say
from isms.contracts import EvidenceListDocument, EvidenceRowJson, Verified
from isms.edit.evidence import Metadata, Plan, plan_add, plan_refresh
from isms.edit.guard import ensure_valid
from isms.edit.links import plan_link, plan_unlink
from isms.edit.transaction import editing, write_set
from isms.evaluation import Evaluation, evaluate
from isms.export.xlsx_layout import display_width
from isms.loader.assemble import load_repository
from isms.loader.discover import require_root
from isms.model.base import Lang
from isms.model.evidence import CLASS_ORDER, Classification
from isms.report import json as json_report
from isms.report.formats import Renderers
from isms.state.evidence import EvidenceStatus
from isms.stores.attestation import RESULTS, Result, write_atomic
from isms.stores.run import parse_store, verify_store
from isms.vocabulary import CLASSIFICATION, EVIDENCE_STATE, VERIFY_RESULT, word


@dataclass(frozen=True, slots=True)
class ListOptions:
    """The options of `isms evidence list`."""

    messages: Lang

    root: Path
    format: str
    today: dt.date | None
    lang: Lang


@dataclass(frozen=True, slots=True)
class AddOptions:
    """The options of `isms evidence add FILE --for CONTROL...`."""

    messages: Lang

    file: Path
    controls: tuple[str, ...]
    date: dt.date | None
    valid_for: str | None
    classification: Classification | None
    title: str | None
    title_en: str | None
    collected_by: str | None
    sign: Path | None
    root: Path


@dataclass(frozen=True, slots=True)
class RefreshOptions:
    """The options of `isms evidence refresh FILE`."""

    messages: Lang

    file: Path
    date: dt.date | None
    sign: Path | None
    root: Path


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """The options of `isms evidence verify --store ID=PATH --key KEY`."""

    messages: Lang

    stores: tuple[str, ...]
    key: Path
    date: dt.date | None
    root: Path


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """The options of `isms evidence link FILE --for CONTROL...`."""

    messages: Lang

    file: str
    controls: tuple[str, ...]
    root: Path


@dataclass(frozen=True, slots=True)
class UnlinkOptions:
    """The options of `isms evidence unlink FILE --from CONTROL...`."""

    messages: Lang

    file: str
    controls: tuple[str, ...]
    root: Path


EvidenceOptions = ListOptions | AddOptions | RefreshOptions | LinkOptions | UnlinkOptions | VerifyOptions


def _add_date(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="the evidence date (default: today, UTC)")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `list`, `add FILE --for CONTROL...` and `refresh FILE`."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="list the evidence register")
    typed(listing, ListOptions)
    add_root(listing)
    add_format(listing, LIST_RENDERERS.formats)
    add_today(listing)
    add_terminal_lang(listing)
    add = sub.add_parser(
        "add", help="record a file under evidence/ in its folder's evidence.yaml and link it from controls"
    )
    typed(add, AddOptions)
    add.add_argument("file", type=nonempty_path, metavar="FILE", help="the evidence file, inside evidence/")
    add.add_argument(
        "--for",
        dest="controls",
        nargs="+",
        required=True,
        metavar="CONTROL",
        help="requirement ids as `isms catalog show` prints them (framework:id where ambiguous)",
    )
    _add_date(add)
    add.add_argument("--valid-for", type=duration, metavar="DURATION", help="how long it stays current: 30d, 6m, 1y")
    add.add_argument("--class", dest="classification", choices=CLASS_ORDER, help="confidentiality class")
    add.add_argument("--title", metavar="TEXT", help="title in Japanese (default: the file name)")
    add.add_argument("--title-en", metavar="TEXT", help="title in English")
    add.add_argument("--collected-by", metavar="WHO", help="who collected it")
    _add_sign(add)
    add_root(add)
    link = sub.add_parser("link", help="cite declared evidence from more controls (keeps their comments)")
    typed(link, LinkOptions)
    link.add_argument("file", metavar="FILE", help="declared evidence: a file under evidence/, or store:ref")
    link.add_argument(
        "--for",
        dest="controls",
        nargs="+",
        required=True,
        metavar="CONTROL",
        help="requirement ids as `isms catalog show` prints them (framework:id where ambiguous)",
    )
    add_root(link)
    unlink = sub.add_parser("unlink", help="stop citing evidence from controls (it stays in its register)")
    typed(unlink, UnlinkOptions)
    unlink.add_argument("file", metavar="FILE", help="declared evidence: a file under evidence/, or store:ref")
    unlink.add_argument(
        "--from",
        "--for",
        dest="controls",
        nargs="+",
        required=True,
        metavar="CONTROL",
        help="requirement ids of the controls that should no longer cite it",
    )
    add_root(unlink)
    refresh = sub.add_parser("refresh", help="record a new version of a declared evidence file: new sha256 and date")
    typed(refresh, RefreshOptions)
    refresh.add_argument("file", type=nonempty_path, metavar="FILE", help="the evidence file, inside evidence/")
    _add_date(refresh)
    _add_sign(refresh)
    add_root(refresh)
    verify = sub.add_parser(
        "verify",
        help="inside the zone where a store is reachable: hash its files and write a signed attestation",
    )
    typed(verify, VerifyOptions)
    verify.add_argument(
        "--store",
        dest="stores",
        action="append",
        required=True,
        metavar="ID=PATH",
        help="a store of isms.yaml and the folder it is mounted at (repeatable)",
    )
    verify.add_argument(
        "--key",
        type=nonempty_path,
        required=True,
        metavar="KEY",
        help="the custodian's SSH key (private, or public in ssh-agent)",
    )
    _add_date(verify)
    add_root(verify)


def _add_sign(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sign",
        type=nonempty_path,
        metavar="KEY",
        help="sign path, sha256, date, class and collector with the collector's SSH key",
    )


def register_document(result: Evaluation) -> EvidenceListDocument:
    """Return the JSON of `isms evidence list` (``isms.contracts.EvidenceListDocument``)."""
    repo = result.repository
    rows: list[EvidenceRowJson] = []
    for path, status in sorted(result.assessment.evidence.items()):
        item = status.item
        rows.append(
            {
                "path": path,
                "file": item.file,
                "title": item.title.get("ja"),
                "title_en": item.title.en,
                "class": item.classification,
                "date": item.date.isoformat(),
                "valid_until": status.expires.isoformat() if status.expires else None,
                "state": status.state.value,
                "sha256": item.sha256,
                "collected_by": item.collected_by,
                "used_by": [f"{fw}:{rid}" for fw, rid in repo.evidence_users.get(path, [])],
                "store": item.store,
                "ref": item.ref,
                "signature": status.signature,
                "verified": _verified(status),
            }
        )
    return {"version": "1", "as_of": result.assessment.today.isoformat(), "evidence": rows}


@dataclass(frozen=True, slots=True)
class Listing:
    """The register document, and the language of the text (``--lang``, else the terminal's)."""

    document: EvidenceListDocument
    lang: Lang


def _pad(text: str, width: int) -> str:
    """Return ``text`` padded to ``width`` terminal columns (a Japanese character takes two)."""
    return text + " " * (width - display_width(text))


def _row(row: EvidenceRowJson, lang: Lang) -> str:
    """Return one item: state, date, valid until, class, path (the JSON's values in English, words in Japanese)."""
    until = row["valid_until"] or "-"
    if lang == "ja":
        state, kind = word(EVIDENCE_STATE[row["state"]], "ja"), word(CLASSIFICATION[row["class"]], "ja")
        return f"{_pad(state, 16)} {row['date']}  期限 {until:<10}  {_pad(kind, 16)} {row['path']}"
    return f"{row['state']:<9} {row['date']}  until {until:<10}  {row['class']:<12} {row['path']}"


def _list_text(listing: Listing, out: TextIO) -> None:
    document = listing.document
    for row in document["evidence"]:
        out.write(_row(row, listing.lang) + "\n")
    out.write(say("evidence_items", listing.lang, count=len(document["evidence"]), day=document["as_of"]) + "\n")


def _list_json(listing: Listing, out: TextIO) -> None:
    json_report.write(listing.document, out)


LIST_RENDERERS: Renderers[Listing] = Renderers({"text": _list_text, "json": _list_json})


def _verified(status: EvidenceStatus) -> Verified | None:
    """Return the attestation that proves a store item: date, verifier, its SHA-256."""
    found = status.attestation
    if found is None:
        return None
    return {"date": found.date.isoformat(), "by": found.verifier, "attestation_sha256": found.sha256}


def _file(options: AddOptions | RefreshOptions) -> Path:
    """Return FILE as given, or relative to --root when it is not found from the current folder."""
    file = options.file
    if not file.exists() and not file.is_absolute() and (options.root / file).exists():
        return Path(options.root / file)
    return file


def _edit(options: AddOptions | RefreshOptions, out: TextIO) -> int:
    with editing(require_root(options.root)) as recovered:
        repo = load_repository(options.root).repository
        date = today_or_now(options.date)
        plan: Plan
        if isinstance(options, AddOptions):
            meta = Metadata(
                date,
                options.title,
                options.title_en,
                options.valid_for,
                options.classification,
                options.collected_by,
                options.sign,
            )
            plan = plan_add(repo, _file(options), options.controls, meta)
        else:
            plan = plan_refresh(repo, _file(options), date, options.sign)
        ensure_valid(repo.root, plan.changes)
        write_set(repo.root, plan.changes)
    out.write(lines([*recovered, *plan.messages], options.messages))
    return EXIT_OK


def _verify(options: VerifyOptions, out: TextIO) -> int:
    """Verify every store given; write the attestations only when all are signed (each file atomically)."""
    repo = load_repository(options.root).repository
    date = today_or_now(options.date)
    done = [verify_store(repo, *parse_store(value), options.key, date) for value in options.stores]
    bad = 0
    for verified in done:
        write_atomic(verified.target, verified.content)
        counts = Counter(item.result for item in verified.items)
        summary = _tally(counts, options.messages) or say("no_items", options.messages)
        target = verified.target.relative_to(repo.root).as_posix()
        out.write(say("verified", options.messages, store=verified.store, summary=summary, target=target) + "\n")
        for item in verified.items:
            if item.result != "match":
                bad += 1
                said = word(VERIFY_RESULT[item.result], options.messages)
                out.write(f"  {_pad(said, 10 if options.messages == 'en' else 14)} {item.ref}\n")
    return EXIT_FINDINGS if bad else EXIT_OK


def _tally(counts: Counter[Result], lang: Lang) -> str:
    """Return ``3 match, 1 mismatch`` (``一致 3 件、ハッシュ不一致 1 件``): the results of a store's verification."""
    if lang == "ja":
        return "、".join(f"{word(VERIFY_RESULT[r], 'ja')} {counts[r]} 件" for r in RESULTS if counts[r])
    return ", ".join(f"{counts[r]} {r}" for r in RESULTS if counts[r])


def _relink(options: LinkOptions | UnlinkOptions, out: TextIO) -> int:
    """Run `link` or `unlink`: validate the planned control files, then write them."""
    with editing(require_root(options.root)) as recovered:
        repo = load_repository(options.root).repository
        planner = plan_link if isinstance(options, LinkOptions) else plan_unlink
        plan = planner(repo, options.file, options.controls)
        ensure_valid(repo.root, plan.changes)
        write_set(repo.root, plan.changes)
    out.write(lines([*recovered, *plan.messages], options.messages))
    return EXIT_OK


def run(options: EvidenceOptions, out: TextIO) -> int:
    """Run `isms evidence list|add|refresh|link|unlink|verify`."""
    if isinstance(options, AddOptions | RefreshOptions):
        return _edit(options, out)
    if isinstance(options, LinkOptions | UnlinkOptions):
        return _relink(options, out)
    if isinstance(options, VerifyOptions):
        return _verify(options, out)
    result = evaluate(options.root, options.today)
    LIST_RENDERERS.write(options.format, Listing(register_document(result), options.lang), out)
    return EXIT_OK
