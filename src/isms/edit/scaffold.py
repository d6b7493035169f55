"""`isms init`: the files of a new ISMS repository, planned in memory and checked before writing.

The templates ship in :mod:`isms.templates` (``init/``); names starting with ``dot-`` become
dot-files (``dot-github/`` -> ``.github/``), since package data drops hidden files easily.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from isms.edit.control import control_text
from isms.edit.install import install_line, running_source
from isms.errors import IsmsError, UsageError
from isms.export.schema import SCHEMAS, render
from isms.findings import Severity
from isms.loader.assemble import load_repository

#: The framework whose every requirement gets a planned control.
FRAMEWORK = "iso27001-2022"
OWNER = "ciso"


def _walk(folder: Traversable, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name.removeprefix("dot-") if item.name.startswith("dot-") else item.name
        if item.is_dir():
            found.update(_walk(item, f"{prefix}{name}/"))
        elif not item.name.startswith((".", "__")):
            found[prefix + name] = item.read_text(encoding="utf-8")
    return found


def templates() -> dict[str, str]:
    """Return the raw init templates: repository-relative path -> text (with ``@@NAME@@`` tokens)."""
    return _walk(resources.files("isms.templates").joinpath("init"))


def vscode_settings() -> str:
    """Return `.vscode/settings.json`: each JSON Schema mapped to the files it describes."""
    settings = {
        "yaml.schemas": {f"./schemas/{name}": [applies] for name, (_, _, applies) in SCHEMAS.items()},
        "yaml.validate": True,
        "yaml.completion": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "files.encoding": "utf8"},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    return text


def _controls(config: str) -> dict[str, str]:
    """Return one planned control per requirement of FRAMEWORK, owned by OWNER."""
    with tempfile.TemporaryDirectory(prefix="isms-init-") as folder:
        (Path(folder) / "isms.yaml").write_text(config, encoding="utf-8")
        repo = load_repository(Path(folder)).repository
    framework = repo.frameworks[FRAMEWORK]
    return {
        f"controls/{FRAMEWORK}/{rid}.yaml": control_text(framework, requirement, [OWNER], OWNER)
        for rid, requirement in framework.requirements.items()
    }


def plan_init(
    organisation: str,
    organisation_en: str | None,
    github: str | None,
    ci: str = "github",
    install: str | None = None,
) -> dict[str, str]:
    """Return every file of a new repository: relative path -> content.

    Args:
        organisation: The organisation's name in Japanese (or the only name).
        organisation_en: Its English name (default: the same).
        github: GitHub user or team of the `ciso` owner, for CODEOWNERS (e.g. ``@org/security``).
        ci: ``github`` (the workflow and pull request template under `.github/`) or ``gitlab``
            (`.gitlab-ci.yml`, for a self-hosted GitLab).
        install: What the CI gives `pip install` (default: where the running isms came from).
    """
    values = {
        "ORGANISATION_JA": json.dumps(organisation, ensure_ascii=False),
        "ORGANISATION_EN": json.dumps(organisation_en or organisation, ensure_ascii=False),
        "GITHUB": json.dumps(github) if github else "",
        "INSTALL": install_line(install or running_source().spec),
    }
    files = {path: _fill(text, values) for path, text in templates().items()}
    if ci == "gitlab":
        files = {path: text for path, text in files.items() if not path.startswith(".github/")}
        gitlab = resources.files("isms.templates").joinpath("ci", "gitlab-ci.yml").read_text(encoding="utf-8")
        files[".gitlab-ci.yml"] = _fill(gitlab, values)
    files |= _controls(files["isms.yaml"])
    files[".vscode/settings.json"] = vscode_settings()
    files |= {f"schemas/{name}": render(name) for name in SCHEMAS}
    files["evidence/.gitkeep"] = ""
    files["catalogs/.gitkeep"] = ""
    return dict(sorted(files.items()))


def check_plan(files: dict[str, str]) -> None:
    """Load the planned repository from a temporary folder; refuse it when it has errors.

    Raises:
        IsmsError: the plan would not validate (a bug in the templates).
    """
    with tempfile.TemporaryDirectory(prefix="isms-init-") as folder:
        root = Path(folder)
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(content, encoding="utf-8")
        errors = [f for f in load_repository(root).findings if f.severity is Severity.ERROR]
    if errors:
        lines = "\n".join(f"  {f.location.format()}: {f.message} [{f.rule}]" for f in errors)
        lines_ja = "\n".join(f"  {f.location.format()}: {f.message_ja} [{f.rule}]" for f in errors)
        msg = f"the new repository would not validate (a bug in isms, please report it):\n{lines}"
        ja = f"新しいリポジトリが検証を通りません（isms の不具合です。報告してください）:\n{lines_ja}"
        raise IsmsError(msg, ja=ja)


def refuse_existing(target: Path, files: dict[str, str]) -> None:
    """Refuse to initialise anywhere but a new or empty folder (a `.git` alone is allowed), or inside an ISMS.

    Raises:
        UsageError: naming what exists.
    """
    if target.exists() and not target.is_dir():
        msg = f"{target} exists and is not a folder"
        ja = f"{target} はすでにあり、フォルダではありません"
        raise UsageError(msg, ja=ja)
    clashes = sorted(rel for rel in files if (target / rel).exists())
    if clashes:
        shown = ", ".join(clashes[:5]) + (f" and {len(clashes) - 5} more" if len(clashes) > 5 else "")
        msg = f"{target} already has {shown}; `isms init` writes only into a new or empty folder"
        ja = f"{target} にはすでに {shown} があります。`isms init` は新しいフォルダか空のフォルダにだけ書き込みます"
        raise UsageError(msg, ja=ja)
    for parent in target.resolve().parents:
        if (parent / "isms.yaml").is_file():
            msg = (
                f"{target} is inside the ISMS at {parent}; a new ISMS there would become part of the outer one "
                "(its files read as the outer one's); choose a folder outside it"
            )
            ja = (
                f"{target} は {parent} の ISMS の中にあります。そこに作る新しい ISMS は外側の ISMS の一部になります"
                "（そのファイルは外側のものとして読まれます）。外側の ISMS の外のフォルダを選んでください"
            )
            raise UsageError(msg, ja=ja)
    present = sorted(p.name for p in target.iterdir() if p.name != ".git") if target.is_dir() else []
    if present:
        shown = ", ".join(present[:5]) + (f" and {len(present) - 5} more" if len(present) > 5 else "")
        msg = f"{target} is not empty (it has {shown}); `isms init` writes only into a new or empty folder"
        ja = (
            f"{target} は空ではありません（{shown} があります）。"
            "`isms init` は新しいフォルダか空のフォルダにだけ書き込みます"
        )
        raise UsageError(msg, ja=ja)
