"""`isms audit-pack --as-of D --out FILE.zip`: the ISMS as it was on a day, in one verifiable zip.

The commit that was HEAD on D (the newest first-parent commit committed by the end of D) is read
from git objects as `isms diff` reads its revisions, so the work tree stays untouched; it is
evaluated as of D and packed with the built site, the SoA workbook and CSV, the OSCAL documents,
the evidence register and the findings, a MANIFEST of SHA-256 and a README. Same commit and day,
same bytes. ``--sign KEY`` adds an SSH signature of the MANIFEST.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from isms.commands.common import add_lang, add_root, iso_date, nonempty_path, typed
from isms.commands.evidence import register_document
from isms.commands.exit_codes import EXIT_OK
from isms.commands.summaries import say
from isms.diff.snapshot import SITE_TOPS, snapshot
from isms.errors import IsmsError, UsageError
from isms.evaluation import Evaluation, evaluate
from isms.export.csv_export import soa_csv
from isms.export.oscal_catalog import build_catalog, catalog_file
from isms.export.oscal_results import build_assessment_results
from isms.export.pack import MANIFEST, README, SIGNATURE, manifest, pack_zip, readme, stable_files
from isms.export.xlsx import soa_workbook, write_bytes_atomically
from isms.history.git import run_git
from isms.loader.discover import require_root
from isms.model.base import Lang
from isms.report import json as json_report
from isms.signing.ssh import AUDIT_PACK_NAMESPACE, sign
from isms.site import build as site_build

#: What a pack holds besides the site, and what each is (ja / en), for the README.
CONTENTS = {
    "site/": "監査用サイト（site/index.html を開く） / the auditor site (open site/index.html)",
    "soa/soa.xlsx": "適用宣言書（ワークブック） / the Statement of Applicability, workbook",
    "soa/soa.csv": "適用宣言書（CSV） / the Statement of Applicability, CSV",
    "soa/soa-additional.csv": "独自の管理策（CSV、ある場合） / the own controls (soa.additional), CSV, if any",
    "soa/soa-history.csv": "適用宣言書の改訂履歴（CSV） / the SoA's change history, CSV",
    "oscal/": "OSCAL カタログと評価結果 / OSCAL catalogs and assessment results",
    "evidence-register.json": "証跡台帳（ハッシュと状態） / the evidence register with hashes and states",
    "findings.json": "isms check の指摘事項 / the findings of isms check",
    MANIFEST: "各ファイルの SHA-256 / every file's SHA-256",
}


@dataclass(frozen=True, slots=True)
class AuditPackOptions:
    """The options of `isms audit-pack`."""

    messages: Lang

    root: Path
    as_of: dt.date
    out: Path
    sign: Path | None
    lang: Lang


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of `isms audit-pack`."""
    typed(parser, AuditPackOptions)
    add_root(parser)
    parser.add_argument(
        "--as-of", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the audit date: the ISMS as it was then"
    )
    parser.add_argument("--out", type=nonempty_path, required=True, metavar="FILE.zip", help="the zip to write")
    parser.add_argument(
        "--sign", type=nonempty_path, metavar="KEY", help="sign the MANIFEST with this SSH key (ssh-keygen -Y sign)"
    )
    add_lang(parser)


def commit_on(root: Path, day: dt.date) -> str:
    """Return the commit that was HEAD at the end of ``day`` (first parents of HEAD, by commit date).

    Raises:
        UsageError: not a git repository, a shallow clone, or no commit by then.
    """
    try:
        log = run_git(root, "log", "--first-parent", "--format=%H %cI", "HEAD").decode("utf-8").split("\n")
    except IsmsError:
        msg = f"{root}: not a git repository with commits; an audit pack is read from the history"
        ja = f"{root}: コミットのある git リポジトリではありません。監査パックは履歴から作ります"
        raise UsageError(msg, ja=ja) from None
    commits = [(sha, dt.datetime.fromisoformat(when)) for sha, when in (line.split() for line in log if line)]
    if run_git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true":
        oldest = commits[-1][1].date().isoformat()
        msg = (
            f"{root} is a shallow clone: only {len(commits)} commit(s) back to {oldest} are present and the "
            "history before is missing, so dates and reviews would be wrong; fetch it all "
            "(`git fetch --unshallow`, or `fetch-depth: 0` in CI)"
        )
        ja = (
            f"{root} は shallow clone です。{oldest} までの {len(commits)} commit(s) しかなく、"
            "それ以前の履歴がないため日付やレビューが正しく判定できません。"
            "履歴をすべて取得してください（`git fetch --unshallow`、CI では `fetch-depth: 0`）"
        )
        raise UsageError(msg, ja=ja)
    for sha, when in commits:
        if when.date() <= day:
            return sha
    first = commits[-1]
    msg = f"--as-of {day}: before the first commit ({first[0][:10]} of {first[1].date()}); give a later date"
    ja = (
        f"--as-of {day}: 最初のコミット（{first[1].date()} の {first[0][:10]}）より前です。"
        "それ以降の日付を指定してください"
    )
    raise UsageError(msg, ja=ja)


def _json(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _documents(result: Evaluation, lang: Lang, site: Path) -> dict[str, bytes]:
    repo = result.repository
    pages = (path for path in sorted(site.rglob("*")) if path.is_file())
    files = {f"site/{path.relative_to(site).as_posix()}": path.read_bytes() for path in pages}
    files["soa/soa.xlsx"] = soa_workbook(result, lang)
    files["soa/soa.csv"] = soa_csv(result, lang).encode("utf-8")
    if repo.config.soa.additional:
        files["soa/soa-additional.csv"] = soa_csv(result, lang, "additional").encode("utf-8")
    files["soa/soa-history.csv"] = soa_csv(result, lang, "history").encode("utf-8")
    maps_to = {
        key: repo.maps_to(key) for fw in repo.frameworks.values() for key in ((fw.id, r) for r in fw.requirements)
    }
    for fid in sorted(repo.frameworks):
        document = build_catalog(repo.frameworks[fid], maps_to, result.assessment.today, lang)
        files[f"oscal/{catalog_file(fid)}"] = _json(document)
    files["oscal/assessment-results.json"] = _json(build_assessment_results(result, lang))
    files["evidence-register.json"] = _json(register_document(result))
    findings = json_report.check_document(result.findings, result.assessment.today, result.assessment.history.head)
    files["findings.json"] = _json(findings)
    return files


def run(options: AuditPackOptions, out: TextIO) -> int:
    """Run `isms audit-pack`."""
    root = require_root(options.root)
    day = options.as_of
    commit = commit_on(root, day)
    with snapshot(root, commit, extra=SITE_TOPS) as snap, tempfile.TemporaryDirectory(prefix="isms-pack-") as tmp:
        result = evaluate(snap.root, day, history=snap.history)
        site = Path(tmp) / "site"
        site_build.build(result, lang=options.lang, out=site)
        files = _documents(result, options.lang, site)
    organisation = result.repository.config.organisation.get(options.lang)
    files[README] = readme(organisation, day, commit, CONTENTS)
    files = stable_files(files)
    files[MANIFEST] = manifest(files)
    if options.sign is not None:
        files[SIGNATURE] = sign(files[MANIFEST], options.sign, AUDIT_PACK_NAMESPACE).encode("ascii")
    write_bytes_atomically(options.out, pack_zip(files))
    signed = say("manifest_signed", options.messages) if options.sign is not None else ""
    line = say(
        "audit_pack", options.messages, out=options.out, day=day, commit=commit[:10], count=len(files), signed=signed
    )
    out.write(line + "\n")
    return EXIT_OK
