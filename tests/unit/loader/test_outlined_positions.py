"""A pointer into a top-level sequence's item is placed from the load's outline as from the whole file."""

from __future__ import annotations

import random
from typing import Any

import pytest

from isms.findings import Pointer
from isms.loader.positions import ItemTrees, _Documents
from isms.loader.yaml import parse

REGISTER = """\
defaults: {class: internal, valid_for: 1y}
evidence:
  - path: a.txt
    title: {ja: 証跡A, en: Evidence A}
    date: 2026-01-15
    sha256: 'aaaa'
  - path: b.txt
    title:
      en: B
      ja: 日本語のタイトル
    tags: [x, y]
    date:
    sha256: 'bbbb'
  -
    path: c.txt
    notes: |
      first line
    sha256: cccc
  - just a scalar
  -
  - - nested
    - list
expects:
  - kind: review
    every: 1y
other: 1
"""


def pointers(data: Any, prefix: Pointer = ()) -> list[Pointer]:
    """Every pointer into ``data``, and some that lead nowhere."""
    found: list[Pointer] = [prefix, (*prefix, "missing"), (*prefix, 99)]
    if isinstance(data, dict):
        for key, value in data.items():
            found += pointers(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += pointers(value, (*prefix, index))
    return found


def compare(text: str) -> int:
    """Place every pointer with and without the outline; return how many the outline placed."""
    loaded = parse(text, "evidence/x/evidence.yaml")
    if loaded.outline is None:
        return 0
    texts = {"f": text}
    plain, outlined = _Documents(texts), _Documents(texts, {"f": loaded.outline})
    for pointer in pointers(loaded.data):
        for key in (False, True):
            assert outlined.exact("f", pointer, key=key) == plain.exact("f", pointer, key=key), (pointer, key)
    return len(pointers(loaded.data))


@pytest.mark.parametrize("unlimited", [False, True], ids=["budget", "every-item-apart"])
def test_the_outline_places_as_the_whole_file(unlimited: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if unlimited:
        monkeypatch.setattr(ItemTrees, "ITEM_COST", -(10**6))
    assert compare(REGISTER) > 0


@pytest.mark.parametrize(
    "text",
    [
        REGISTER.replace("\n  ", "\n"),  # the dashes at column 0
        REGISTER.rstrip("\n"),  # no line break at the end
        "evidence:\n- a\n- b: 1\n",
        "status: planned\nevidence: [a.txt, b.txt,\n  {c: 1}, [d]]\nreview: {last: 2026-01-01}\n",  # a flow sequence
        "evidence: [a.txt, b.txt]\n",
    ],
)
def test_other_shapes_too(text: str) -> None:
    compare(text)


CONTROL = "status: planned\nevidence: [a.txt, b.txt, {c: 1}]\nreview: {last: 2026-01-01}\n"


@pytest.mark.parametrize("unlimited", [False, True], ids=["budget", "every-item-apart"])
@pytest.mark.parametrize("base", [REGISTER, CONTROL])
def test_typos_are_placed_as_the_whole_file_places_them(
    base: str, unlimited: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if unlimited:  # parse every item apart, however many (by default the whole file is parsed at some point)
        monkeypatch.setattr(ItemTrees, "ITEM_COST", -(10**6))
    rng = random.Random(5)  # noqa: S311  # random typos, not secrets
    typos = ":\"'{}[]#- |>!%@`,?&\t\n"
    placed = 0
    for _ in range(400):
        chars = list(base)
        for _ in range(rng.randint(1, 3)):
            where = rng.randrange(len(chars))
            if rng.random() < 0.5:
                chars.insert(where, rng.choice(typos))
            else:
                chars[where] = rng.choice(typos)
        placed += compare("".join(chars))
    assert placed > 0
