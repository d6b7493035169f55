"""The Japanese wording of schema errors: what a value must be, with the same keys, values and examples as the English.

`isms.loader.documents` says in English what a value must be; this module says the same in Japanese, so that a
finding's `message_ja` names the same keys, examples and commands (tests/unit/test_messages.py holds them to it).
"""

from __future__ import annotations

import re

from isms.model.control import TARGET_PATTERN

DATE_HINT = "は YYYY-MM-DD の日付にしてください（例: 2026-03-31）"

#: What the patterns of the models mean, as `isms.loader.documents._PATTERN_HINTS` says them in English.
PATTERN_HINTS: dict[str, str] = {
    r"^[0-9a-f]{64}$": "は SHA-256（sha256sum が出力する 64 桁の小文字の16進数）にしてください"
    "（isms evidence add が書き込みます）",
    TARGET_PATTERN: "は数値との比較にしてください（例: >= 95%、<= 0.05、== 0）",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "は ID（英字・数字・`.`・`_`・`-`、英字か数字で始まる）にしてください",
    r"^[a-z0-9][a-z0-9._-]*$": "はフレームワーク ID（小文字の英字・数字・`.`・`_`・`-`）にしてください"
    "（例: iso27001-2022）",
    r"^([a-z0-9][a-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._()-]*$": "は要求事項（framework:id、例: iso27001-2022:5.15、"
    "または id だけ）にしてください",
    r"^[^/\\].*$": "は evidence/ からの相対パスにしてください（/ や \\ で始めない）",
    r"^\d+\s*[dwmy]$": "は期間（数値と単位: 30d、6w、6m、1y）にしてください",
}

#: What a value must be, by pydantic error type (the English is `isms.loader.documents._detail`).
DETAILS: dict[str, str] = {
    "string_type": "は文字列（1つのテキスト）にしてください",
    "list_type": "はリスト（- item の行か [a, b]）にしてください",
    "dict_type": "はキーと値のマッピングにしてください",
    "model_type": "はキーと値のマッピングにしてください",
    "bool_type": "は true か false にしてください",
    "bool_parsing": "は true か false にしてください",
    "int_type": "は整数にしてください",
    "int_parsing": "は整数にしてください",
    "float_type": "は数値にしてください",
    "float_parsing": "は数値にしてください",
    "string_too_short": "は空にできません",
}

#: The models' own checks (``ValueError`` texts of isms.model and isms.urls), English pattern -> Japanese.
#: The patterns are compiled when a finding needs one (``re``'s cache keeps them), not on every start-up.
_CHECKS: list[tuple[str, str]] = [
    (r"^text needs `ja` or `en`$", "テキストには ja か en が必要です"),
    (r"^must be a date written YYYY-MM-DD, e.g. (\S+)$", r"YYYY-MM-DD の日付にしてください（例: \1）"),
    (
        r"^a duration is a number and a unit: (.+)$",
        r"期間は数値と単位で書いてください: \1",
    ),
    (r"^not a duration: (.+)$", r"期間ではありません: \1"),
    (
        r"^`at_least` needs `group_by` \(or `population`\)$",
        "at_least には group_by（または population）が必要です",
    ),
    (
        r"^`distinct` cannot be combined with `group_by` or `population`$",
        "distinct は group_by や population と組み合わせられません",
    ),
    (
        r"^`compute` takes exactly one of (.+)$",
        r"compute には \1 のうち1つだけを書いてください",
    ),
    (
        r"^`population` is for `ratio` \(members done / members\)$",
        "population は ratio（実施した人数 / 対象の人数）に使います",
    ),
    (
        r"^give `valid_for` or `valid_until`, not both$",
        "valid_for か valid_until のどちらか一方にしてください",
    ),
    (
        r"^`valid_until` \((\S+)\) is before `date` \((\S+)\); it cannot expire before it exists$",
        r"valid_until（\1）が date（\2）より前です。存在する前に期限切れにはなりません",
    ),
    (
        r"^give `path` \(a file in the repository\) or `store` and `ref` \(a file in a store\), not both$",
        "path（リポジトリ内のファイル）か、store と ref（保管庫内のファイル）のどちらか一方にしてください",
    ),
    (
        r"^give `path` \(a file in the repository\), or `store` and `ref` \(a file in a store\)$",
        "path（リポジトリ内のファイル）か、store と ref（保管庫内のファイル）を書いてください",
    ),
    (
        r"^`acceptance_threshold` `([^`]*)` is not a band id \((.*)\)$",
        r"acceptance_threshold の \1 はレベルの ID（\2）ではありません",
    ),
    (
        r"^with `method: product` every band needs `min` \(the lowest product in it\)$",
        "method: product では、どのレベルにも min（そのレベルの積の最小値）が必要です",
    ),
    (
        r"^band `min` values must rise from the first band to the last$",
        "レベルの min の値は最初のレベルから最後のレベルへ大きくなるようにしてください",
    ),
    (
        r"^`matrix` needs one row per likelihood level, each with one band per impact level$",
        "matrix には起こりやすさの水準ごとに1行、各行に影響度の水準ごとに1つのレベルが必要です",
    ),
    (r"^`matrix` names unknown bands: (.+)$", r"matrix に未定義のレベルがあります: \1"),
    (r"^must not be empty$", "空にできません"),
    (
        r"^must not contain spaces, control characters or backslashes$",
        "空白・制御文字・バックスラッシュを含められません",
    ),
    (
        r"^must say its scheme \((.+)\), not start with `//`$",
        r"スキーム（\1）を書いてください（// で始めない）",
    ),
    (r"^must be an absolute URL starting with (.+)$", r"\1 で始まる絶対 URL にしてください"),
    (
        r"^must start with (.+): a link to a `([^`]*)` URL is refused$",
        r"\1 で始めてください（\2 の URL へのリンクは受け付けません）",
    ),
    (r"^must name a host: `([^`]*)`$", r"ホストを書いてください: \1"),
    (r"^must name an address after `mailto:`$", "mailto: の後にアドレスを書いてください"),
]


def check_text(english: str) -> str | None:
    """Return the Japanese of a model check's English text, or None when it is not known here."""
    for pattern, japanese in _CHECKS:
        match = re.match(pattern, english)
        if match is not None:
            return match.expand(japanese).replace(" or ", ", ")
    return None


def choices(expected: str) -> str:
    """Return pydantic's ``'a', 'b' or 'c'`` as ``'a', 'b', 'c'``."""
    return expected.replace(" or ", ", ")
