"""Pydantic's plugin discovery: skipped only where no distribution declares a plugin; a real plugin still runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

from helpers import demo_files, write_repo
from isms.loader.plugins import may_declare_plugins

FINDERS = (PathFinder,)

PLUGIN = """\
import os


class Recorder:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        with open(os.environ["RECORD_TO"], "a", encoding="utf-8") as out:
            out.write(schema_type_path.name + "\\n")
        return None, None, None


plugin = Recorder()
"""


def distribution(folder: Path, name: str, entry_points: str, suffix: str = ".dist-info") -> Path:
    meta = folder / f"{name}-1.0{suffix}"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return meta


def test_folders_without_a_pydantic_section_declare_no_plugin(tmp_path: Path) -> None:
    distribution(tmp_path, "tool", "[console_scripts]\ntool = tool:main\n")
    distribution(tmp_path, "other", "[mkdocs.plugins]\nsearch = other:Search\n", ".egg-info")
    (tmp_path / "plain.dist-info").mkdir()  # no entry_points.txt: no entry points
    assert not may_declare_plugins([str(tmp_path), str(tmp_path / "missing")], FINDERS)


@pytest.mark.parametrize("header", ["[pydantic]", "  [pydantic]  ", "[ pydantic ]"])
@pytest.mark.parametrize("suffix", [".dist-info", ".egg-info", ".DIST-INFO"])
def test_a_pydantic_section_is_a_plugin(tmp_path: Path, header: str, suffix: str) -> None:
    distribution(tmp_path, "plugin", f"[console_scripts]\nx = y:z\n{header}\nrecorder = plugin:plugin\n", suffix)
    assert may_declare_plugins([str(tmp_path)], FINDERS)


def test_what_it_cannot_read_through_is_left_to_pydantic(tmp_path: Path) -> None:
    archive = tmp_path / "packages.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("tool-1.0.dist-info/entry_points.txt", "[console_scripts]\n")
    assert may_declare_plugins([str(archive)], FINDERS)
    egg = tmp_path / "old.egg"
    egg.mkdir()
    assert may_declare_plugins([str(egg)], FINDERS)
    assert may_declare_plugins([tmp_path], FINDERS)  # not a str: not read here

    class Finder:
        @staticmethod
        def find_distributions(*args: object) -> list[object]:
            return []

    assert may_declare_plugins([str(tmp_path)], (Finder, PathFinder))


def run_validate(root: Path, env: dict[str, str]) -> tuple[int, str, list[str]]:
    """Run `isms validate` in a fresh interpreter: its exit code, output and the modules it imported."""
    script = (
        "import contextlib, io, json, sys\n"
        "from isms.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main(['validate', '--root', sys.argv[1]])\n"
        "print(json.dumps([code, out.getvalue(), sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, text=True, check=True, env=env
    )
    code, output, modules = json.loads(done.stdout.splitlines()[-1])
    return code, output, modules


def test_without_plugins_importlib_metadata_is_not_imported(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    code, output, modules = run_validate(root, env)
    assert code == 0
    assert output.startswith("ok: no problems found")
    # what pydantic's own discovery imports, only where a distribution may declare a plugin
    assert ("importlib.metadata" in modules) is may_declare_plugins(sys.path, sys.meta_path)


def test_an_installed_plugin_still_runs(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", demo_files())
    site = tmp_path / "site"
    site.mkdir()
    (site / "recording_plugin.py").write_text(PLUGIN, encoding="utf-8")
    distribution(site, "recording_plugin", "[pydantic]\nrecorder = recording_plugin:plugin\n")
    record = tmp_path / "validators.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    without = run_validate(root, env)
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    env["RECORD_TO"] = str(record)
    code, output, modules = run_validate(root, env)
    assert (code, output) == without[:2]
    assert "importlib.metadata" in modules
    assert "ConfigDoc" in record.read_text(encoding="utf-8").split()
