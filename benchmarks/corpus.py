"""A synthetic, larger corpus that keeps the shape of real conference notes.

The bundled notes (data/notes/kubecon-na-2020.txt) are parsed and linked once.
Their 23 talks are the templates: talk i of the synthetic corpus is a copy of
template i % 23 with its own title, its own offsets (so its mention IRIs are
new), speakers drawn from a pool of made-up names, and, from a seeded random
generator, a few of its tools (and sometimes a topic) swapped for others from
the vocabulary. A swapped tool is replaced, most of the time, by a tool that
shares a topic with it, so what co-occurs with what stays plausible; the
inferred topics are then worked out again by talkgraph.graph.linking.extract's own rule.

The very first talks of the first document are the bundled talks unchanged,
under the bundled document name, so the mission's example queries (which name
"Beyond the buzzword: BPF’s Unexpected role in Kubernetes", eBPF, Prometheus,
Observability) find what they look for at every size.

Everything is a pure function of (number of talks, talks per document, seed).

    .venv/bin/python benchmarks/corpus.py --sizes 1000,10000      # sizes, quads, timings
    .venv/bin/python benchmarks/corpus.py --sizes 1000 --out /tmp/c.nq   # the N-Quads too
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from pyoxigraph import RdfFormat

from talkgraph.graph.analytics.derived import Analytics
from talkgraph.graph.ingest import load_reference_graphs
from talkgraph.graph.linking.extract import Extraction, TalkExtraction, _topics, extract
from talkgraph.graph.linking.linker import Linker, Mention
from talkgraph.graph.linking.people import Person
from talkgraph.graph.linking.vocabulary import Entry, Vocabulary, load_vocabulary
from talkgraph.graph.notes.segment import parse_file
from talkgraph.graph.notes.sentences import Sentence
from talkgraph.graph.rdf.store import EmbeddedStore, GraphStore
from talkgraph.graph.rdf.triples import document_key, extraction_quads, notes_graph
from talkgraph.ontology import ONTOLOGY_GRAPH, VOCABULARY_GRAPH

try:  # `--baseline REV` runs these scripts on an older revision's package, whose segment.py held it before b457151
    from talkgraph.graph.notes.talks import NotesDocument
except ImportError:
    from talkgraph.graph.notes.segment import NotesDocument  # type: ignore[attr-defined,no-redef]

BUNDLED_NOTES = Path(__file__).resolve().parent.parent / "data" / "notes" / "kubecon-na-2020.txt"
DEFAULT_SEED = 2020
TALKS_PER_DOCUMENT = 1000
SAME_TOPIC_SHARE = 0.7  # a swapped tool is replaced by one of the same topic this often
TOPIC_SWAP_SHARE = 0.3  # a clone swaps one of the topics it names this often

FIRST = (
    "Ada",
    "Bruno",
    "Chen",
    "Dana",
    "Emeka",
    "Fatima",
    "Goran",
    "Hana",
    "Ines",
    "Jonas",
    "Kenji",
    "Lea",
    "Marta",
    "Nikhil",
    "Olga",
    "Pablo",
    "Qi",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zoe",
)
LAST = (
    "Abe",
    "Bauer",
    "Costa",
    "Diallo",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Silva",
    "Tanaka",
)


@dataclass
class Templates:
    """The bundled notes, linked once, and the vocabulary indexes clones draw from."""

    vocabulary: Vocabulary
    linker: Linker
    extraction: Extraction
    tools: list[Entry] = field(default_factory=list)
    topics: list[Entry] = field(default_factory=list)
    tools_of_topic: dict[str, list[Entry]] = field(default_factory=dict)

    @classmethod
    def load(cls, notes: Path = BUNDLED_NOTES) -> Templates:
        vocabulary = load_vocabulary()
        linker = Linker(vocabulary)
        templates = cls(vocabulary, linker, extract(parse_file(notes), linker))
        templates.tools = sorted(vocabulary.of_kind("tool"), key=lambda e: e.iri)
        templates.topics = sorted(vocabulary.of_kind("topic"), key=lambda e: e.iri)
        by_topic: dict[str, list[Entry]] = defaultdict(list)
        for tool in templates.tools:
            for topic in sorted(tool.topics):
                by_topic[topic].append(tool)
        templates.tools_of_topic = dict(by_topic)
        return templates

    @property
    def document(self) -> NotesDocument:
        return self.extraction.document


def synthetic_extractions(
    n_talks: int, templates: Templates, talks_per_document: int = TALKS_PER_DOCUMENT, seed: int = DEFAULT_SEED
) -> Iterator[Extraction]:
    """n_talks talks in ceil(n_talks / talks_per_document) documents, one Extraction per document."""
    base = templates.document
    per_copy = len(templates.extraction.talks)
    speaker_pool = max(50, n_talks // 4)
    for doc_index, first in enumerate(range(0, n_talks, talks_per_document)):
        count = min(talks_per_document, n_talks - first)
        name = base.name if doc_index == 0 else f"synthetic-{doc_index:04d}.txt"
        text = base.text if doc_index == 0 else f"synthetic notes {doc_index} ({seed})"
        title = base.title if doc_index == 0 else f"Synthetic conference {doc_index}"
        document = replace(base, name=name, text=text, title=title, talks=[], outside=[])
        talks = []
        for position in range(count):
            number = first + position
            template = templates.extraction.talks[position % per_copy]
            copy = position // per_copy  # which copy of the bundled text this talk sits in
            if doc_index == 0 and copy == 0:
                talks.append(template)  # the bundled talk itself
                continue
            talks.append(
                _clone(
                    template,
                    templates,
                    number,
                    position,
                    copy * (len(base.text) + 1),
                    random.Random(seed * 1_000_003 + number),
                    speaker_pool,
                )
            )
        document.talks = [t.talk for t in talks]
        yield _extraction(templates.extraction, document, talks, own=doc_index == 0)


def _extraction(template: Extraction, document: NotesDocument, talks: list[TalkExtraction], own: bool) -> Extraction:
    """The template's Extraction with other talks, whatever fields talkgraph.graph.linking.extract gives it now: newer ones
    also carry unlinked name candidates, which only the bundled document keeps (they cite its talks by title)."""
    extra = {} if own or "candidates" not in {f.name for f in fields(Extraction)} else {"candidates": []}
    return replace(template, document=document, talks=talks, **extra)


def _clone(
    item: TalkExtraction,
    templates: Templates,
    number: int,
    position: int,
    shift: int,
    rng: random.Random,
    speaker_pool: int,
) -> TalkExtraction:
    talk = replace(
        item.talk,
        title=f"{item.talk.title} (session {number})",
        position=position,
        start=item.talk.start + shift,
        speakers=[],
        slides=[],
    )
    swap = _swaps(item, templates, rng)
    sentences: dict[Sentence, Sentence] = {}
    mentions = []
    for m in item.mentions:
        entry = swap.get(m.iri, m.entry)
        sentence = sentences.setdefault(m.sentence, Sentence(m.sentence.text, m.sentence.start + shift))
        surface = entry.label if entry is not m.entry else m.surface
        mentions.append(Mention(entry, surface, m.start + shift, m.end + shift, sentence, m.reason))
    speakers = [Person(_speaker_name(rng.randrange(speaker_pool)), p.affiliation, None) for p in item.speakers]
    # replace() keeps any field talkgraph.graph.linking.extract adds later (organisations named as employers, …) as the template has it
    return replace(item, talk=talk, mentions=mentions, speakers=speakers, topics=_topics(mentions, templates.linker))


def _swaps(item: TalkExtraction, templates: Templates, rng: random.Random) -> dict[str, Entry]:
    """Which of the talk's entities this clone names differently: 1–3 tools, sometimes a topic."""
    named_tools = list(dict.fromkeys(m.iri for m in item.mentions if m.entry.kind == "tool"))
    named_topics = list(dict.fromkeys(m.iri for m in item.mentions if m.entry.kind == "topic"))
    taken = {m.iri for m in item.mentions}
    swap: dict[str, Entry] = {}
    for iri in rng.sample(named_tools, min(len(named_tools), rng.randint(1, 3))):
        old = templates.vocabulary.entries[iri]
        pool: list[Entry] = templates.tools
        if old.topics and rng.random() < SAME_TOPIC_SHARE:
            pool = templates.tools_of_topic.get(rng.choice(sorted(old.topics)), templates.tools)
        new = rng.choice(pool)
        if new.iri not in taken:
            swap[iri] = new
            taken.add(new.iri)
    if named_topics and rng.random() < TOPIC_SWAP_SHARE:
        new = rng.choice(templates.topics)
        if new.iri not in taken:
            swap[rng.choice(named_topics)] = new
    return swap


