"""Names in notes that look like software but are not in the vocabulary yet.

Shapes that people give software names: CamelCase (ChaosHub), kebab-case with an
unusual part (kube-netc), names with digits (k3s), "X CLI" / "the X project" / "X, a log service" / "a tool
called X", the repository of an owner/repo reference or of a code host's link, an install command, a product
domain (x.io), link texts and code spans. Ordinary English never qualifies: every word of a
candidate must be rare in English (wordfreq), and Kubernetes object kinds are
known not to be tools. Candidates are ranked by how many talks name them and
carry the sentences that do, so a person can accept them (`talkgraph vocab add`); a name with two kinds of
evidence in one talk is linked instead (unvetted.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.linking.linker import HOSTED_REPOSITORY, URL
from talkgraph.graph.notes.sentences import Sentence

if TYPE_CHECKING:  # extract.py imports this module
    from talkgraph.graph.linking.extract import TalkExtraction

# ChaosHub, K8Dash, gRPC (a one-letter lower prefix), OAuthProxy; not "APIs" or lowerCamel code (addContainer).
CAMEL = re.compile(r"\b(?:[A-Z][a-z0-9]+|[a-z])(?:[A-Z]+[a-z0-9]*)+\b|\b[A-Z]{2,}[a-z]{2,}[A-Za-z0-9]*\b")
KEBAB = re.compile(r"\b[a-z][a-z0-9]*(?:-[A-Za-z0-9]+)+\b")  # quill-sync, char-RNN
DIGITS = re.compile(r"\b[A-Za-z]+[0-9]+[A-Za-z]*\b")
# The repository of an `owner/repo` reference written in prose ("acme/zorbctl"), not a path inside a link.
REPOSITORY = re.compile(r"(?<![^\s(\[`'\"“])[a-z0-9][a-z0-9-]*/([A-Za-z][\w.-]*[A-Za-z0-9])(?![\w/])")
CUE_WORDS = ("CLI", "project", "SDK", "library", "plugin", "operator", "tool")
CUED = re.compile(rf"\b(?:the\s+)?([A-Za-z][\w.+-]{{1,30}})\s+(?:{'|'.join(CUE_WORDS)})\b")
# A package manager's install command names the package it installs ("pip install zorblax", "brew install --cask x").
INSTALL = re.compile(
    r"\b(?:pip3?|pipx|npm|yarn|pnpm|gem|cargo|brew|conda|composer|go|apt|apt-get|dnf|yum|choco)"
    r"\s+(?:install|add|get)\s+(?:-{1,2}[\w-]+\s+)*(?:[\w.@-]+/)*([A-Za-z][\w.-]*[A-Za-z0-9])(?![\w/])"
)
# Kubernetes object kinds and API words: CamelCase, but not software of their own.
KUBERNETES_KINDS = {
    "cronjob",
    "cronjobs",
    "daemonset",
    "daemonsets",
    "statefulset",
    "statefulsets",
    "replicaset",
    "configmap",
    "configmaps",
    "customresourcedefinition",
    "networkpolicy",
    "podsecuritypolicy",
    "persistentvolume",
    "persistentvolumeclaim",
    "storageclass",
    "clusterrole",
    "rolebinding",
    "serviceaccount",
    "ingressclass",
    "horizontalpodautoscaler",
    "poddisruptionbudget",
    "javascript",
    "typescript",
    "github",
    "youtube",
    "linkedin",
    "iphone",
    "ipad",
    "macos",
    "ios",
    "devops",
    "devsecops",
    "finops",
    "gitops",
    "mlops",
    "aiops",
}
# What separates the members of an enumeration ("Nagios, Zorblax and Icinga").
LIST_SEPARATOR = re.compile(r"\s*(?:,|;|:|/|\band\b|\bor\b|&)\s*", re.I)
# Words that say a list names companies, though some of them share their names with their products.
COMPANY_LIST = re.compile(
    r"\b(?:sponsors?|sponsored|compan(?:y|ies)|customers|clients|partners|employers|vendors|startups|hiring)\b", re.I
)
# The top-level domains software projects name their sites under ("helm.sh", "distributedlog.io"); in prose,
# not .sh (a shell script's name, "setup-node.sh", reads the same).
PRODUCT_TLDS = "io|sh|dev|ai|app|rs|tools|cloud"
PROSE_TLDS = "io|dev|ai|app|tools|cloud"
PROSE_DOMAIN_ENDS = tuple(f".{tld}" for tld in PROSE_TLDS.split("|"))
# "a tool called Zorblax", "Zorblax is an open-source library for …": the sentence says what the name is.
KIND_NOUNS = (
    r"(?:library|framework|tool|toolkit|service|database|engine|platform|CLI|SDK|server|proxy|scheduler|queue|"
    r"package|plugin|runtime|compiler|debugger|profiler|linter|editor)"
)
CALLED = re.compile(r"\b" + KIND_NOUNS + r"s?\s+(?:called|named)\s+([A-Za-z][\w.+-]{1,30}[A-Za-z0-9])")
COPULA = re.compile(r"\b([A-Za-z][\w.+-]{1,30}[A-Za-z0-9])\s+is\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?" + KIND_NOUNS + r"\b")
# An apposition that says what the name is: "Zorblax, a fast replicated log service", "quill-sync, an open-source tool".
APPOSITION = re.compile(r"\b([A-Za-z][\w.+-]{1,30}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?" + KIND_NOUNS + r"\b")
# A product's own domain written bare in prose ("see zorblax.io"), not inside a longer host name or a link.
BARE_DOMAIN = re.compile(r"(?<![\w./@-])([A-Za-z][\w-]*[A-Za-z0-9])\.(?:" + PROSE_TLDS + r")\b(?![\w/-]|\.\w)")
# Evidence found in a block's links and code spans (one entry per occurrence, not per sentence).
BLOCK_EVIDENCE = {"link text", "code span"}


@dataclass
class Candidate:
    label: str
    talks: set[str] = field(default_factory=set)  # talk titles
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (why, sentence)
    spellings: set[str] = field(default_factory=set)  # how the sentences that give evidence write it

    @property
    def count(self) -> int:
        return len(self.evidence)


def find_candidates(talks: list[TalkExtraction], known_labels: set[str]) -> list[Candidate]:
    """Candidates of a document's talks, best first (more talks, then more sentences)."""
    finder = CandidateFinder(known_labels)
    for item in talks:
        finder.add(item)
    return finder.candidates()


