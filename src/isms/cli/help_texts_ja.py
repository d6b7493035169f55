"""The Japanese of every text `isms --help` and the commands' ``--help`` print, keyed by its English.

Words as the messages and the site use them (`isms.vocabulary`): 管理策 (control), 要求事項
(requirement), 証跡・証跡台帳 (evidence, its register), 適用宣言書 (SoA), リスク登録簿, 是正処置,
不適合, 責任者 (owner), 保管庫 (store), 検証記録 (attestation), エンティティ, 成果物 (artefact),
基準日 (as-of day); `isms validate` 検証, `isms check` 点検. Option names, metavars, choices, paths,
ids and commands stay as typed. A ``%(default)s`` of argparse is kept; a literal ``%`` is ``%%``.
"""

from __future__ import annotations

import re

#: argparse's own words, the top level, and the options several commands share.
COMMON: dict[str, str] = {
    "show this help message and exit": "このヘルプを表示して終了する",
    "show program's version number and exit": "バージョンを表示して終了する",
    "ISMS as code: validate, check, measure and publish an ISO/IEC 27001 ISMS kept in git.": (
        "git で管理する ISO/IEC 27001 の ISMS を、コードとして検証・点検・測定し、公開します。"
    ),
    "exit codes:\n"
    "  0  success (no error findings)\n"
    "  1  the repository has errors (or warnings with --strict)\n"
    "  2  bad usage, or --root is not an ISMS repository\n"
    "  3  internal error (a bug in isms: please report it)\n": (
        "終了コード:\n"
        "  0  成功（エラーの指摘なし）\n"
        "  1  リポジトリにエラーがある（--strict では警告も）\n"
        "  2  使い方の誤り、または --root が ISMS リポジトリではない\n"
        "  3  内部エラー（isms の不具合です。報告してください）\n"
    ),
    "the ISMS repository (default: the current directory)": "ISMS リポジトリ（既定: カレントディレクトリ）",
    "output format (default: %(default)s)": "出力形式（既定: %(default)s）",
    "language of the messages (default: the locale's, here %(default)s; or set ISMS_LANG=ja|en)": (
        "メッセージの言語（既定: ロケールの言語、ここでは %(default)s。ISMS_LANG=ja|en でも指定できる）"
    ),
    "language of the output (default: ja)": "出力の言語（既定: ja）",
    "evaluate as of this date (default: today, UTC)": "この日の時点で評価する（既定: 今日、UTC）",
    "framework id, e.g. iso27001-2022": "フレームワーク ID（例: iso27001-2022）",
    "an id under `owners` in isms.yaml": "isms.yaml の `owners` にある ID",
    "allow --out inside a source folder (never over a file isms reads)": (
        "--out にソースのフォルダ内を指定できるようにする（isms が読むファイルは上書きしない）"
    ),
}

