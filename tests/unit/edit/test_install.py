"""The install line `isms init` writes: where the running isms came from (PEP 610 direct_url.json)."""

from __future__ import annotations

import pytest

from isms.edit.install import InstallSource, checked_spec, install_line, source_from
from isms.errors import UsageError

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def test_from_an_index_the_same_version() -> None:
    assert source_from(None, "0.3.1") == InstallSource("isms==0.3.1")


def test_from_git_the_url_and_the_commit() -> None:
    direct = {"url": "https://github.com/example/isms.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    assert source_from(direct) == InstallSource(f"isms @ git+https://github.com/example/isms.git@{COMMIT}")


def test_from_git_without_credentials_and_with_a_subdirectory() -> None:
    direct = {
        "url": "https://user:secret@git.example.com/isms.git",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
        "subdirectory": "python",
    }
    spec = source_from(direct).spec
    assert spec == f"isms @ git+https://git.example.com/isms.git@{COMMIT}#subdirectory=python"
    assert "secret" not in spec


def test_from_an_archive_url_that_url() -> None:
    url = "https://files.example.com/isms-0.1.0-py3-none-any.whl"
    assert source_from({"url": url, "archive_info": {}}) == InstallSource(f"isms @ {url}")


@pytest.mark.parametrize(
    "direct",
    [
        {"url": "file:///home/me/isms", "dir_info": {"editable": True}},
        {"url": "file:///tmp/isms-0.1.0-py3-none-any.whl", "archive_info": {}},
        {"url": "file:///home/me/isms", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
    ],
)
def test_from_a_local_source_the_index_version_and_a_note(direct: dict[str, object]) -> None:
    source = source_from(direct, "0.1.0")
    assert source.spec == "isms==0.1.0"
    assert source.note is not None
    assert "--isms-spec" in source.note


def test_spec_checks_and_line() -> None:
    assert install_line(checked_spec("isms==0.1.0")) == 'python -m pip install "isms==0.1.0"'
    for bad in ("", "isms\nrun: evil", 'isms" && curl x', "isms==$(id)", "a`b`"):
        with pytest.raises(UsageError, match="--isms-spec"):
            checked_spec(bad)
