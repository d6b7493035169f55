"""rare_collections: fewer collections inside the block, the thresholds as they were after it."""

from __future__ import annotations

import gc

import pytest

from isms.loader.collector import THRESHOLDS, rare_collections


def test_thresholds_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with rare_collections():
        assert gc.get_threshold() == THRESHOLDS
        with rare_collections():  # nested: still rare, and the outer block restores
            assert gc.get_threshold() == THRESHOLDS
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == before


def test_restored_when_the_block_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), rare_collections():
        raise RuntimeError
    assert gc.get_threshold() == before


def test_collection_switched_off_by_threshold_zero_stays_off() -> None:
    before = gc.get_threshold()
    gc.set_threshold(0)
    try:
        with rare_collections():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
