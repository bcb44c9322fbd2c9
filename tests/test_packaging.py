"""The wheel claims one import name, `talkgraph`, and carries the bundled notes with their credit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """Built from a copy of the sources: a build in place rewrites talkgraph.egg-info, which other test processes
    read the package's version from meanwhile."""
    out = tmp_path_factory.mktemp("wheel")
    sources = tmp_path_factory.mktemp("sources") / "talkgraph"
    ignored = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".coverage*")
    shutil.copytree(ROOT, sources, ignore=ignored)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(sources)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return zipfile.ZipFile(built)


def test_wheel_installs_only_the_talkgraph_package(wheel):
    top_level = {name.split("/")[0] for name in wheel.namelist()}
    assert top_level == {"talkgraph", f"talkgraph-{version('talkgraph')}.dist-info"}


def test_wheel_has_every_stage_of_the_pipeline(wheel):
    packages = {name.rsplit("/", 1)[0] for name in wheel.namelist() if name.endswith("/__init__.py")}
    assert {
        "talkgraph/api",
        "talkgraph/data",
        "talkgraph/ontology",
        "talkgraph/graph",
        "talkgraph/graph/notes",
        "talkgraph/graph/linking",
        "talkgraph/graph/rdf",
        "talkgraph/graph/analytics",
    } <= packages


def test_wheel_carries_the_bundled_notes_with_their_credit(wheel):
    names = set(wheel.namelist())
    assert "talkgraph/data/notes/kubecon-na-2020.txt" in names
    credit = wheel.read("talkgraph/data/notes/README.md").decode()
    assert "kubecon-na-2020.txt" in credit and "public recap" in credit and "author" in credit
    assert {"talkgraph/ontology/talkgraph.ttl", "talkgraph/ontology/shapes.ttl"} <= names
    assert any(n.startswith("talkgraph/api/static/vendor/vis-network/") for n in names)
