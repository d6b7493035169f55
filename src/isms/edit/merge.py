"""A three-way merge of lines: apply the change between two ruamel dumps to the original text.

``baseline`` is ruamel's dump of a document as read, ``new`` its dump after the edit,
``original`` the text as the user wrote it. Lines are aligned up to spacing; each
changed line is patched in place (spacing kept), inserted lines are re-indented to
their neighbours. The caller verifies the result parses to the new data.
"""

from __future__ import annotations

import difflib


def leading_spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def content_column(line: str) -> int:
    """Column of a line's first character that is neither a space nor a sequence dash."""
    column = 0
    while column < len(line) and (
        line[column] == " " or (line[column] == "-" and line[column + 1 : column + 2] in (" ", ""))
    ):
        column += 1
    return column


def _keyed(lines: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines]


def _alignment(baseline: list[str], original: list[str]) -> dict[int, int]:
    """Map baseline line numbers to original line numbers (equal up to spacing)."""
    matcher = difflib.SequenceMatcher(None, _keyed(baseline), _keyed(original), autojunk=False)
    mapping: dict[int, int] = {}
    for tag, b1, b2, o1, o2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and b2 - b1 == o2 - o1):
            mapping.update(zip(range(b1, b2), range(o1, o2), strict=True))
    return mapping


def _shift(line: str, delta: int) -> str:
    if delta >= 0:
        return " " * delta + line if line.strip() else line
    return line[min(-delta, leading_spaces(line)) :]


def _squeeze(line: str) -> tuple[str, list[int]]:
    """Return the line without spaces and newline, and where each remaining character was."""
    kept = [(index, char) for index, char in enumerate(line) if char not in " \n"]
    return "".join(char for _, char in kept), [index for index, _ in kept]


def _common(a: str, b: str) -> tuple[int, int]:
    """Return the lengths of the common prefix and (non-overlapping) common suffix."""
    limit = min(len(a), len(b))
    prefix = 0
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _patch_line(base: str, new: str, original: str) -> str:
    """Apply the change base -> new to original, which may differ from base in spacing.

    Spacing is ignored to find the changed span (ruamel moves comment columns and
    drops the padding inside ``[ a, b ]``); the span is then replaced in the
    original, keeping the original's spacing around it.
    """
    squeezed, _ = _squeeze(base)
    target, target_at = _squeeze(new)
    mine, mine_at = _squeeze(original)
    if squeezed != mine:
        return _shift(new, leading_spaces(original) - leading_spaces(base))
    prefix, suffix = _common(squeezed, target)
    start = mine_at[prefix - 1] + 1 if prefix else leading_spaces(original)
    stop = mine_at[len(mine) - suffix] if suffix else len(original.rstrip("\n"))
    new_start = target_at[prefix - 1] + 1 if prefix else leading_spaces(new)
    new_stop = target_at[len(target) - suffix] if suffix else len(new.rstrip("\n"))
    replacement = new[new_start:new_stop]
    if prefix + suffix == len(squeezed):  # an insertion into spacing: keep the original's spacing
        gap, core = original[start:stop], replacement.strip(" ")
        leading = replacement[: len(replacement) - len(replacement.lstrip(" "))]
        trailing = replacement[len(replacement.rstrip(" ")) :]
        if leading and trailing:
            return original[:start] + replacement + original[stop:]
        replacement = gap + core if leading else core + gap
    return original[:start] + replacement + original[stop:]


def _anchor_delta(baseline: list[str], original: list[str], align: dict[int, int], at: int, column: int) -> int:
    """Indentation difference original - baseline near baseline line ``at``, at content ``column``."""
    fallback: int | None = None
    for index in range(at - 1, -1, -1):
        if index not in align or not baseline[index].strip() or baseline[index].lstrip().startswith("#"):
            continue
        base_col = content_column(baseline[index])
        delta = content_column(original[align[index]]) - base_col
        if fallback is None:
            fallback = delta
        if base_col <= column:
            return delta
    return fallback or 0


