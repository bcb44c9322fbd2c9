"""Another revision of this repository, importable as `talkgraph` by a child process: how a benchmark runs
the code of before beside the code of now in one run (`--baseline REV`)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

FOLDERS = ("api", "graph", "ontology", "data")


def baseline_package(revision: str, work: Path) -> tuple[Path, Path]:
    """The package folders of `revision` (`git archive`) under work, and a folder that maps them to the import
    name `talkgraph` as the wheel does. Returns (the folder to put on a child's PYTHONPATH, the revision's tree)."""
    root = Path(__file__).resolve().parent.parent
    tree = work / "baseline-tree"
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", revision, *FOLDERS], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    package = work / "baseline-package" / "talkgraph"
    package.mkdir(parents=True)
    for folder in FOLDERS:
        (package / folder).symlink_to(tree / folder)
    return package.parent, tree
