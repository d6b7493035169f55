"""An edit (or an `isms init` plan) that would leave the repository invalid is refused: its errors in ja and en."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import demo_files, write_repo
from isms.edit.guard import ensure_valid
from isms.edit.scaffold import check_plan
from isms.errors import IsmsError


def test_a_refused_edit_names_its_errors_in_the_terminals_language(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    with pytest.raises(IsmsError) as refused:
        ensure_valid(root, {root / "controls/demo/DM-1.yaml": "status: bogus\nowner: ciso\n"})
    assert refused.value.text("en").splitlines() == [
        "refusing to write: the change would make the repository invalid (nothing was changed):",
        "  controls/demo/DM-1.yaml:1:9: `status` must be one of 'planned', 'partial', 'implemented' or "
        "'not-applicable' (got 'bogus') [invalid-value]",
    ]
    assert refused.value.text("ja").splitlines() == [
        "書き込みを取りやめました。この変更でリポジトリが不正になります（何も変更していません）:",
        "  controls/demo/DM-1.yaml:1:9: status は 'planned', 'partial', 'implemented', 'not-applicable' "
        "のいずれかにしてください（値: 'bogus'） [invalid-value]",
    ]


def test_a_scaffold_that_would_not_validate_names_its_errors_in_both_languages() -> None:
    config = "organisation: x\nframeworks: [iso27001-2022]\nowners: {ciso: {name: C}}\nreview_interval: often\n"
    with pytest.raises(IsmsError) as refused:
        check_plan({"isms.yaml": config})
    assert refused.value.text("en").splitlines()[1] == (
        "  isms.yaml:4:18: `review_interval`: a duration is a number and a unit: `30d`, `6w`, `6m` or `1y` "
        "(got 'often') [invalid-value]"
    )
    assert refused.value.text("ja").splitlines() == [
        "新しいリポジトリが検証を通りません（isms の不具合です。報告してください）:",
        "  isms.yaml:4:18: review_interval: 期間は数値と単位で書いてください: `30d`, `6w`, `6m`, `1y`（値: 'often'）"
        " [invalid-value]",
    ]
