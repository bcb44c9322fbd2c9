"""Import the CNCF landscape data file (landscape.yml) into the user's vocabulary.

Items become tools (CNCF projects also tg:Project with their maturity),
categories and subcategories become topics, and the organisation behind each
item (its Crunchbase entry) becomes an organisation. Imported entries are marked
tg:curated false and never override a curated entry: a name the curated
vocabulary already has is skipped, and a category or organisation that matches a
curated one is linked to it instead of duplicated. Names that are also ordinary
English words are marked ambiguous, so they are only linked with evidence; a
category named by one ordinary word ("Network") classifies tools but is not
looked for in text (tg:linkable false).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from talkgraph.graph.errors import TalkgraphError
from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.ontology import ID, TG, slug

MATURITY = {"graduated": TG.Graduated, "incubating": TG.Incubating, "sandbox": TG.Sandbox, "archived": TG.Archived}
IMPORT_FILE = "imported-landscape.ttl"


class LandscapeError(TalkgraphError, ValueError):
    """The landscape file cannot be read (a message for people)."""

    status = 400


@dataclass
class ImportReport:
    tools: int = 0
    projects: int = 0
    topics: int = 0
    organisations: int = 0
    skipped_curated: list[str] = field(default_factory=list)
    path: Path | None = None


def read_landscape(source: str) -> dict:
    """A path or an http(s) URL → the parsed YAML document."""
    try:
        if urlsplit(source).scheme in ("http", "https"):
            response = httpx.get(source, timeout=60, follow_redirects=True)
            response.raise_for_status()
            text = response.text
        else:
            text = Path(source).read_text("utf-8")
    except (OSError, httpx.HTTPError) as exc:
        raise LandscapeError(f"cannot read {source}: {exc}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise LandscapeError(f"{source} is not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("landscape"), list):
        raise LandscapeError(f"{source} is not a landscape data file (no top-level 'landscape' list)")
    return document


def import_landscape(document: dict, vocabulary: Vocabulary, data_dir: Path) -> ImportReport:
    curated = {label.lower(): e for e in vocabulary.entries.values() if e.curated for label in e.labels}
    graph = Graph()
    graph.bind("tg", TG)
    graph.bind("skos", SKOS)
    report = ImportReport()
    topics: dict[str, URIRef] = {}
    orgs: dict[str, URIRef] = {}

    def topic_for(name: str) -> URIRef:
        key = name.lower()
        if key not in topics:
            known = curated.get(key)
            if known is not None and known.kind == "topic":
                topics[key] = URIRef(known.iri)
            else:
                topics[key] = URIRef(str(ID[f"topic/landscape-{slug(name)}"]))
                _entry(
                    graph,
                    topics[key],
                    [TG.Topic],
                    name,
                    match_case=True,
                    linkable=not _ordinary(name) and key not in curated,
                )
                report.topics += 1
        return topics[key]

    def org_for(item: dict) -> URIRef | None:
        crunchbase = str(item.get("crunchbase") or "")
        org_slug = crunchbase.rstrip("/").rsplit("/", 1)[-1] if crunchbase else ""
        name = (
            str(item.get("unnamed_organization", {}).get("name", ""))
            if isinstance(item.get("unnamed_organization"), dict)
            else ""
        )
        if not org_slug and not name:
            return None
        label = name or org_slug.replace("-", " ").title()
        key = org_slug or slug(label)
        if key not in orgs:
            known = next(
                (
                    e
                    for e in vocabulary.entries.values()
                    if e.kind == "org" and (e.iri.rsplit("/", 1)[-1] == key or e.label.lower() == label.lower())
                ),
                None,
            )
            if known is not None:
                orgs[key] = URIRef(known.iri)
            else:
                orgs[key] = URIRef(str(ID[f"org/{key}"]))
                _entry(graph, orgs[key], [TG.Company], label, match_case=True, linkable=label.lower() not in curated)
                report.organisations += 1
        return orgs[key]

    tools: dict[str, URIRef] = {}
    for category in document["landscape"]:
        if not isinstance(category, dict):
            continue
        category_topic = topic_for(str(category.get("name", "")).strip() or "Uncategorised")
        for subcategory in category.get("subcategories") or []:
            sub_topic = topic_for(str(subcategory.get("name", "")).strip() or "Uncategorised")
            for item in subcategory.get("items") or []:
                name = str(item.get("name", "")).strip()
                if not name:
                    continue
                if name.lower() in curated:
                    report.skipped_curated.append(name)
                    continue
                iri = tools.get(name.lower())
                if iri is None:
                    iri = tools[name.lower()] = URIRef(str(ID[f"tool/{slug(name)}"]))
                    maturity = MATURITY.get(str(item.get("project", "")).lower())
                    types = [TG.Tool, TG.Project] if maturity else [TG.Tool]
                    _entry(graph, iri, types, name, match_case=True, ambiguous=_ordinary(name))
                    if maturity:
                        graph.add((iri, TG.maturity, maturity))
                        graph.add((iri, TG.governedBy, URIRef(str(ID["org/cncf"]))))
                        report.projects += 1
                    report.tools += 1
                    org = org_for(item)
                    if org is not None:
                        graph.add((iri, TG.developedBy, org))
                graph.add((iri, TG.inTopic, sub_topic))
                graph.add((iri, TG.inTopic, category_topic))
    target = data_dir / "vocabulary" / IMPORT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".ttl.tmp")
    graph.serialize(tmp, format="turtle")
    tmp.replace(target)
    report.skipped_curated = sorted(set(report.skipped_curated))
    report.path = target
    return report


def _entry(
    graph: Graph, iri: URIRef, types: list, label: str, match_case: bool, ambiguous: bool = False, linkable: bool = True
) -> None:
    for rdf_type in types:
        graph.add((iri, RDF.type, rdf_type))
    graph.add((iri, SKOS.prefLabel, Literal(label)))
    graph.add((iri, TG.curated, Literal(False)))
    if match_case:
        graph.add((iri, TG.matchCase, Literal(True)))
    if ambiguous:
        graph.add((iri, TG.ambiguous, Literal(True)))
    if not linkable:
        graph.add((iri, TG.linkable, Literal(False)))


def _ordinary(name: str) -> bool:
    """A name that is also ordinary English (Atlantis, Bub, Keep) or too short to trust alone."""
    words = re.findall(r"[A-Za-z]+", name)
    if len(name) <= 3:
        return True
    return len(words) == 1 and is_common_word(words[0])
