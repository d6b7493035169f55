"""Requirement references: qualified, bare, ambiguous, preferring the frameworks in scope."""

from __future__ import annotations

from isms.model.refs import RefIndex

LOADED = {"iso27001-2022": {"6.3", "5.15"}, "iso27001-2022-clauses": {"6.3", "9.1"}}


def test_a_bare_id_prefers_the_framework_in_scope() -> None:
    index = RefIndex(LOADED, ["iso27001-2022"])
    assert index.resolve("6.3") == (("iso27001-2022", "6.3"), None)
    assert index.resolve("9.1") == (("iso27001-2022-clauses", "9.1"), None)
    assert index.display(("iso27001-2022", "6.3")) == "6.3"
    assert index.display(("iso27001-2022-clauses", "6.3")) == "iso27001-2022-clauses:6.3"


def test_a_bare_id_in_two_frameworks_in_scope_is_ambiguous() -> None:
    index = RefIndex(LOADED, ["iso27001-2022", "iso27001-2022-clauses"])
    assert index.resolve("6.3") == (
        None,
        "`6.3` is ambiguous; write one of `iso27001-2022:6.3`, `iso27001-2022-clauses:6.3`",
    )
    assert index.resolve("iso27001-2022-clauses:6.3") == (("iso27001-2022-clauses", "6.3"), None)


def test_unknown_references_say_what_to_do() -> None:
    index = RefIndex(LOADED)
    assert index.resolve("7.99")[1] == "unknown requirement `7.99`; check the id with `isms catalog show`"
    assert index.resolve("iso9001:8.1")[1] == (
        "unknown framework `iso9001` in `iso9001:8.1`; write one of the loaded frameworks: "
        "iso27001-2022, iso27001-2022-clauses"
    )
    assert index.resolve("iso27001-2022:9.1")[1] == (
        "`iso27001-2022:9.1`: framework `iso27001-2022` has no requirement `9.1`; see `isms catalog show iso27001-2022`"
    )


def test_a_prefix_people_write_resolves_to_the_catalog_id_in_its_framework_only() -> None:
    index = RefIndex({**LOADED, "iso27001-2022-clauses": {"5.15"}}, (), {"iso27001-2022": "A."})
    assert index.resolve("A.5.15") == (("iso27001-2022", "5.15"), None)
    assert index.resolve("a.5.15") == (("iso27001-2022", "5.15"), None)
    assert index.resolve("iso27001-2022:A.5.15") == (("iso27001-2022", "5.15"), None)
    assert index.resolve("iso27001-2022-clauses:A.5.15")[0] is None  # the clauses have no Annex A prefix
    assert index.resolve("A.9.1")[0] is None
    assert index.resolve("5.15")[0] is None  # bare and in two frameworks: still ambiguous
