"""Sampling: the same seed and population give the same records, whatever their order."""

from __future__ import annotations

import hashlib

import pytest

from isms.errors import UsageError
from isms.export.sample import Condition, Population, Record, draw, rank, table_population


def population(count: int) -> Population:
    records = tuple(Record(f"R-{n:02d}", {"id": f"R-{n:02d}", "owner": "a" if n % 2 else "b"}) for n in range(count))
    return Population("risks", ("id", "owner"), records)


def keys(pop: Population, seed: str, size: int, *where: Condition) -> list[str]:
    return [p.record.key for p in draw(pop, seed=seed, size=size, where=where, as_of="2026-12-01", commit=None).picked]


def test_the_rank_is_the_sha256_of_seed_newline_key() -> None:
    assert rank("IA-2027", "R-01") == hashlib.sha256(b"IA-2027\nR-01").hexdigest()


def test_same_seed_same_sample_in_any_order() -> None:
    pop = population(20)
    shuffled = Population(pop.source, pop.columns, tuple(reversed(pop.records)))
    assert keys(pop, "IA-2027", 5) == keys(shuffled, "IA-2027", 5)
    assert len(set(keys(pop, "IA-2027", 5))) == 5
    assert keys(pop, "IA-2027", 5) != keys(pop, "IA-2028", 5)


def test_the_pick_is_the_lowest_ranks_in_rank_order() -> None:
    pop = population(20)
    expected = sorted((r.key for r in pop.records), key=lambda key: rank("s", key))[:4]
    assert keys(pop, "s", 4) == expected


def test_a_new_record_does_not_reshuffle_the_others() -> None:
    picked = keys(population(20), "s", 20)
    grown = keys(population(21), "s", 21)
    assert [key for key in grown if key != "R-20"] == picked


def test_where_filters_before_the_draw_and_the_sizes_are_reported() -> None:
    sample = draw(population(20), seed="s", size=50, where=[Condition.parse("owner=a")], as_of="d", commit=None)
    assert (sample.total, sample.population, len(sample.picked)) == (20, 10, 10)
    assert all(p.record.fields["owner"] == "a" for p in sample.picked)
    assert [p.number for p in sample.picked] == list(range(1, 11))
    assert (
        keys(population(20), "s", 3, Condition.parse("id=R-1*"))
        == sorted((f"R-1{n}" for n in range(10)), key=lambda key: rank("s", key))[:3]
    )


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("owner", "--where 'owner': write FIELD=VALUE"),
        ("=a", "--where '=a': write FIELD=VALUE"),
    ],
)
def test_a_bad_condition_says_how_to_write_it(where: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Condition.parse(where)


def test_an_unknown_field_lists_the_fields() -> None:
    with pytest.raises(UsageError, match=r"risks has no field `state`; its fields: id, owner"):
        draw(population(3), seed="s", size=1, where=[Condition("state", "x")], as_of="d", commit=None)
    with pytest.raises(UsageError, match="--size 0"):
        draw(population(3), seed="s", size=0, where=[], as_of="d", commit=None)


def test_register_rows_are_keyed_by_their_line() -> None:
    pop = table_population("evidence/log.csv", ("id", "owner"), [{"id": "A"}, {"id": "B", "owner": "x"}], [2, 4])
    assert pop.columns == ("line", "id", "owner")
    assert [(r.key, dict(r.fields)) for r in pop.records] == [
        ("line 2", {"line": "2", "id": "A", "owner": ""}),
        ("line 4", {"line": "4", "id": "B", "owner": "x"}),
    ]
    assert [r.key for r in table_population("x.json", ("id",), [{"id": "A"}], []).records] == ["row 1"]
