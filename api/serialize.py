"""Answers → JSON, one way for the JSON API, the pages' JSON twins and the CLI's `--format json`.

Every node becomes {iri, label, class, page, curated}; a dataclass field marked `flatten` puts its node's keys
beside the other fields, one marked `optional` is left out when None.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from talkgraph.api.urls import resource_path
from talkgraph.graph.analytics.view import Node


def node_json(node: Node) -> dict[str, Any]:
    return {
        "iri": node.iri,
        "label": node.label,
        "class": str(node.cls),
        "page": resource_path(node.iri),
        "curated": node.curated,  # False: an unvetted tool, found in the notes, not in the vocabulary
    }


def to_json(value: Any) -> Any:
    if isinstance(value, Node):
        return node_json(value)
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if item is None and f.metadata.get("optional"):
                continue
            if f.metadata.get("flatten"):
                out.update(to_json(item))
            else:
                out[f.name] = to_json(item)
        return out
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value
