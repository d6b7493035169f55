"""Reading an earlier register version through its changes gives what parsing it whole gives."""

from __future__ import annotations

import random

import pytest

from isms.loader.revisions import earlier_records, outline_register, records_of
from isms.loader.yaml import parse
from isms.model.outline import RegisterOutline

CURRENT = """\
defaults: {class: internal, valid_for: 1y}
evidence:
  - path: a.txt
    title: {ja: 証跡A, en: Evidence A}
    date: 2026-01-15
    sha256: 'aaaa'
  - path: b.txt
    title: B
    date: 2026-02-15
    sha256: 'bbbb'
  - path: c.txt
    notes: |
      first line
      second line
    date: 2026-03-15
    sha256: cccc
  - path: d.txt
    date: 2026-04-15
    sha256: dddd
"""


def outline(text: str) -> RegisterOutline:
    loaded = parse(text, "evidence/evidence.yaml")
    found = outline_register(text, loaded.outline, loaded.data)
    assert found is not None
    return found


def whole(text: str) -> object:
    return records_of(parse(text, "old").data)


def test_an_unchanged_version_is_the_current_records() -> None:
    current = outline(CURRENT)
    assert earlier_records(CURRENT, current) == whole(CURRENT)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    sha256: 'bbbb'\n", "    sha256: 'old0'\n"),
        ("    date: 2026-02-15\n", "    date: 2025-12-01\n"),
        ("  - path: d.txt\n    date: 2026-04-15\n    sha256: dddd\n", ""),  # d added later
        ("  - path: b.txt\n", "  - path: b.txt\n    sha256: first\n"),  # the first sha256 of a duplicate key
    ],
)
def test_a_changed_entry_is_read_as_the_whole_parse_reads_it(old: str, new: str) -> None:
    current = outline(CURRENT)
    earlier = CURRENT.replace(old, new)
    assert earlier != CURRENT
    assert earlier_records(earlier, current) in (None, whole(earlier))
    if "first" not in new:
        assert earlier_records(earlier, current) == whole(earlier)


@pytest.mark.parametrize(
    "earlier",
    [
        CURRENT.replace("    title: B\n", "    title: 'B\n"),  # an unclosed quote: the whole version is no YAML
        CURRENT.replace("    title: B\n", "    title: *B\n"),  # an alias
        CURRENT.replace("  - path: b.txt\n", "  - path: b.txt\nother: 1\n"),  # a top-level key between entries
        CURRENT.replace("    date: 2026-02-15\n", "  date: 2026-02-15\n"),  # indented less than the entry
        CURRENT.replace("    sha256: 'aaaa'\n", "    sha256: 'aaaa'\n      continued\n"),
        "%TAG !! tag:example.com,2000:\n---\n" + CURRENT.replace("sha256: cccc", "sha256: !!str cccc"),
        CURRENT.replace("\n", "\r\n"),
        CURRENT.replace("    title: B\n", "    title: B\n    title: C\n"),  # a duplicate key
        CURRENT.replace("    sha256: dddd\n", "    sha256: dddd\n...\n"),
        CURRENT.replace("    sha256: dddd\n", "    sha256: dddd\n---\n- x\n"),
        "evidence:\n",
        "",
    ],
)
def test_what_could_read_otherwise_is_parsed_whole(earlier: str) -> None:
    assert earlier_records(earlier, outline(CURRENT)) in (None, whole(earlier))


FRAGMENTS = (
    "  - path: x.txt",
    "  - path: y.txt\n    sha256: 'yyyy'\n    date: 2026-05-01",
    "    sha256: ffff",
    "    sha256: 0e12",
    "    sha256: 1234",
    "    date: 2026-13-45",
    "    date: ''",
    "    path: dup.txt",
    "    title: {ja: x, en: y",
    "    title: [a, b]",
    "    title: !!int 12",
    "    title: !custom x",
    "    title: 'a''b'",
    '    title: "a\\tb"',
    "    title: |",
    "    title: >-",
    "      folded text",
    "        deeper",
    "  -",
    "  - just a scalar",
    "  - - nested",
    "  # a comment",
    "# a comment at the start",
    "",
    "   ",
    "\t- tab",
    "  - path: a.txt\n    <<: {sha256: merged}",
    "  ? complex",
    "  : value",
    "other: 1",
    "  other: 1",
    "...",
    "---",
    "- path: zero.txt",
    "  - path: q.txt # comment",
    "  - 'quoted': 1",
    "    sha256: &anchor x",
    "  - path: c.txt\n    sha256: second",
    "- path: zero2.txt\n  sha256: z",
    "    sha256: |+",
    "      keep",
    "    sha256: >",
    "path: top",
    "evidence:",
    "    sha256: 'multi",
    "      line'",
)


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(lines) + 1)
        action = rng.random()
        if action < 0.4:
            lines[where:where] = rng.choice(FRAGMENTS).split("\n")
        elif action < 0.7 and where < len(lines):
            del lines[where]
        elif where < len(lines):
            lines[where] = rng.choice(FRAGMENTS)
    return "\n".join(lines)


BASES = (
    CURRENT,
    CURRENT.replace("\n  ", "\n"),  # the dashes at column 0
    CURRENT + "expects: []\nother: 2\n",  # other keys after the entries
    CURRENT.rstrip("\n"),  # no line break at the end
    CURRENT.replace("  - path: a.txt", "  -\n    path: a.txt"),  # an entry whose content starts below its dash
    CURRENT.replace("    sha256: dddd\n", "    sha256: |+\n      dddd\n\n"),  # kept line breaks at the end
)


@pytest.mark.parametrize("base", BASES)
def test_random_edits_read_as_the_whole_parse_reads_them(base: str) -> None:
    rng = random.Random(19)  # noqa: S311  # random edits, not secrets
    current = outline(base)
    read = 0
    for _ in range(600):
        earlier = mutate(base, rng)
        found = earlier_records(earlier, current)
        if found is not None:
            read += 1
            assert found == whole(earlier), earlier
    assert read > 60  # many edits are read through the changes


TYPOS = ":\"'{}[]#- |>!%@`,?&*\t\\x0é"


@pytest.mark.parametrize("base", BASES)
def test_typos_read_as_the_whole_parse_reads_them(base: str) -> None:
    rng = random.Random(27)  # noqa: S311  # random typos, not secrets
    current = outline(base)
    for _ in range(600):
        chars = list(base)
        for _ in range(rng.randint(1, 3)):
            where = rng.randrange(len(chars))
            if rng.random() < 0.5:
                chars.insert(where, rng.choice(TYPOS))
            else:
                chars[where] = rng.choice(TYPOS)
        earlier = "".join(chars)
        found = earlier_records(earlier, current)
        assert found is None or found == whole(earlier), earlier
