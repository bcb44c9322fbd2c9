"""Entity linking: sentences → mentions of vocabulary entries.

One Aho-Corasick automaton over every label of the vocabulary finds all
candidate matches of a sentence in one pass, so linking time depends on the
text, not on how many entries the vocabulary holds. Then, in order:
word boundaries, each entry's case rule, longest match wins, and names that
are also ordinary words (Lens, Helm, pack …) need evidence in the talk.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import ahocorasick
from wordfreq import zipf_frequency

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.linking.vocabulary import Entry, Vocabulary
from talkgraph.graph.notes.sentences import Sentence

# Words that, in the same sentence, show that an ambiguous name means software.
GENERIC_CUES = {
    "cli",
    "project",
    "projects",
    "tool",
    "tools",
    "tooling",
    "graduated",
    "incubating",
    "sandbox",
    "open source",
    "open-source",
    "plugin",
    "plugins",
    "install",
    "installed",
    "github",
    "repo",
    "repository",
    "cncf",
    "kubectl",
    "sdk",
    "library",
    "framework",
    "binary",
}
# …and these, next to an organisation's name.
ORGANISATION_CUES = {
    "company",
    "inc",
    "engineer",
    "engineers",
    "team",
    "employees",
    "announced",
    "acquired",
    "ceo",
    "cto",
    "keynote",
    "sponsored",
    "customers",
    "startup",
}
# A link written out in the text: a path segment in it names no tool, a profile link no employer.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\])\"'“”]+|\b[\w-]+(?:\.[\w-]+)+/[^\s<>\])\"'“”]*", re.I)
# A link to a repository on a code host: its last path segment names the project.
HOSTED_REPOSITORY = re.compile(
    r"(?:https?://)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[\w.-]+/([A-Za-z][\w.-]*[A-Za-z0-9])"
    r"/?(?:[#?].*)?$",
    re.I,
)
# "X at <company>": a capitalised word (a name, a title in Title Case) or a role right before "at".
EMPLOYER_AT = re.compile(
    r"(?:\b[A-Z][\w.'-]*|\b(?i:engineers?|developers?|managers?|leads?|architects?|cto|ceo|founders?|works?|working|worked))"
    r",?\s+at\s+$"
)
# The word after a name that makes it a company's ("Kairos Aerospace", "Zorbix Labs").
COMPANY_SUFFIX = re.compile(
    r"\s+(?:Aerospace|Labs|Inc\b|Corp\b|Corporation|GmbH|Ltd\b|LLC|Technologies|Systems|Software|Solutions|Consulting)\b"
)
# The owner in an `owner/repo` reference written in prose ("hashicorp/consul"), right before the repository's name.
REPOSITORY_OWNER = re.compile(r"(?:^|[\s(\[`'\"“])[a-z0-9][a-z0-9-]*/$")
REPOSITORY = re.compile(r"[a-z0-9][a-z0-9-]*/[A-Za-z0-9][\w.-]*(?![\w/])")
OPENERS = " \t([`'\"“"
# A bare product domain right after the name ("helm.sh", "widget.io"), not followed by more of a host or a path.
PRODUCT_DOMAIN = re.compile(r"\.(?:io|sh|dev|com|org|net|ai|app|cloud)\b(?![.\w/-])", re.I)
# What separates the members of an enumeration ("cacti, munin and ganglia", "Nagios/Icinga").
LIST_SEPARATOR = re.compile(r"\s*(?:,|;|:|/|\(|\)|\band\b|\bor\b|&|\+)\s*", re.I)
# Umbrella names that prefix many products besides each tool's own vendor (tg:developedBy).
UMBRELLA_NAMES = ("Apache", "GNU", "Eclipse")
SHORTENED_ZIPF = 3.0  # a shortened name must be rarer in English than this (Burp 2.8; Lambda, Ignite, Raft are not)
# Words that close a product's name without naming it: "Burp Suite", "Portworx Enterprise".
GENERIC_PRODUCT_WORDS = {
    "Suite",
    "Server",
    "Platform",
    "Framework",
    "Studio",
    "Enterprise",
    "Desktop",
    "Toolkit",
    "Pro",
}
ARTICLES = {"the", "a", "an", "my", "our"}  # words that qualify no name ("The Foreman")
DETERMINER_BEFORE = re.compile(r"\b(?i:the|a|an|this|that|these|those|my|our|your|his|her|their|its)\s+$")
CAMEL_PART = re.compile(r"[A-Z][a-z]{2,}|[A-Z]{2,}(?![a-z])")  # the words a CamelCase name joins
CONFIG_FILE_SUFFIX = "file"  # Tiltfile, Vagrantfile, Jenkinsfile: a tool's own configuration file names the tool
GENERIC_CUE_WINDOW = 2  # words on each side of the name
# A topic that this share of all tools belongs to (developer experience) says nothing about what a word means:
# sharing it is no evidence that an ambiguous name is the software. (A small vocabulary has no such topic.)
BROAD_TOPIC_SHARE = 0.15
BROAD_TOPIC_TOOLS = 50
OWN_CUE_WINDOW = 6
T = TypeVar("T")


@dataclass(frozen=True)
class Mention:
    entry: Entry
    surface: str
    start: int  # document offsets
    end: int
    sentence: Sentence
    reason: str = ""  # why an ambiguous name was accepted

    @property
    def iri(self) -> str:
        return self.entry.iri


def _fold(text: str) -> str:
    """Lower case that keeps every character in place (offsets must not move)."""
    folded = text.lower()
    if len(folded) == len(text):  # no character grew ("İ" does): every offset is where it was
        return folded
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class Linker:
    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.automaton = ahocorasick.Automaton()
        index: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        linkable = [e for e in vocabulary.entries.values() if e.linkable]
        for entry in linkable:
            for label in entry.labels:
                if len(label) >= 2:
                    index[_fold(label)].append((entry, label))
        written = set(index)
        self._config_files: set[str] = set()  # "Tiltfile": distinctive even when the tool's name is a word
        for entry in linkable:
            for variant in {v for label in entry.labels for v in _variants(label, entry)}:
                if _fold(variant) not in written:  # a written label of another entry always wins
                    index[_fold(variant)].append((entry, variant))
                    if variant.endswith(CONFIG_FILE_SUFFIX) and variant[: -len(CONFIG_FILE_SUFFIX)] in entry.labels:
                        self._config_files.add(variant)
        # "Burp" for Burp Suite, "BigQuery" for Google BigQuery: matched only as written (capitalised), and only
        # when the shortened name is not an English word and no other entry shortens to it. "Cruise Control" for
        # CruiseControl likewise.
        shortened: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        self.vendors: dict[str, tuple[str, ...]] = {}  # by tool: the names its vendor's word may be written with
        for entry in (e for e in linkable if e.kind == "tool"):
            makers = [vocabulary.entries[iri] for iri in entry.organisations if iri in vocabulary.entries]
            self.vendors[entry.iri] = (*UMBRELLA_NAMES, *(label for m in makers for label in m.labels))
            vendors = [f"{name} " for name in self.vendors[entry.iri]]
            for short in {v for label in entry.labels for v in (*_shortened(label, vendors), *_spelled_apart(label))}:
                shortened[_fold(short)].append((entry, short))
        self._exact: set[tuple[str, str]] = set()  # (entry, label) pairs that match only with this exact case
        for key, values in shortened.items():
            if key not in index and len({entry.iri for entry, _ in values}) == 1:
                index[key].append(values[0])
                self._exact.add((values[0][0].iri, values[0][1]))
        for key, values in index.items():
            self.automaton.add_word(key, (len(key), values))
        if index:
            self.automaton.make_automaton()
        # Case-sensitive one-word labels that are no English word ("Sass", "WebRTC"): written with more capitals
        # ("SASS", "webRTC", see _more_capitals) they are still the name; in lower case they need evidence.
        self._any_capitals = {
            (e.iri, label)
            for e in linkable
            if e.match_case
            for label in e.labels
            if len(label) >= 4 and " " not in label and not is_common_word(label)  # "Docker registry": a phrase
        }
        self.known_labels = {label.lower() for e in vocabulary.entries.values() for label in e.labels}
        self.employer_labels = employer_labels(vocabulary)
        # Capitalised names that are also common words (Target, Box, Slack): at the start of a
        # sentence the capital proves nothing, so there they need evidence like an ambiguous name.
        self._common = {
            e.iri
            for e in vocabulary.entries.values()
            if e.match_case
            and not e.ambiguous
            and any(" " not in label and is_common_word(label) for label in e.labels)
        }
        self._cues = {iri: GENERIC_CUES | e.cues for iri, e in vocabulary.entries.items() if e.ambiguous}
        # "OpenStack Neutron", "Apache Spark", "Leaflet.js": an ambiguous name spelled out with its vendor, project
        # or kind is no longer the English word
        self._qualified = {
            (e.iri, _spaced(label)) for e in linkable if e.ambiguous for label in e.labels if _qualifies(label, e.label)
        }
        # "Spark SQL" written out names a product of Spark: the one-word names of ambiguous tools, each of one entry
        heads = Counter(label for e in linkable if e.ambiguous and e.kind == "tool" for label in e.labels)
        self._heads = {
            label: e.iri
            for e in linkable
            if e.ambiguous and e.kind == "tool"
            for label in e.labels
            if " " not in label and heads[label] == 1
        }
        self._tools_made = Counter(o for e in vocabulary.entries.values() if e.kind == "tool" for o in e.organisations)
        self._ambiguous_by_maker: dict[str, set[str]] = defaultdict(set)
        for e in linkable:
            if e.ambiguous and e.kind == "tool":
                for maker in e.organisations:
                    self._ambiguous_by_maker[maker] |= set(e.labels)
        tools = [e for e in vocabulary.entries.values() if e.kind == "tool"]
        held = Counter(topic for e in tools for topic in e.topics)
        self._broad_topics = {
            topic for topic, n in held.items() if n > max(BROAD_TOPIC_SHARE * len(tools), BROAD_TOPIC_TOOLS)
        }

    def candidates(self, sentence: Sentence) -> list[Mention]:
        """Every label occurrence with word boundaries and case rules; longest match wins."""
        if not len(self.automaton):
            return []
        text = sentence.text
        links = (
            [m.span() for m in URL.finditer(text) if "/" in m.group() or m.group().lower().startswith("www.")]
            if "/" in text or "www." in text.lower()
            else []
        )
        hits: list[tuple[int, int, list[tuple[Entry, str]]]] = []  # (start, end, entries with their reasons)
        exact, any_capitals, last = self._exact, self._any_capitals, len(text) - 1
        for end, (length, values) in self.automaton.iter(_fold(text)):
            start = end - length + 1
            if (start > 0 and _joins(text[start - 1], text[start])) or (
                end < last and _joins(text[end], text[end + 1])
            ):
                continue
            if links and any(a <= start and end < b for a, b in links):
                continue  # inside a written-out link: a path or a profile, not a mention
            surface = text[start : end + 1]
            matched = {
                entry.iri: (entry, "")
                for entry, label in values
                if (surface == label and not ((entry.iri, label) in exact and _after_a_name(text, start)))
                or not (entry.match_case or (entry.iri, label) in exact)
                or ((entry.iri, label) in any_capitals and _more_capitals(surface, label))
            }
            if surface.islower():  # "cacti": a case-sensitive tool written in lower case, linked only on evidence
                for entry, _ in values:
                    if entry.match_case and entry.kind == "tool" and entry.iri not in matched:
                        matched.setdefault(f" {entry.iri}", (entry, LOWER_CASE))  # after those matched as written
            if matched:  # one mention per entry, however many labels fit
                hits.append((start, end + 1, list(matched.values())))
        hits += [hit for a, b in links if (hit := self._repository(text[a:b], a)) is not None]
        offset = sentence.start
        return [
            Mention(entry, text[start:end], offset + start, offset + end, sentence, reason)
            for start, end, entries in _longest(hits)
            for entry, reason in entries
        ]

    def _repository(self, url: str, at: int) -> tuple[int, int, list[tuple[Entry, str]]] | None:
        """A code host's address of a repository named as a tool ("github.com/iovisor/bpftrace"): the software
        whose repository it is, linked on that evidence wherever the address is written. In any case (repositories
        are named in lower case), but not an English word ("…/notes", "…/vault": anyone's repository)."""
        match = HOSTED_REPOSITORY.match(url.rstrip(".,;:!?"))
        if not match or is_common_word(name := match.group(1)):
            return None
        found = self.automaton.get(_fold(name), None)
        tools = {entry.iri: entry for entry, _ in found[1] if entry.kind == "tool"} if found else {}
        start = at + match.start(1)
        return (start, start + len(name), [(e, IN_REPOSITORY) for e in tools.values()]) if tools else None

    def link(
        self,
        sentences: list[Sentence],
        code: Collection[str] = (),
        shown: Collection[tuple[str, str]] = (),
        made: Mapping[str, Collection[str]] | None = None,
    ) -> list[Mention]:
        """Mentions of one talk: unambiguous matches, plus ambiguous ones with evidence. `code` holds the talk's
        code spans: a name written as code (`vault`, `helm install`) is the software. `shown` holds the (entry,
        spelling) pairs that other talks of the same notes linked on evidence: written the same way, they are the
        software here too ("Boundary" in a list of tags, after another talk said "HashiCorp Boundary"). `made`
        holds, by maker, the tools the notes link on their own: a capitalised name of another tool of that maker
        is the software too ("Nomad" in notes that name Terraform and Consul)."""
        as_code = _code_names(code)
        candidates = [
            m for s in sentences for m in self.candidates(s) if not (_repository_owner(m) or self._names_company(m))
        ]
        doubtful = {
            id(m)
            for m in candidates
            if m.reason != IN_REPOSITORY  # the address says what it is
            and (
                (
                    m.entry.ambiguous
                    and m.surface not in self._config_files
                    and (m.iri, _spaced(m.surface)) not in self._qualified
                    and not CAMEL_CASE.search(m.surface)  # "SaltStack", "JavaScriptCore": a name as no word is written
                )
                or m.reason == LOWER_CASE
                or (m.iri in self._common and not m.sentence.text[: m.start - m.sentence.start].strip(" \t\"'“‘(«[-•*"))
            )
        }
        written_tools: dict[int, list[Mention]] = defaultdict(list)  # per sentence, in order (see _paired)
        tool_spans: dict[int, set[tuple[int, int]]] = defaultdict(set)  # per sentence (see _in_tool_list)
        for m in sorted(candidates, key=lambda m: m.start):
            if m.entry.kind == "tool":
                tool_spans[id(m.sentence)].add((m.start, m.end))
                if m.reason != LOWER_CASE:
                    written_tools[id(m.sentence)].append(m)
        sure = [m for m in candidates if id(m) not in doubtful]
        sure_iris = {m.iri for m in sure}
        sure_spans = {(m.start, m.end) for m in sure if m.entry.kind == "tool"}
        sure_topics: dict[int, set[str]] = defaultdict(set)  # per sentence: the topics and tools named surely
        sure_tools: dict[int, set[str]] = defaultdict(set)
        for m in sure:
            if m.entry.kind in ("topic", "tool"):
                (sure_topics if m.entry.kind == "topic" else sure_tools)[m.sentence.start].add(m.iri)
        accepted, unsupported = list(sure), []
        for mention in (m for m in candidates if id(m) in doubtful):
            topics, beside = sure_topics[mention.sentence.start], sure_tools[mention.sentence.start]
            reason = _in_tool_list(mention, tool_spans[id(mention.sentence)], sure_spans) or _written_as_software(
                mention, as_code
            )
            if not reason and not (mention.reason == LOWER_CASE and is_common_word(mention.surface)):
                reason = self._evidence(mention, sure_iris, topics, beside)  # "keep" in lower case: a list only
            reason = reason or _paired(mention, written_tools.get(id(mention.sentence), []))
            if not reason and (mention.iri, mention.surface) in shown and not _plain_english(mention):
                reason = SHOWN_ELSEWHERE
            if not reason and made and mention.reason != LOWER_CASE and not _plain_english(mention):
                reason = self._same_maker(mention, made)
            if reason:
                accepted.append(
                    Mention(mention.entry, mention.surface, mention.start, mention.end, mention.sentence, reason)
                )
            elif mention.reason != LOWER_CASE and not _plain_english(mention):
                unsupported.append(mention)
        accepted += self._supporting_each_other(unsupported)
        return sorted(accepted, key=lambda m: (m.start, -m.end))

    def _supporting_each_other(self, unsupported: list[Mention]) -> list[Mention]:
        """Ambiguous names with no evidence of their own, of two tools of a field one talk names both of
        ("Polars" beside "pandas"): each is the other's evidence, as a sure tool would be (_evidence), where
        one of the two names is not an English word (not "Chef" with "Puppet": a kitchen may have both) and
        neither is a noun after a determiner ("the Quill was next to the Lathe"). The partner named is the first
        one written; each topic keeps one mention per entry and kind of word, so a long talk costs no more."""
        eligible = [
            (m, is_common_word(m.surface))
            for m in unsupported
            if not DETERMINER_BEFORE.search(m.sentence.text[: m.start - m.sentence.start])
        ]
        by_topic: dict[str, dict[tuple[str, bool], int]] = defaultdict(dict)  # the first of each, by position
        for position, (m, common) in enumerate(eligible):
            for topic in m.entry.topics - self._broad_topics:
                by_topic[topic].setdefault((m.iri, common), position)
        found = []
        for mention, common in eligible:
            partners = [
                position
                for topic in mention.entry.topics - self._broad_topics
                for (iri, other_common), position in by_topic[topic].items()
                if iri != mention.iri and not (common and other_common)
            ]
            if partners:
                reason = f"co-mentioned: {eligible[min(partners)][0].entry.label}"
                found.append(
                    Mention(mention.entry, mention.surface, mention.start, mention.end, mention.sentence, reason)
                )
        return found

    def _same_maker(self, mention: Mention, made: Mapping[str, Collection[str]]) -> str:
        """A maker of the tool whose other tools the notes name: why its capitalised name is the software. Only a
        product line counts (a maker of a few dozen tools, not a conglomerate whose tools every recap names), and
        not a word inside a longer proper name ("Kasper Borg Nilssen")."""
        if mention.entry.kind != "tool" or _inside_proper_name(mention):
            return ""
        for maker in sorted(mention.entry.organisations):
            others = sorted(set(made.get(maker, ())) - {mention.iri})
            if others and self._tools_made[maker] <= PRODUCT_LINE_TOOLS:
                return f"{SAME_MAKER}: {self.vocabulary.entries[others[0]].label}"
        return ""

    def ambiguous_labels_of(self, makers: Collection[str]) -> set[str]:
        """The labels of the ambiguous tools these makers make: where a talk writes one, the makers' evidence may
        link it (see link's `made`)."""
        return {
            label
            for maker in makers
            if self._tools_made[maker] <= PRODUCT_LINE_TOOLS
            for label in self._ambiguous_by_maker.get(maker, ())
        }

    def head_shown(self, mention: Mention) -> tuple[str, str] | None:
        """The (entry, spelling) a linked product's name shows by its first word: "Spark SQL" shows that "Spark" is
        Apache Spark in these notes, as a name linked on evidence does (see link's `shown`)."""
        head = mention.surface.split(" ", 1)[0]
        iri = self._heads.get(head) if " " in mention.surface else None
        return (iri, head) if iri is not None and iri != mention.iri else None

    def _names_company(self, mention: Mention) -> bool:
        """The tool's name stands for a company here: its maker of the same name as an employer ("Staff Engineer
        at Datadog", "Networking at Datadog"), or the first word of a company's name ("Kairos Aerospace")."""
        if mention.entry.kind != "tool":
            return False
        text, start, end = (
            mention.sentence.text,
            mention.start - mention.sentence.start,
            mention.end - mention.sentence.start,
        )
        if text[end : end + 1] == " " and COMPANY_SUFFIX.match(text, end):
            return True
        if not (mention.entry.organisations and text[max(0, start - 4) : start].rstrip().endswith("at")):
            return False
        makers = (self.vocabulary.entries.get(iri) for iri in mention.entry.organisations)
        return bool(EMPLOYER_AT.search(text[max(0, start - 60) : start])) and any(
            m is not None and m.label.split()[0].rstrip(",") == mention.surface for m in makers
        )

    def _evidence(
        self, mention: Mention, talk_iris: set[str], sentence_topics: set[str], beside: Collection[str] = ()
    ) -> str:
        """Why an ambiguous name means the software here: a cue next to it, a related tool named in
        the same talk (through a broad topic, only in the same sentence: `beside`), or one of its topics
        named in the same sentence; "" when nothing says so."""
        entry = mention.entry
        # A generic cue ("CLI", "graduated") must stand next to the name; the entry's own cues
        # ("chart" for Helm) anywhere near it. Imported (uncurated) names get no generic cues.
        near, nearby = _window(mention, GENERIC_CUE_WINDOW), _window(mention, OWN_CUE_WINDOW)
        generic = (
            (self._cues.get(mention.iri, GENERIC_CUES | ORGANISATION_CUES) - entry.cues) if entry.curated else set()
        )
        for cue in sorted(generic | entry.cues):
            if f" {cue} " in (nearby if cue in entry.cues else near):
                return f"cue: {cue}"
        for iri in sorted(talk_iris - {entry.iri}):
            other = self.vocabulary.entries[iri]
            shared = entry.topics & other.topics
            if other.kind == "tool" and (
                shared - self._broad_topics or (shared and iri in beside) or entry.iri in other.organisations
            ):
                return f"co-mentioned: {other.label}"
        shared = entry.topics & sentence_topics
        if shared:
            return f"topic in the sentence: {self.vocabulary.entries[sorted(shared)[0]].label}"
        return ""


LOWER_CASE = "lower case"  # the reason a candidate carries until evidence replaces it
PAIR_JOINER = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*")
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
SHOWN_ELSEWHERE = "linked so elsewhere in the notes"
IN_REPOSITORY = "its repository's address"
SAME_MAKER = "its maker's other tools named in the notes"
PRODUCT_LINE_TOOLS = 30  # HashiCorp's 25 tools are a product line; Google's 102 or Microsoft's 76 are not
CAPITALISED_BEFORE = re.compile(r"(?<![\w'-])([A-ZÀ-Ý][\w'-]*) $")  # "Kasper " right before the name
CAPITALISED_AFTER = re.compile(r"^ ([A-ZÀ-Ý][\w'-]*)")  # " Nilssen" right after it


def _inside_proper_name(mention: Mention) -> bool:
    """A capitalised word that is no common word ("In", "The") right before or after the name: it is part of a
    longer name, a person's or a thing's."""
    text = mention.sentence.text
    start, end = mention.start - mention.sentence.start, mention.end - mention.sentence.start
    return any(
        said is not None and not is_common_word(said.group(1))
        for said in (CAPITALISED_BEFORE.search(text[:start]), CAPITALISED_AFTER.match(text[end:]))
    )


def _plain_english(mention: Mention) -> bool:
    """A common word in lower case ("keep"), or opening its sentence ("Boundary conditions ..."): what the
    notes showed elsewhere does not carry over to it."""
    if not is_common_word(mention.surface):
        return False
    before = mention.sentence.text[: mention.start - mention.sentence.start]
    return mention.surface.islower() or not before.strip(" \t\"'“‘(«[-•*")


def _variants(label: str, entry: Entry) -> set[str]:
    """Spellings people use for a label that nobody lists: "Grafana Agent" as grafana-agent or grafana_agent,
    "Argo-CD" as "Argo CD", and a tool's configuration file (Tiltfile for Tilt)."""
    variants = set()
    parts = re.split(r"[ _-]", label)
    if len(parts) > 1 and all(parts):
        variants |= {sep.join(parts) for sep in (" ", "-", "_")}
    if entry.kind == "tool" and len(parts) == 1 and len(label) >= 3 and label[0].isupper():
        config = label + CONFIG_FILE_SUFFIX
        if zipf_frequency(config.lower(), "en") < 1.0:  # Makefile is a word of its own; Tiltfile is not
            variants.add(config)
    return variants - {label}


def _spaced(label: str) -> str:
    return re.sub(r"[-_\s]+", " ", _fold(label))


def _qualifies(label: str, name: str) -> bool:
    """The label is the entry's name with more than an article around it ("OpenStack Neutron", "Spark" in
    "Apache Spark", "Leaflet.js"); "The Foreman" is not."""
    words, named = re.findall(r"\w+", _fold(label)), re.findall(r"\w+", _fold(name))
    if label == name or not named:
        return False
    for i in range(len(words) - len(named) + 1):
        if words[i : i + len(named)] == named:
            rest = words[:i] + words[i + len(named) :]
            return bool(rest) and not set(rest) <= ARTICLES
    return False


def _code_names(spans: Iterable[str]) -> set[str]:
    """What code spans name, lower case: the span itself, its command (`helm install x`) and the repository of
    an `owner/repo` span."""
    names = set()
    for span in spans:
        words = span.strip().lower().split()
        if words:
            names |= {" ".join(words), words[0], words[0].rstrip("/").rsplit("/", 1)[-1]}
    return names


def _written_as_software(mention: Mention, as_code: set[str]) -> str:
    """Evidence in how the name is written: as code, as the repository of an `owner/repo` reference, or as a bare
    product domain (`widget.io`); links written out are never read this far (they name nothing)."""
    if mention.surface.lower() in as_code:
        return "written as code"
    if mention.entry.kind != "tool":
        return ""
    text, start, end = (
        mention.sentence.text,
        mention.start - mention.sentence.start,
        mention.end - mention.sentence.start,
    )
    if REPOSITORY_OWNER.search(text, max(0, start - 60), start) and text[end : end + 1] != "/":
        return "repository name"
    if PRODUCT_DOMAIN.match(text, end):
        return "product domain"
    return ""


def _repository_owner(mention: Mention) -> bool:
    """A tool's name as the owner of an `owner/repo` reference ("grafana/tempo", "linux/amd64") is an account or a
    platform, not the tool (an organisation of that name still is one)."""
    text, start, end = (
        mention.sentence.text,
        mention.start - mention.sentence.start,
        mention.end - mention.sentence.start,
    )
    if mention.entry.kind != "tool" or text[end : end + 1] != "/" or (start > 0 and text[start - 1] not in OPENERS):
        return False
    return bool(REPOSITORY.match(text, start))


def _after_a_name(text: str, start: int) -> bool:
    """The word before is capitalised mid-sentence: "Google Authenticator" is another product's full name."""
    before = re.findall(r"[\w.-]+\s*", text[:start])
    return (
        len(before) >= 2
        and before[-1][0].isupper()
        and before[-1].rstrip() != before[-1]
        and text[:start].endswith(before[-1])
    )


def _spelled_apart(label: str) -> set[str]:
    """A CamelCase name written as the words it joins ("Cruise Control" for CruiseControl, "Distributed Log");
    each part a capitalised word of three letters or more, or an acronym after one ("Postgre SQL")."""
    parts = CAMEL_PART.findall(label)
    if len(parts) < 2 or "".join(parts) != label or not parts[0][1:].islower():
        return set()
    return {" ".join(parts)}


def _shortened(label: str, vendors: list[str]) -> set[str]:
    """A product's name without its vendor ("Google BigQuery") or its generic last word ("Burp Suite")."""
    words = label.split()
    found = set()
    for vendor in vendors:
        if label.startswith(vendor) and len(words) > len(vendor.split()):
            found.add(label[len(vendor) :])
    if len(words) == 2 and words[1] in GENERIC_PRODUCT_WORDS:
        found.add(words[0])
    return {
        short
        for short in found
        if " " not in short
        and len(short) >= 3
        and short[0].isupper()
        and not short.isupper()  # "IDE", "SQL": acronyms shared by many products
        and zipf_frequency(short, "en") < SHORTENED_ZIPF
    }


def _in_tool_list(mention: Mention, tools: Collection[tuple[int, int]], sure: Collection[tuple[int, int]] = ()) -> str:
    """The name is one member of an enumeration whose members are all tool names: three of them ("Her old
    stack: cacti, munin and ganglia."), or two when the other is a tool without doubt ("Old stack: Nagios and
    graphite."). The list says what kind of words these are. `tools`: the spans of the sentence's tool names."""
    sentence = mention.sentence
    if (mention.start, mention.end) not in tools:
        return ""
    offset = sentence.start
    pieces, position = [], 0
    for separator in LIST_SEPARATOR.finditer(sentence.text):
        pieces.append((position, separator.start(), separator.group().strip()))
        position = separator.end()
    pieces.append((position, len(sentence.text), ""))
    index = next((i for i, (a, b, _) in enumerate(pieces) if a + offset <= mention.start < b + offset), None)
    if index is None:
        return ""

    def member(piece: tuple[int, int, str]) -> tuple[int, int] | None:
        """The document span of the piece's words (quotes and full stops aside); None for an empty piece."""
        a, b, _ = piece
        text = sentence.text[a:b].strip(" .!?\"'“”")
        a += sentence.text[a:b].find(text)
        return (a + offset, a + offset + len(text)) if text else None

    def is_tool(piece: tuple[int, int, str]) -> bool:
        return member(piece) in tools

    run = [index]
    for step in (-1, 1):  # the members next to it, as long as they are tool names
        i = index
        while 0 <= i + step < len(pieces) and is_tool(pieces[i + step]) and pieces[min(i, i + step)][2] != ":":
            i += step
            run.append(i)
    beside_sure = len(run) == 2 and any(member(pieces[i]) in sure for i in run if i != index)
    return "in a list of tools" if is_tool(pieces[index]) and (len(run) >= 3 or beside_sure) else ""


def _paired(mention: Mention, written: list[Mention]) -> str:
    """The name and the tool name right before or after it, of a subject they share, neither found in lower case,
    joined as a pair ("Reverse-engineering Angular and React"): each says what kind of word the other is.
    `written`: the sentence's tool names not in lower case, in order."""
    if mention.reason == LOWER_CASE or mention.entry.kind != "tool" or not mention.entry.topics:
        return ""
    at = bisect_left(written, mention.start, key=lambda m: m.start)
    text, offset = mention.sentence.text, mention.sentence.start
    for other in written[max(at - 1, 0) : at + 2]:
        if other is not mention and other.iri != mention.iri and other.entry.topics & mention.entry.topics:
            first, second = sorted((mention, other), key=lambda m: m.start)
            if PAIR_JOINER.fullmatch(text[first.end - offset : second.start - offset]):
                return f"paired with {other.entry.label}"
    return ""


def _window(mention: Mention, width: int) -> str:
    """The words around a mention (the name itself left out), lower case, as one string for phrase cues."""
    text = mention.sentence.text.lower()
    start, end = mention.start - mention.sentence.start, mention.end - mention.sentence.start
    before = re.findall(r"[\w/-]+", text[:start])[-width:]
    after = re.findall(r"[\w/-]+", text[end:])[:width]
    return " " + " ".join(before) + " | " + " ".join(after) + " "


def _joins(a: str, b: str) -> bool:
    """True when a and b are inside one word (so a match there is not a whole word): both word characters, as
    regular expressions' \\w has them (letters, digits of any script, and "_")."""
    return (a.isalnum() or a == "_") and (b.isalnum() or b == "_")


def _more_capitals(surface: str, label: str) -> bool:
    """ "SASS" for Sass, "webRTC" for WebRTC: written in capitals, or with a capital inside the word, never with
    fewer capitals than a name in capitals ("Hana" is no HANA, "Nats" no NATS)."""
    return not label.isupper() and (surface.isupper() or any(c.isupper() for c in surface[1:]))


def _longest(hits: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """Drop matches (start, end, what matched) inside a longer one, or overlapping one, longest first and then
    leftmost; a span is one match however many entries it holds."""
    chosen: list[tuple[int, int, T]] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        start, end = hit[0], hit[1]
        if any(a < end and start < b for a, b, _ in chosen):
            continue  # nested in or overlapping a longer (earlier chosen) one: the longer wins
        chosen.append(hit)
    return chosen


def employer_labels(vocabulary: Vocabulary) -> set[str]:
    """The vocabulary names that may stand for a speaker's employer after their name ("Ann Lee, Confluent"):
    organisations, and products that bear their maker's name: made by an organisation whose name starts with
    theirs ("Datadog" by "Datadog, Inc.") or that starts one of theirs ("Microsoft Azure"), or whose maker
    the vocabulary does not know (a vendor's product of the same name, as far as it can tell). A product
    others make ("Kafka", by LinkedIn and Confluent) is what the speaker works on, not where."""
    entries = vocabulary.entries
    out: set[str] = set()
    for entry in entries.values():
        makers = [entries[m].label.lower() for m in entry.organisations if m in entries]
        if entry.kind == "org" or (
            entry.kind == "tool" and (not makers or any(_namesakes(label, m) for label in entry.labels for m in makers))
        ):
            out.update(label.lower() for label in entry.labels)
    return out


def _namesakes(product: str, maker: str) -> bool:
    """Whether one name opens the other, as whole words ("Datadog" and "Datadog, Inc.", "Google Cloud" and "Google")."""
    short, long_ = sorted((product.lower(), maker.lower()), key=len)
    return long_.startswith(short) and (len(long_) == len(short) or not long_[len(short)].isalnum())