class CandidateFinder:
    """Candidates gathered a talk at a time, so a large document need not keep every talk's links."""

    def __init__(self, known_labels: set[str]):
        self.known_labels = known_labels
        self.found: dict[str, Candidate] = {}

    def add(self, item: TalkExtraction) -> None:
        """Merge one talk's candidates; a name the talk linked on its own evidence (unvetted) is none."""
        own = item.candidates if item.candidates is not None else talk_candidates(item, self.known_labels)
        linked = {m.entry.label.lower() for m in item.mentions if m.entry.unvetted}
        for key, found in own.items():
            if key in linked:
                continue
            candidate = self.found.setdefault(key, Candidate(found.label))
            candidate.talks |= found.talks
            candidate.spellings |= found.spellings
            for evidence in found.evidence:
                if evidence[0] in BLOCK_EVIDENCE or evidence not in candidate.evidence:
                    candidate.evidence.append(evidence)

    def candidates(self) -> list[Candidate]:
        return sorted(self.found.values(), key=lambda c: (-len(c.talks), -c.count, c.label.lower()))


def talk_candidates(item: TalkExtraction, known_labels: set[str]) -> dict[str, Candidate]:
    """One talk's candidates by lower-case name, each with every piece of evidence the talk gives."""
    found: dict[str, Candidate] = {}
    linked = [(m.start, m.end) for m in item.mentions]
    speakers = {part.lower() for p in item.speakers for part in p.name.split()}
    tools = {(m.start, m.end) for m in item.mentions if m.entry.kind == "tool"}
    tools_in = Counter(m.sentence.start for m in item.mentions if m.entry.kind == "tool")
    title = item.talk.title
    code = {span.strip().lower() for block in item.talk.blocks for span in block.code}

    def note(name: str, why: str, text: str, block: bool = False, written: str = "") -> None:
        candidate = found.setdefault(name.lower(), Candidate(name))
        candidate.talks.add(title)
        if written:
            candidate.spellings.add(written)
        if block or (why, text) not in candidate.evidence:
            candidate.evidence.append((why, text))

    for sentence in item.talk.sentences:
        urls = [m.span() for m in URL.finditer(sentence.text)] if "/" in sentence.text else []
        listed = _listed_with_tools(sentence, tools, code) if tools_in[sentence.start] >= 2 else ()
        for why, start, label in [*_shapes(sentence), *listed]:
            end = start + len(label)
            if any(a < end and start < b for a, b in linked) or not _plausible(label, known_labels, speakers):
                continue
            if any(a <= start - sentence.start < b for a, b in urls):
                continue  # a piece of a written-out link is no name (the link's repository is read below)
            note(label, why, sentence.text, written=label)
        for url in (sentence.text[a:b] for a, b in urls):
            if (name := hosted_repository(url)) and _plausible(name, known_labels, speakers):
                note(found[name.lower()].label if name.lower() in found else name, "repository", sentence.text)
    for block in item.talk.blocks:
        first_line = block.text.splitlines()[0][:300] if block.text else ""
        for text, href in block.links:
            name = text.strip()
            if name.lower() == (hosted_repository(href) or "").lower() and _plausible(name, known_labels, speakers):
                note(name, "repository", first_line, block=True)
            elif _same_name(name, _domain_name(href)) and _plausible(name, known_labels, speakers):
                note(name, "product domain", first_line, block=True)
        for why, names in (("link text", [t for t, _ in block.links]), ("code span", block.code)):
            for name in names:
                name = name.strip()
                if URL.fullmatch(name) or "://" in name or INSTALL.match(name):
                    continue  # a link written as its own text names no tool; an install command's package is read above
                if 2 <= len(name) <= 40 and len(name.split()) <= 3 and _plausible(name, known_labels, speakers):
                    note(name, why, first_line, block=True)
    return found