def _speaker_name(i: int) -> str:
    first, rest = FIRST[i % len(FIRST)], i // len(FIRST)
    last = LAST[rest % len(LAST)]
    return f"{first} {last}" + (f" {rest // len(LAST) + 1}" if rest >= len(LAST) else "")


# -- into a store ---------------------------------------------------------------


@dataclass
class Built:
    store: EmbeddedStore
    talks: int
    documents: int
    notes_quads: int
    derived_quads: int  # the derived graph and every document's analytics graph
    total_quads: int
    seconds: dict[str, float]  # generate (parse/link stand-in + quads), load (each document with its analytics)


def build_store(
    n_talks: int,
    templates: Templates | None = None,
    talks_per_document: int = TALKS_PER_DOCUMENT,
    seed: int = DEFAULT_SEED,
    analytics: bool = True,
    store: GraphStore | None = None,
) -> Built:
    """A store (in memory unless given) holding what `talkgraph ingest` would write for the synthetic corpus:
    the ontology and vocabulary graphs, one graph per document, and, as ingest writes them with each
    document (by delta), the analytics graphs."""
    templates = templates or Templates.load()
    store = store or EmbeddedStore()
    seconds = {"generate": 0.0, "load": 0.0}
    load_reference_graphs(store, templates.vocabulary)
    writer = Analytics.open(store) if analytics else None
    notes_quads = documents = 0
    extractions = synthetic_extractions(n_talks, templates, talks_per_document, seed)
    while True:
        t0 = time.perf_counter()
        extraction = next(extractions, None)
        if extraction is None:
            break
        quads = extraction_quads(extraction)
        t1 = time.perf_counter()
        graph = notes_graph(document_key(extraction.document.name)).value
        if writer is None:
            store.replace_graph(graph, quads)
        else:
            writer.write_document(graph, quads)
        seconds["generate"] += t1 - t0
        seconds["load"] += time.perf_counter() - t1
        notes_quads += len(quads)
        documents += 1
    total = _count(store)
    return Built(
        store, n_talks, documents, notes_quads, total - notes_quads - _count(store, "reference"), total, seconds
    )


