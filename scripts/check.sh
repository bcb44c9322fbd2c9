#!/usr/bin/env bash
# Lint, format and type checks, as CI runs them (needs the test extra installed in .venv, or PYTHON=…).
# mypy reads the package through a link farm that maps the repository's folders to their import
# names (talkgraph.graph ← graph/ …), as the wheel does: mypy does not follow setuptools' editable finder.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-$PWD/.venv/bin/python}
"$py" -m ruff check .
"$py" -m ruff format --check .
farm=build/typecheck/talkgraph
mkdir -p "$farm"
for folder in api data graph ontology; do ln -sfn "../../../$folder" "$farm/$folder"; done
(cd build/typecheck && "$py" -m mypy --config-file ../../pyproject.toml -p talkgraph)