def hosted_repository(url: str) -> str | None:
    """The repository's name in a link to a code host ("https://github.com/acme/zorbctl" → "zorbctl"); None for
    any other link, and for an account's page (no repository in the path)."""
    match = HOSTED_REPOSITORY.match(url.strip().rstrip(".,;:!?"))
    return re.sub(r"\.git$", "", match.group(1), flags=re.I) if match else None


def _domain_name(url: str) -> str:
    """The name a product's own site is registered under ("http://distributedlog.io/" → "distributedlog"); only
    under the domains software projects take (a company's .com site names the company)."""
    match = re.match(r"(?:https?://)?(?:www\.)?([\w-]+)\.(?:" + PRODUCT_TLDS + r")/?$", url.strip(), re.I)
    return match.group(1) if match else ""


def _same_name(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"[\s_.-]+", "", s.lower())  # noqa: E731 - a one-line key
    return bool(a and b) and fold(a) == fold(b)


def _may_match(pattern: re.Pattern, text: str) -> bool:
    """False when text lacks what the pattern must find (a hyphen, a digit, a cue word, a slash), tested without
    running it: most sentences hold none of these."""
    need = _NEEDS.get(pattern)
    return need is None or need(text)


_DIGIT = re.compile(r"[0-9]")
_NEEDS = {
    KEBAB: lambda text: "-" in text,
    DIGITS: lambda text: _DIGIT.search(text) is not None,
    CUED: lambda text: any(word in text for word in CUE_WORDS),
    REPOSITORY: lambda text: "/" in text,
}