def _span(align: dict[int, int], b1: int, b2: int, size: int) -> tuple[int, int, int, int]:
    """The original lines holding baseline lines [b1, b2), widened to the nearest aligned neighbours.

    Returns:
        (baseline start, baseline stop, original start, original stop).
    """
    if all(index in align for index in range(b1, b2)) and (b2 > b1 or b1 == 0 or b1 - 1 in align):
        if b2 > b1:
            return b1, b2, align[b1], align[b2 - 1] + 1
        at = align[b1 - 1] + 1 if b1 > 0 else 0
        return b1, b2, at, at
    low = b1
    while low > 0 and low - 1 not in align:
        low -= 1
    high = b2
    while high < size and high not in align:
        high += 1
    start = align[low - 1] + 1 if low > 0 else 0
    stop = align[high] if high < size else -1
    return low, high, start, stop


_Opcode = tuple[str, int, int, int, int]


def _split_replace(baseline: list[str], target: list[str], op: _Opcode) -> list[_Opcode]:
    """Split an uneven replacement into line pairs that resemble each other, insertions and deletions."""
    _, b1, b2, t1, t2 = op
    ops: list[_Opcode] = []
    t = t1
    for b in range(b1, b2):
        match = next(
            (
                candidate
                for candidate in range(t, t2)
                if difflib.SequenceMatcher(None, baseline[b], target[candidate]).ratio() >= 0.6
            ),
            None,
        )
        if match is None:
            ops.append(("delete", b, b + 1, t, t))
            continue
        if match > t:
            ops.append(("insert", b, b, t, match))
        ops.append(("replace", b, b + 1, match, match + 1))
        t = match + 1
    if t < t2:
        ops.append(("insert", b2, b2, t, t2))
    return ops


def _hoist(baseline: list[str], target: list[str], op: _Opcode) -> _Opcode:
    """Move an insertion above the blank lines and outer comments that end the block it extends.

    ruamel attaches a comment that follows the last item of a sequence to that item, so an
    appended item would land after ``# a comment about the next key``; it belongs before it.
    """
    tag, b1, _, t1, t2 = op
    if tag != "insert" or t1 == t2:
        return op
    column = leading_spaces(target[t1])
    while b1 > 0:
        line = baseline[b1 - 1]
        if line.strip() and not (line.lstrip().startswith("#") and leading_spaces(line) < column):
            break
        b1 -= 1
    return (tag, b1, b1, t1, t2)


def _opcodes(baseline: list[str], target: list[str]) -> list[_Opcode]:
    ops: list[_Opcode] = []
    for op in difflib.SequenceMatcher(None, baseline, target, autojunk=False).get_opcodes():
        tag, b1, b2, t1, t2 = op
        if tag == "replace" and b2 - b1 != t2 - t1:
            ops.extend(_split_replace(baseline, target, op))
        elif tag != "equal":
            ops.append(op)
    return [_hoist(baseline, target, op) for op in ops]


def merge(baseline_text: str, original_text: str, new: str) -> str | None:
    """Return ``original_text`` with the change ``baseline_text`` -> ``new``, or None when it cannot be placed."""
    baseline = baseline_text.splitlines(keepends=True)
    original = original_text.splitlines(keepends=True)
    if original and not original[-1].endswith("\n"):
        original[-1] += "\n"
    target = new.splitlines(keepends=True)
    align = _alignment(baseline, original)
    result = list(original)
    floor = len(original) + 1  # original lines at or after this one were already rewritten
    for tag, b1, b2, t1, t2 in reversed(_opcodes(baseline, target)):
        low, high, start, stop = _span(align, b1, b2, len(baseline))
        stop = len(original) if stop < 0 else stop
        if stop > floor or stop < start:
            return None
        floor = start
        if (low, high) == (b1, b2) and tag == "replace" and b2 - b1 == t2 - t1 == stop - start:
            for offset in range(b2 - b1):
                result[start + offset] = _patch_line(
                    baseline[b1 + offset], target[t1 + offset], original[start + offset]
                )
            continue
        replacement = baseline[low:b1] + target[t1:t2] + baseline[b2:high]
        column = content_column(replacement[0]) if replacement else 0
        delta = _anchor_delta(baseline, original, align, low, column)
        result[start:stop] = [_shift(line, delta) for line in replacement]
    return "".join(result)