#: Each command's line in `isms --help`, which is also the description of its own help.
COMMAND_LINES: dict[str, str] = {
    "check that the repository's YAML is well-formed, valid and consistent": (
        "リポジトリの YAML が構文どおりで、スキーマに適合し、互いに矛盾しないかを検証する"
    ),
    "check evidence (missing, stale, tampered), applicability, owners, reviews, mappings and measures": (
        "証跡（ファイルなし・期限切れ・ハッシュ不一致）、適用、責任者、レビュー、マッピング、有効性測定を点検する"
    ),
    "coverage and effectiveness per framework, evidence health and measures": (
        "フレームワークごとのカバー率と有効性、証跡の健全性、有効性測定"
    ),
    "the evidence register: list it (date, validity, class, state), add evidence or record a new version, "
    "link it from more controls or unlink it, verify a store": (
        "証跡台帳: 一覧表示（日付、有効期間、機密区分、状態）、証跡の追加と新しい版の記録、"
        "管理策からの参照の追加と解除、保管庫の検証"
    ),
    "list the loaded frameworks, or show one framework's requirements": (
        "読み込んだフレームワークを一覧表示する、または 1 つのフレームワークの要求事項を表示する"
    ),
    "export JSON Schemas (draft-07) of the YAML files, for the YAML language server": (
        "YAML ファイルの JSON Schema（draft-07）を書き出す（エディタの YAML 言語サーバー用）"
    ),
    "compare the ISMS at two commits: coverage, effectiveness, evidence states and findings": (
        "2 つのコミットの ISMS を比較する: カバー率、有効性、証跡の状態、指摘"
    ),
    "scaffold a control file for a requirement (status planned, the requirement as comments), or set its "
    "status, owner, implementation, justification or review date": (
        "要求事項の管理策ファイルのひな形を作る（実施状況は計画中、要求事項はコメントとして記載）、"
        "または実施状況、責任者、実施内容、適用・除外の根拠、レビュー日を設定する"
    ),
    "write .github/CODEOWNERS so that a change to a control or policy needs its owner's review": (
        ".github/CODEOWNERS を書き出し、管理策や方針の変更に責任者のレビューを必須にする"
    ),
    "create a new ISMS repository: isms.yaml, a planned control per Annex A requirement, CI, site, editor": (
        "新しい ISMS リポジトリを作る: isms.yaml、附属書A の要求事項ごとに計画中の管理策、CI、サイト、エディタの設定"
    ),
    "the Statement of Applicability (SoA) as an Excel workbook, CSV (UTF-8 with BOM) or Markdown": (
        "適用宣言書（SoA）を Excel ブック、CSV（BOM 付き UTF-8）または Markdown で出力する"
    ),
    "build or preview the auditor site (dashboard, SoA, frameworks, controls, evidence, findings)": (
        "監査用サイトをビルドする、またはプレビューする（ダッシュボード、適用宣言書、フレームワーク、管理策、証跡、指摘）"
    ),
    "export the catalogs and the current state as OSCAL 1.2.3 JSON (catalogs, assessment results)": (
        "カタログと現在の状態を OSCAL 1.2.3 の JSON で書き出す（カタログ、評価結果）"
    ),
    "import a spreadsheet (xlsx, csv): a catalog of requirements, an SoA into control files, a risk register, "
    "or a corrective-action log": (
        "表計算ファイル（xlsx、csv）を取り込む: 要求事項のカタログ、適用宣言書（管理策ファイルへ）、"
        "リスク登録簿、是正処置台帳"
    ),
    "what falls due within a window (evidence expiry, control and policy reviews, control due dates), by owner": (
        "期間内に期限を迎えるもの（証跡の有効期限、管理策と方針のレビュー、管理策の期日）を責任者ごとに示す"
    ),
    "roll up a group's entities (each its own ISMS repository): build the group site, print the group "
    "contract, or merge the entities' CI artefacts": (
        "グループのエンティティ（それぞれが 1 つの ISMS リポジトリ）を集約する: グループのサイトをビルドする、"
        "グループの JSON 契約を出力する、またはエンティティの CI の成果物をまとめる"
    ),
    "a reproducible sample of records for an auditor (evidence, controls, nonconformities, risks or a "
    "register file): the same seed gives the same records": (
        "監査のために記録を抽出する（証跡、管理策、不適合、リスク、または台帳ファイル）: "
        "同じシードからは同じ記録が選ばれ、抽出を再現できる"
    ),
    "the ISMS as it was on an audit date in one reproducible zip: site, SoA, OSCAL, evidence register, "
    "findings, MANIFEST (optionally signed)": (
        "監査日時点の ISMS を再現できる 1 つの zip にまとめる: サイト、適用宣言書、OSCAL、証跡台帳、指摘、"
        "MANIFEST（署名もできる）"
    ),
}