def _shapes(sentence: Sentence):
    text = sentence.text
    for pattern, why in ((CAMEL, "camel-case"), (KEBAB, "kebab-case"), (DIGITS, "digits")):
        for match in pattern.finditer(text) if _may_match(pattern, text) else ():
            yield why, sentence.start + match.start(), match.group()
    for match in CUED.finditer(text) if _may_match(CUED, text) else ():
        yield "cue", sentence.start + match.start(1), match.group(1)
    if ", a" in text or ", the " in text:  # cheap tests first: most sentences hold none of these
        for match in APPOSITION.finditer(text):
            yield "cue", sentence.start + match.start(1), match.group(1)
    if " called " in text or " named " in text:
        for match in CALLED.finditer(text):
            yield "cue", sentence.start + match.start(1), match.group(1)
    if " is a" in text:
        for match in COPULA.finditer(text):
            yield "cue", sentence.start + match.start(1), match.group(1)
    if any(tld in text for tld in PROSE_DOMAIN_ENDS):
        for match in BARE_DOMAIN.finditer(text):
            yield "product domain", sentence.start + match.start(1), match.group(1)
    for match in REPOSITORY.finditer(text) if _may_match(REPOSITORY, text) else ():
        yield "repository", sentence.start + match.start(1), match.group(1)
    for match in INSTALL.finditer(text) if (" install " in text or " add " in text or " get " in text) else ():
        yield "install command", sentence.start + match.start(1), match.group(1)


def _listed_with_tools(sentence: Sentence, tools: set[tuple[int, int]], code: Collection[str] = ()):
    """An unknown one- or two-word name listed next to linked tools ("We ran Nagios, Zorblax and Icinga"):
    a whole member of an enumeration with a tool beside it and at least two tools in the list; a lower-case
    member only when written as code (`black`, `mypy`, `zorblax`)."""
    text = sentence.text.rstrip(" .!?")
    if COMPANY_LIST.search(text):
        return  # "Thanks to our sponsors: Datadog, PagerDuty and Zorbix": a list of companies that make tools
    pieces, position = [], 0
    for separator in [*LIST_SEPARATOR.finditer(text), None]:
        end = separator.start() if separator else len(text)
        piece = text[position:end]
        stripped = piece.strip(" :()\"'“”")
        if stripped:
            pieces.append((sentence.start + position + piece.find(stripped), stripped))
        position = separator.end() if separator else end
    ends, starts = {end for _, end in tools}, {start for start, _ in tools}
    # a member "is" a tool when a linked name opens or closes it ("We ran Nagios", "Icinga side by side")
    member = [start in starts or start + len(name) in ends for start, name in pieces]
    if sum(member) < 2:
        return
    for i, (start, name) in enumerate(pieces):
        beside = (i > 0 and member[i - 1]) or (i + 1 < len(pieces) and member[i + 1])
        named = name[:1].isupper() or any(p.search(name) for p in (KEBAB, DIGITS)) or name.lower() in code
        if not member[i] and beside and 1 <= len(name.split()) <= 2 and named:
            yield "listed with tools", start, name


def _plausible(label: str, known_labels: set[str], speakers: set[str]) -> bool:
    folded = label.lower()
    if folded in known_labels or folded in KUBERNETES_KINDS or folded in speakers:
        return False
    if re.fullmatch(r"[\d.,:%-]+|v?\d[\w.]*|\d+[a-z]{1,2}", folded):
        return False  # numbers, versions, "3x", "10s"
    words = [w for w in re.split(r"[\s\-_.]+", folded) if w]
    parts = [p for w in words for p in re.findall(r"[a-z]{3,}", w)]
    if not parts and not re.search(r"\d", folded):
        return False
    if parts and all(is_common_word(p) for p in parts) and not CAMEL.fullmatch(label):
        return False  # "no-code", "end-to-end", "read-only": English
    if len(words) == 1 and is_common_word(folded):
        return False
    # "re-usability" is a spelling of an English word
    return not ("-" in folded and zipf_frequency(folded.replace("-", ""), "en") > 1.0)
