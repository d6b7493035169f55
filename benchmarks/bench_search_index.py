"""MkDocs on one staging folder with and without isms' search hook, alternating: CPU, and the same index.

    python benchmarks/bench_search_index.py STAGING [--runs 3] [--out DIR]

STAGING is a staging folder written by `isms site build` or `benchmarks/bench_site.py --keep DIR`
(DIR/mkdocs). Its `mkdocs.yml` is built as it is, once with `isms.site.search_hook` in its `hooks`
("after") and once without ("before"), one after the other, `--runs` times; a third build without
the search plugin at all shows what the plugin costs (issue #19: Material's search plugin parsing
every page's HTML was 32-45 % of MkDocs' CPU). MkDocs runs in one process (isms.site.engine_parallel
would split a large site in two; `bench_site.py --pair` measures that). CPU is user + system time of
the MkDocs process (wait4). Each pair's `search/search_index.json` must be byte-identical, else the script fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from bench_site import run_engine

from isms.site.search import HOOK

TODAY = dt.date(2026, 11, 26)


def variant(config: Path, out: Path, name: str) -> Path:
    """Write a copy of the staged config next to it: with the hook (``after``), without (``before``), no search."""
    text = config.read_text(encoding="utf-8")
    # The staged config lists the hook last (isms.site.config); the other hooks stay in every variant.
    hooks = re.search(r"^hooks:\n((?:- .*\n)*)", text, flags=re.MULTILINE)
    others = [line[2:] for line in hooks.group(1).splitlines() if line[2:] != str(HOOK)] if hooks else []
    text = re.sub(r"^hooks:\n(?:- .*\n)*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^site_dir: .*$", f"site_dir: {out / name}", text, flags=re.MULTILINE)
    wanted = [*others, str(HOOK)] if name == "after" else others
    if wanted:
        text += f"hooks: {json.dumps(wanted)}\n"
    if name == "no-search":
        text = re.sub(r"^- search:\n(?:    .*\n)*", "", text, flags=re.MULTILINE)
    path = config.with_name(f"mkdocs.bench-{name}.yml")
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("staging", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="where the sites go (default: a temporary folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="isms-bench-search-index-"))
    config = args.staging / "mkdocs.yml"
    configs = {name: variant(config, out, name) for name in ("before", "after", "no-search")}
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    times: dict[str, list[float]] = {name: [] for name in configs}
    for run in range(args.runs):
        for name in ("before", "after", "no-search") if run == 0 else ("before", "after"):
            times[name].append(run_engine("mkdocs", configs[name], TODAY, one_process=True)[1])
            print(f"run {run + 1} {name}: {times[name][-1]:.1f} s CPU", flush=True)
        before, after = (out / name / "search/search_index.json" for name in ("before", "after"))
        if before.read_bytes() != after.read_bytes():
            sys.exit(f"the search index differs: {before} {after}")
    for name, values in times.items():
        print(f"{name}: {', '.join(f'{v:.1f}' for v in values)} s CPU (least {min(values):.1f})")
    size = (out / "after/search/search_index.json").stat().st_size
    print(f"search_index.json identical ({size:,} bytes); load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