#: validate, check, metrics, catalog, schema, diff, control, codeowners, init, soa, remind.
OPTIONS: dict[str, str] = {
    "fail on warnings too": "警告でも失敗とする",
    "fail on warnings too; hash every evidence file anew (no cache)": (
        "警告でも失敗とし、すべての証跡ファイルのハッシュを計算し直す（キャッシュを使わない）"
    ),
    "list the frameworks": "フレームワークを一覧表示する",
    "show a framework's requirements": "フレームワークの要求事項を表示する",
    "folder to write the schemas to (default: schemas)": "スキーマを書き出すフォルダ（既定: schemas）",
    "the commit to compare from, e.g. origin/main": "比較元のコミット（例: origin/main）",
    "the commit to compare to (default: HEAD; uncommitted changes are not compared)": (
        "比較先のコミット（既定: HEAD。未コミットの変更は比較しない）"
    ),
    "create controls/FRAMEWORK/ID.yaml from the catalog": "カタログから controls/FRAMEWORK/ID.yaml を作る",
    "change a control file's fields in place, keeping its comments (refused when the result is invalid)": (
        "管理策ファイルの項目をコメントを残したまま書き換える（結果が不正になる変更は行わない）"
    ),
    "requirement id as `isms catalog show` prints it, e.g. A.5.15": (
        "要求事項の ID（`isms catalog show` の表示どおり。例: A.5.15）"
    ),
    "an id under `owners` in isms.yaml (default: a placeholder)": "isms.yaml の `owners` にある ID（既定: 仮の値）",
    "requirement id (framework:id where ambiguous), e.g. A.5.15": (
        "要求事項の ID（紛らわしいときは framework:id。例: A.5.15）"
    ),
    "the decision and its progress": "実施状況（適用の判断と進み具合）",
    "how it is done here (Japanese, or the only text)": "実施内容（日本語。言語を分けないときはここにだけ書く）",
    "how it is done here, in English": "実施内容（英語）",
    "why it is excluded (needed for not-applicable)": "除外の根拠（not-applicable では必須）",
    "the date of its last review": "最終レビュー日",
    "write nothing; exit 1 when the file is missing or out of date": (
        "何も書き込まず、ファイルがないか古いときは終了コード 1 で終わる"
    ),
    "the folder to create (new, or empty)": "作成するフォルダ（新しいフォルダ、または空のフォルダ）",
    "the organisation's name (default: the folder's name)": "組織名（既定: フォルダ名）",
    "its English name (default: the same)": "組織の英語名（既定: 組織名と同じ）",
    "GitHub user or team of the `ciso` owner, e.g. @your-org/security": (
        "責任者 `ciso` の GitHub のユーザーまたはチーム（例: @your-org/security）"
    ),
    "CI to set up: GitHub Actions workflow (default) or .gitlab-ci.yml for a self-hosted GitLab": (
        "設定する CI: GitHub Actions のワークフロー（既定）、または自社運用の GitLab 向けの .gitlab-ci.yml"
    ),
    "what the CI gives `pip install` to get isms, e.g. isms==0.1.0 or git+https://…/isms@COMMIT "
    "(default: the source this isms was installed from: its VCS URL and commit, or its index version)": (
        "CI が isms を入れるときに `pip install` に渡す指定（例: isms==0.1.0、git+https://…/isms@COMMIT。"
        "既定: この isms のインストール元。バージョン管理の URL とコミット、またはパッケージ索引の版）"
    ),
    "file to write (default: soa.xlsx for xlsx, standard output for csv and md)": (
        "書き出すファイル（既定: xlsx は soa.xlsx、csv と md は標準出力）"
    ),
    "with --format csv, which part of the SoA (a CSV file holds one table): soa (the default; "
    "`isms import controls` reads it back), additional (the organisation's own controls, soa.additional) "
    "or history (the changes from git); the workbook and Markdown hold every part": (
        "--format csv で書き出す適用宣言書の部分（CSV ファイル 1 つに表 1 つ）: soa（既定。"
        "`isms import controls` で読み戻せる）、additional（組織独自の管理策、soa.additional）、"
        "history（git にある変更の履歴）。Excel ブックと Markdown にはすべての部分が入る"
    ),
    "list what falls due from now until now + DURATION, and everything overdue (default: 30d)": (
        "今日から DURATION 後までに期限を迎えるものと、期限超過のものをすべて示す（既定: 30d）"
    ),
    "only this owner's items (an id under `owners` in isms.yaml)": (
        "この責任者の項目だけを示す（isms.yaml の `owners` にある ID）"
    ),
}

