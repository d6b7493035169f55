"""A budgeted fuzz run of `isms validate` and `isms check` over seeded mutations of the example (issue 18).

The mutator is benchmarks/fuzz.py's (run it for thousands of cases); here a few seeded cases run
within a small time budget, so that a class of crash the mutator reaches fails the suite.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
BUDGET_SECONDS = 8.0
SEEDS = (0, 6, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15)  # 0 (a `<<` merge key) and 6 (9999-12-31) once crashed


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("isms_fuzz", REPO / "benchmarks/fuzz.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["isms_fuzz"] = module
    spec.loader.exec_module(module)
    return module


def test_mutations_of_the_example_never_crash(tmp_path: Path) -> None:
    fuzz = _fuzz()
    root = fuzz.copy_example(tmp_path / "example")
    started = time.perf_counter()
    outcomes = []
    for seed in SEEDS:
        outcomes.append(fuzz.run_case(seed, root))
        if time.perf_counter() - started > BUDGET_SECONDS and len(outcomes) >= 2:
            break
    failed = [o for o in outcomes if o.problem]
    assert not failed, "\n".join(f"seed {o.seed}: {' '.join(o.command)} -> {o.code}\n{o.problem}" for o in failed)
    assert all(o.code in (0, 1, 2) for o in outcomes)