def _count(store: GraphStore, which: str = "all") -> int:
    """Quads in the store (which="reference": in the ontology and vocabulary graphs), counted by the store."""
    where = (
        f"VALUES ?g {{ <{ONTOLOGY_GRAPH}> <{VOCABULARY_GRAPH}> }} GRAPH ?g {{ ?s ?p ?o }}"
        if which == "reference"
        else "GRAPH ?g { ?s ?p ?o }"
    )
    return int(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"].value)


def nquads(built: Built) -> bytes:
    """The whole dataset as N-Quads, the common input every backend of store_choice.py loads."""
    return built.store.store.dump(format=RdfFormat.N_QUADS)


def _peak_rss_gib() -> float:
    """The process's peak resident memory so far (Linux reports kB); with several sizes, the largest."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of talks, comma-separated")
    parser.add_argument("--per-document", type=int, default=TALKS_PER_DOCUMENT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--no-analytics", action="store_true", help="load the documents without their analytics")
    parser.add_argument("--out", type=Path, help="write the N-Quads of the last size here")
    args = parser.parse_args()
    templates = Templates.load()
    print(
        f"templates: {len(templates.extraction.talks)} bundled talks, {len(templates.vocabulary.entries)} vocabulary entries"
    )
    print(
        f"{'talks':>8} {'docs':>5} {'notes quads':>12} {'derived quads':>14} {'all quads':>10} "
        f"{'generate s':>10} {'load s':>8}  peak RSS"
    )
    built = None
    for size in (int(s) for s in args.sizes.split(",")):
        built = build_store(size, templates, args.per_document, args.seed, analytics=not args.no_analytics)
        s = built.seconds
        print(
            f"{size:>8} {built.documents:>5} {built.notes_quads:>12,} {built.derived_quads:>14,} {built.total_quads:>10,} "
            f"{s['generate']:>10.2f} {s['load']:>8.2f}  {_peak_rss_gib():.1f} GiB",
            flush=True,
        )
    if args.out and built is not None:
        args.out.write_bytes(nquads(built))
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