#: evidence, site, export, sample, audit-pack.
EVIDENCE_AND_OUTPUTS: dict[str, str] = {
    "list the evidence register": "証跡台帳を一覧表示する",
    "record a file under evidence/ in its folder's evidence.yaml and link it from controls": (
        "evidence/ にあるファイルをそのフォルダの evidence.yaml に登録し、管理策から参照する"
    ),
    "cite declared evidence from more controls (keeps their comments)": (
        "登録済みの証跡をほかの管理策からも参照する（管理策ファイルのコメントは残す）"
    ),
    "stop citing evidence from controls (it stays in its register)": (
        "管理策から証跡への参照をやめる（証跡台帳には残る）"
    ),
    "record a new version of a declared evidence file: new sha256 and date": (
        "登録済みの証跡ファイルの新しい版を記録する: 新しい sha256 と日付"
    ),
    "inside the zone where a store is reachable: hash its files and write a signed attestation": (
        "保管庫に届くゾーンの中で実行する: 保管庫のファイルのハッシュを計算し、署名付きの検証記録を書き出す"
    ),
    "the evidence file, inside evidence/": "証跡ファイル（evidence/ の中）",
    "requirement ids as `isms catalog show` prints them (framework:id where ambiguous)": (
        "要求事項の ID（`isms catalog show` の表示どおり。紛らわしいときは framework:id）"
    ),
    "the evidence date (default: today, UTC)": "証跡の日付（既定: 今日、UTC）",
    "how long it stays current: 30d, 6m, 1y": "有効期間: 30d、6m、1y など",
    "confidentiality class": "機密区分",
    "title in Japanese (default: the file name)": "日本語のタイトル（既定: ファイル名）",
    "title in English": "英語のタイトル",
    "who collected it": "収集者",
    "sign path, sha256, date, class and collector with the collector's SSH key": (
        "パス、sha256、日付、機密区分、収集者に、収集者の SSH 鍵で署名する"
    ),
    "declared evidence: a file under evidence/, or store:ref": (
        "登録済みの証跡: evidence/ にあるファイル、または store:ref"
    ),
    "requirement ids of the controls that should no longer cite it": "参照をやめる管理策の要求事項 ID",
    "a store of isms.yaml and the folder it is mounted at (repeatable)": (
        "isms.yaml の保管庫と、そのマウント先のフォルダ（繰り返し指定できる）"
    ),
    "the custodian's SSH key (private, or public in ssh-agent)": (
        "保管庫の管理者の SSH 鍵（秘密鍵、または ssh-agent にある鍵の公開鍵）"
    ),
    "generate the pages and build the site (even when checks fail)": (
        "ページを生成してサイトをビルドする（点検でエラーがあってもビルドする）"
    ),
    "live preview: regenerate on every change of the sources": (
        "ライブプレビュー: ソースが変わるたびにページを生成し直す"
    ),
    "Generate the pages from the repository and build the site with the engine. "
    "Exits 0 when the site was built, whatever the checks found; non-zero only when the engine fails.": (
        "リポジトリからページを生成し、エンジンでサイトをビルドします。サイトができれば、点検の結果にかかわらず"
        "終了コードは 0 です。0 以外になるのはエンジンが失敗したときだけです。"
    ),
    "the site engine (default: mkdocs; zensical needs `pip install zensical`)": (
        "サイトのエンジン（既定: mkdocs。zensical には `pip install zensical` が必要）"
    ),
    "output folder (default: ROOT/site)": "出力フォルダ（既定: ROOT/site）",
    "Generate the pages into a staging folder and serve them with the engine's development server; the "
    "sources (isms.yaml, controls/, policies/, evidence/, catalogs/, the hand-written pages and mkdocs.yml) "
    "are polled every second and the pages regenerated on change.": (
        "ページを作業用フォルダに生成し、エンジンの開発用サーバーで配信します。ソース（isms.yaml、controls/、"
        "policies/、evidence/、catalogs/、手書きのページ、mkdocs.yml）を毎秒確かめ、変わればページを生成し直します。"
    ),
    "address to serve on (default: %(default)s)": "配信するアドレス（既定: %(default)s）",
    "OSCAL 1.2.3: catalogs/<framework>.json and assessment-results.json": (
        "OSCAL 1.2.3: catalogs/<framework>.json と assessment-results.json"
    ),
    "Write every loaded framework as an OSCAL catalog and the state as of --today as OSCAL assessment results "
    "(OSCAL 1.2.3, JSON). Evidence files are referenced, never copied; confidential and insider evidence "
    "appears as metadata only.": (
        "読み込んだすべてのフレームワークを OSCAL のカタログとして、--today の時点の状態を OSCAL の評価結果として"
        "書き出します（OSCAL 1.2.3、JSON）。証跡ファイルは参照するだけで複製しません。機密とインサイダー情報の"
        "証跡はメタデータだけを書き出します。"
    ),
    "folder to write to (default: oscal)": "書き出し先のフォルダ（既定: oscal）",
    "what to sample: evidence, controls, nonconformities, risks, or a register file (.csv or .json) in the "
    "repository, e.g. evidence/audit/corrective-actions.csv (each data row is a record)": (
        "抽出の対象: `evidence`（証跡）、`controls`（管理策）、`nonconformities`（不適合）、`risks`（リスク）、"
        "またはリポジトリにある台帳ファイル（.csv か .json。例: evidence/audit/corrective-actions.csv。"
        "データの 1 行が記録 1 件）"
    ),
    "how many records to pick": "抽出する記録の件数",
    "any text, e.g. the audit's id; the same seed and population give the same sample": (
        "任意の文字列（例: 監査の ID）。シードと母集団が同じなら、抽出される記録も同じ"
    ),
    "sample only records whose FIELD matches VALUE (* and ? match any text); repeat to combine": (
        "FIELD が VALUE に一致する記録だけから抽出する（* と ? は任意の文字列に一致）。繰り返すと条件を重ねる"
    ),
    "the audit date: the ISMS as it was then": "監査日: その日の時点の ISMS をまとめる",
    "the zip to write": "書き出す zip ファイル",
    "sign the MANIFEST with this SSH key (ssh-keygen -Y sign)": (
        "この SSH 鍵で MANIFEST に署名する（`ssh-keygen -Y sign`）"
    ),
}

#: import, group.
IMPORT_AND_GROUP: dict[str, str] = {
    "a sheet of requirements -> catalogs/<ID>.yaml (added, changed and removed ids reported)": (
        "要求事項のシート → catalogs/<ID>.yaml（追加・変更・削除された ID を示す）"
    ),
    "an SoA sheet -> control files (status, applicability, reasons, justification, owner)": (
        "適用宣言書のシート → 管理策ファイル（実施状況、適用、採用理由、適用・除外の根拠、責任者）"
    ),
    "a risk register sheet -> risks/<id>.yaml (assets, threat, owner, likelihood/impact, treatment…)": (
        "リスク登録簿のシート → risks/<id>.yaml（資産、脅威、責任者、発生可能性・影響度、リスク対応…）"
    ),
    "a corrective-action log -> nonconformities/<id>.yaml (source, owner, root cause, action, due, done…)": (
        "是正処置台帳 → nonconformities/<id>.yaml（発生源、責任者、根本原因、処置、期限、完了日…）"
    ),
    "Turn a spreadsheet of requirements into catalogs/<ID>.yaml. An existing catalog is updated in place; "
    "a packaged catalog of the same id is replaced by the repository's copy.": (
        "要求事項の表計算ファイルを catalogs/<ID>.yaml にします。既存のカタログは、そのファイルを直接更新します。"
        "同じ ID の同梱カタログは、リポジトリのカタログに置き換わります。"
    ),
    "the spreadsheet: .xlsx, .xlsm, .csv (UTF-8) or .tsv": "表計算ファイル: .xlsx、.xlsm、.csv（UTF-8）、.tsv",
    "the row holding the headers (0: none, the data starts in row 1)": (
        "見出しの行（0: 見出しなし。データは 1 行目から）"
    ),
    "the sheet to read (default: the first with a table)": "読み込むシート（既定: 表のある最初のシート）",
    "text encoding of a CSV file (default: UTF-8; e.g. cp932 for Shift_JIS saved by Excel)": (
        "CSV ファイルの文字コード（既定: UTF-8。Excel が Shift_JIS で保存したファイルなら cp932 など）"
    ),
    "show what would change; write nothing": "変わる内容を表示するだけで、何も書き込まない",
    "framework id, e.g. meti-csm-v1": "フレームワーク ID（例: meti-csm-v1）",
    "the framework's name (for a new catalog)": "フレームワークの名前（新しいカタログのとき）",
    "the framework's edition or version": "フレームワークの版",
    "what the texts are: the publisher's (official, the default), your own (organisation), or a paraphrase": (
        "文言の出どころ: 発行元の原文（official、既定）、自組織の文言（organisation）、言い換え（paraphrase）"
    ),
    "Turn a Statement of Applicability sheet (e.g. one written by `isms soa`) into control files. Existing "
    "files are edited in place; their evidence, mappings and other fields are kept.": (
        "適用宣言書のシート（`isms soa` で書き出したものなど）を管理策ファイルにします。既存のファイルは直接"
        "編集し、証跡、マッピングなどほかの項目は残します。"
    ),
    "the framework of the rows (default: soa_framework)": "各行のフレームワーク（既定: soa_framework）",
    "add owners isms.yaml does not know to it": "isms.yaml にない責任者を isms.yaml に追加する",
    "skip rows that are not requirements of the framework (warn)": (
        "フレームワークの要求事項でない行を飛ばす（警告を出す）"
    ),
    "language of the sheet's texts (default: that of its headers)": "シートの文言の言語（既定: 見出しの言語）",
    "Turn a risk register sheet into risks/<id>.yaml, one file per risk. Existing risk files are edited in "
    "place; their actions and other fields are kept, and a blank cell changes nothing. Likelihood and impact "
    "are points of the scales in isms.yaml; level and score columns are not read (levels are computed).": (
        "リスク登録簿のシートを、リスクごとに 1 ファイルの risks/<id>.yaml にします。既存のリスクファイルは直接"
        "編集し、処置などほかの項目は残します。空のセルは何も変えません。発生可能性と影響度は "
        "isms.yaml の尺度の値です。レベルと点数の列は読みません（レベルは計算します）。"
    ),
    "Turn a corrective-action log (one row per nonconformity and its corrective action) into "
    "nonconformities/<id>.yaml. Existing files are edited in place: their other actions, effectiveness review "
    "and other fields are kept, and a blank cell changes nothing; an action is matched by its title. A status "
    "column is not read (the status is computed from the actions and the closed date).": (
        "是正処置台帳（不適合とその是正処置を 1 行に 1 件）を nonconformities/<id>.yaml にします。既存のファイル"
        "は直接編集し、ほかの処置、有効性の確認などの項目は残します。空のセルは何も変えません。処置は"
        "件名で照合します。状態の列は読みません（状態は処置と完了日から計算します）。"
    ),
    "language of the sheet's texts (default: Japanese when they are)": (
        "シートの文言の言語（既定: 日本語で書かれていれば日本語）"
    ),
    "fetch every entity with git, evaluate each as of one day, build the group site": (
        "すべてのエンティティを git で取得し、同じ基準日で評価して、グループのサイトをビルドする"
    ),
    "the group contract: every entity's figures as of one day": (
        "グループの JSON 契約: 全エンティティの、同じ基準日の数値"
    ),
    "the group site from the entities' CI artefacts (their metrics and check JSON only)": (
        "エンティティの CI の成果物からグループのサイトを作る（読むのは `isms metrics` と `isms check` の JSON だけ）"
    ),
    "fetch one entity's repository at its ref into a folder": (
        "1 つのエンティティのリポジトリを、その `ref` の時点でフォルダに取得する"
    ),
    "the entity ids as a JSON list (the group workflow's matrix)": (
        "エンティティ ID の JSON の配列（グループのワークフローの `matrix`）"
    ),
    "write the GitHub Actions group workflow (one job per entity)": (
        "グループの GitHub Actions ワークフローを書き出す（エンティティごとに 1 ジョブ）"
    ),
    "Fetch each entity of `group.entities` (full history unless `shallow: true`), evaluate it as of the "
    "group's day and build the group's site with a page per entity. An entity that cannot be fetched or is "
    "not an ISMS is shown unavailable, with the reason.": (
        "`group.entities` の各エンティティを取得し（`shallow: true` でなければ履歴をすべて）、グループの基準日で"
        "評価して、エンティティごとのページがあるグループのサイトをビルドします。取得できないエンティティや "
        "ISMS でないエンティティは、理由とともに取得不可と示します。"
    ),
    "site folder (default: ROOT/site)": "サイトのフォルダ（既定: ROOT/site）",
    "the site engine (default: mkdocs)": "サイトのエンジン（既定: mkdocs）",
    "Read each ARTEFACT (a folder named after an entity id holding metrics.json and check.json, or one of "
    "those files) and build the group site. Only the JSON contracts are read.": (
        "各 ARTEFACT（エンティティ ID の名前で metrics.json と check.json を収めたフォルダ、またはそのどちらかの"
        "ファイル）を読み、グループのサイトをビルドします。読むのは JSON 契約だけです。"
    ),
    "none: every entity is unavailable": "省略すると、すべてのエンティティを取得不可として示す",
    "the entity's id": "エンティティの ID",
    "an empty or new folder": "空のフォルダ、または新しいフォルダ",
    "file to write (default: stdout)": "書き出すファイル（既定: 標準出力）",
    "what the jobs give `pip install` to get isms": "ジョブが isms を入れるときに `pip install` に渡す指定",
}

TEXTS: dict[str, str] = COMMON | COMMAND_LINES | OPTIONS | EVIDENCE_AND_OUTPUTS | IMPORT_AND_GROUP
"""Every help text's Japanese, by its English."""

#: Texts made from a list (`isms import`'s ``--columns`` names the fields of each kind): English, Japanese.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"name the columns instead of finding them by their headers: FIELD=COLUMN,… with a letter, a number "
            r"or a header text, e\.g\. id=A,title=B \(fields: (?P<fields>[a-z_]+(?:, [a-z_]+)*)\)"
        ),
        r"見出しで探す代わりに列を指定する: FIELD=COLUMN,… の形で、列は英字、番号または見出しの文字列"
        r"（例: id=A,title=B。項目: \g<fields>）",
    ),
)
