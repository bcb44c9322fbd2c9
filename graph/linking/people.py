"""Speakers and their affiliations, from headings and from the text of a talk.

A person is a speaker only when the notes say they present ("Liz Rice talked
about", "Speaker (David Sudia)", "Title by Ann Lee"); people who are only
mentioned ("a tribute to Dan Kohn") are not. Names that the vocabulary knows
as software or organisations are never people.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.linking.linker import Mention
from talkgraph.graph.notes.bylines import LEGAL_SUFFIX, SURNAME_PREFIX, gerund, participle
from talkgraph.graph.notes.sentences import Sentence
from talkgraph.graph.notes.talks import Talk

# A name's word: "Lind", "O'Neil", and the prefixed surnames MacLeod, McKay, DeWitt (not CamelCase software).
TOKEN = r"(?>[A-ZÀ-Ý](?:[a-zà-ÿ-]+|(?=['’][A-ZÀ-Ý])))(?:['’]?(?>[A-ZÀ-Ý][a-zà-ÿ-]+))?"  # Lind, MacLeod, O'Neil
INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")  # "StackOverflow": a capital inside a word
# "Ann Lee", "Arjan van de Ven", and "Neil J. Gunther": one middle initial, then the last name
PERSON = rf"{TOKEN}(?:\s+[A-ZÀ-Ý]\.\s+{TOKEN}|(?:\s+(?:van|von|de|da|del|der|di|le|la|du)?\s*{TOKEN}){{0,2}})"
PRESENTING = (
    r"talked|talks|spoke|speaks|presented|presents|showed|shows|demo(?:['’]?e)?d|demonstrated|explained|explains"
    r"|described|describes|continued|shared|walked|gave|introduced|told|discussed|covered"
    r"|(?:started|opened|closed)(?=\s+(?:with|by|off|on|his|her|their|the\s+(?:day|talk|session|keynote|conference)))"
    r"|kicked off|went over|went through|ran through|took us|highlighted|argued|announced|walks|shared"
    r"|went on(?!\s+to\s+(?:the|a|an|[A-Z]))"  # "went on to show …", not "went on to the keynote" (a walk)
    r"|answered|reminded|detailed|outlined"
    # …and in the languages notes are often written in: Dutch, German, French, Spanish, Italian, Swedish, Danish
    r"|liet zien|vertelde|presenteerde|sprak|toonde|legde uit|zeigte|sprach|erklärte|präsentierte|erzählte"
    r"|stellte|a présenté|a montré|a expliqué|a parlé|a raconté|présente|presentó|mostró|habló|explicó"
    r"|ha presentato|ha mostrato|ha parlato|visade|berättade|pratade|presenterade|talade|fortalte|viste"
)
ORG_WORD = r"(?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.'-]*[A-Za-z0-9]"  # "Acme", and "eBay", "iRobot"
# "Acme Cloud", and names joined by of/for/and/de: "University of Tartu", "Bank of Examples".
ORG = rf"{ORG_WORD}(?:\s+(?:(?:of|for|and|de|del|der|di|the)\s+)*{ORG_WORD}){{0,3}}"
# "Liz Rice talked", "Ann Lee from Acme talked", "Bob Smith, principal engineer at Acme, showed"
SUBJECT_SPEAKER = re.compile(
    rf"(?<![\w'’])(?P<name>{PERSON})(?:\s*\([^)]{{1,80}}\))?(?:\s+(?:from|of|at)\s+(?:the\s+)?{ORG}(?:\s+team)?\.?"
    rf"|\s*,[^,]{{1,100}},)?(?:\s+(?:is|was)\s+(?:an?|the)\s+[^.;,]{{1,60}}?\s+(?:and|who))?"
    rf"\s+(?:{PRESENTING})\b"
)
# "Next up was Marta Lind, on DNS failover", "First up, Ann Lee with …", "Ewan MacLeod's talk …".
INTRODUCED_SPEAKER = re.compile(
    rf"\b(?i:next(?: up)?|up next|first(?: up)?|then|after (?:that|lunch|the break)|later|last(?: up)?|finally)"
    rf"\s*(?:(?i:was|came)\s+|,\s*)(?P<name>{PERSON})\s*(?:,|\s+(?:on|about|with|who|from|of|at)\b)"
)
INTRODUCING_WORDS = ("next", "first", "then", "after", "later", "last", "finally")  # a cheap test before the regex
POSSESSIVE_SPEAKER = re.compile(
    rf"(?<![\w'’])(?P<name>{PERSON})['’]s\s+(?:\w+\s+){{0,2}}(?i:talk|keynote|session|presentation|workshop|tutorial|demo|lightning talk|slides)\b"
)
TAGGED_SPEAKER = re.compile(
    rf"\b(?i:speakers?(?:\s+(?:was|were|is))?|presenters?(?:\s+(?:was|were|is))?|presented by|given by|talk by"
    rf"|keynote by|hosted by|delivered by|led by|run by|heard from|(?:talk|keynote|session|presentation|workshop"
    rf"|tutorial),?\s+(?:from|with))\s*[:(]?\s*(?P<name>{PERSON})\)?"
)  # "Speaker: Ann Lee", "given by Ann Lee", "we heard from Ann Lee", "the opening talk, from Ann Lee, …"
# What TAGGED_SPEAKER cannot match without (see _may_tag): every "… by" cue holds " by".
TAGGING_WORDS = ("speaker", "presenter", " by", "heard from")
TAGGING_KINDS = ("talk", "keynote", "session", "presentation", "workshop", "tutorial")  # …then "from" or "with"
# "Ann Lee and " right before a presenting subject: the first of two people presenting together.
PAIRED_BEFORE = re.compile(rf"(?<![\w'’])(?P<name>{PERSON})\s+(?:and|&)\s+$")
ROLE = r"engineers?|developers?|architects?|SREs?|CTO|CEO|founder|co-founder|maintainers?|lead|manager|VP|director|advocate|team"


def _literal_words(alternation: str) -> tuple[str, ...]:
    """The words of an alternation of plain words, each with an optional plural "s?" left off: one of them is in
    any text the alternation matches (a cheap test before a costly pattern)."""
    words = tuple(re.sub(r"s\?$", "", word) for word in alternation.split("|"))
    if not all(re.fullmatch(r"[\w-]+", word) for word in words):
        raise ValueError(f"not an alternation of plain words: {alternation}")
    return words


ROLE_WORDS = _literal_words(ROLE)  # as written (ORG_BEFORE_…)
ROLE_WORDS_LOWER = tuple(word.lower() for word in ROLE_WORDS)  # in any case (ORG_AFTER_ROLE), in ASCII text
# "an engineer at Shopify", "Ann Lee from Shopify", "a Shopify engineer"
ORG_AFTER_ROLE = re.compile(rf"\b(?i:{ROLE})\b[^.;:]{{0,40}}?\b(?:at|from|with)\s+(?:the\s+)?(?P<org>{ORG})")
# "Ann Lee of Acme", "Ann Lee, VP of Data Science at Acme": after a role, "of" names a department, not the employer.
ORG_AFTER_PERSON = re.compile(
    rf"(?P<name>{PERSON})(?:(?:\s*,\s*[^,]{{1,40}}?,?\s*\b(?:from|at)|\s+(?:from|at|of))\s+(?:the\s+)?(?P<org>{ORG})"
    rf"|\s*\((?:[^(),]{{1,40}},\s*)*(?:(?:formerly\s+|ex-?\s*)?(?:of|at|from)\s+)?(?P<paren_org>{ORG})\)"
    rf"|\s*,\s*(?:[\w-]+\s+){{0,3}}?(?:{ROLE})\s+(?:of|for)\s+(?:the\s+)?(?P<role_org>{ORG})(?=\s*(?:[,.;)]|$)))"
)  # "Ann Lee of Acme", "Ann Lee, VP of Data at Acme", "Ann Lee (Acme)", "Ann Lee (CTO, Acme)", "Ann Lee, CTO of Acme,"
# "Acme's Ann Lee", "Acme engineer Ann Lee": the employer before the person.
ORG_BEFORE_PERSON = re.compile(rf"\b(?:(?P<owner>{ORG})['’]s|(?P<org>{ORG})\s+(?:{ROLE}))\s+(?P<name>{PERSON})\b")
ORG_BEFORE_ROLE = re.compile(
    rf"\b(?:(?i:an?|the|two|three|several)\s+(?P<org>{ORG})|(?P<owner>{ORG})['’]s(?:\s+\w+)?)\s+(?:{ROLE})\b"
)  # "a Lyft engineer", "Acme's SRE engineers"
# "works at Kiwi.com", "worked for Acme Cloud": an employer said with a verb of working.
ORG_WORKED_AT = re.compile(rf"\b(?:works|worked|working|is employed)\s+(?:at|for)\s+(?:the\s+)?(?P<org>{ORG})")
# "At Initech, deploys happen fifty times a day.": an organisation a sentence opens with, as the place it speaks of.
ORG_AT_START = re.compile(rf"^(?i:at|inside|within)\s+(?P<org>{ORG}),\s")
# "Technology @ Walt Disney Animation Studios": where a title's subject happens.
ORG_AT_SIGN = re.compile(rf"\s@\s+(?P<org>{ORG})")
# "Logs, Metrics, and Observability at Coinbase": a title that closes on the organisation whose experience it tells
# (never a name of ordinary words alone: "Kubernetes at Large Scale").
ORG_CLOSING_TITLE = re.compile(rf"\s(?:at|@)\s+(?P<org>{ORG})\s*$")
# "many earlier Monitorama talks": a name after a determiner or a quantifier is a noun's modifier, nobody presenting.
MODIFIER_BEFORE = re.compile(
    r"\b(?:the|a|an|many|most|some|several|few|all|other|earlier|previous|past|later|these|those|both|more|two|three"
    r"|his|her|their|our|my|your|its)\s+$"
)
NOT_NAMES = {
    "From",
    "With",
    "In",
    "On",
    "At",
    "For",
    "Of",
    "By",
    "To",
    "About",
    "Like",
    "Via",
    "Without",
    "Through",
    # …and the rest of English's prepositions: "Between talks I met …"
    "Above",
    "Across",
    "Against",
    "Along",
    "Amid",
    "Among",
    "Around",
    "Behind",
    "Below",
    "Beneath",
    "Beside",
    "Besides",
    "Between",
    "Beyond",
    "Despite",
    "Inside",
    "Into",
    "Near",
    "Onto",
    "Outside",
    "Over",
    "Since",
    "Throughout",
    "Toward",
    "Towards",
    "Under",
    "Unlike",
    "Until",
    "Upon",
    "Within",
    "The",
    "This",
    "That",
    "Then",
    "There",
    "They",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "We",
    "You",
    "I",
    "And",
    "But",
    "So",
    "After",
    "Before",
    "During",
    "When",
    "While",
    "Once",
    "Here",
    "Our",
    "My",
    "His",
    "Her",
    "Their",
    "Its",
    "Each",
    "Every",
    "Some",
    "All",
    "Both",
    "Most",
    "Another",
    "Other",
    "Speaker",
    "Speakers",
    "Presenter",
    "Presenters",
    "Demo",
    "Talk",
    "Keynote",
    "Day",
    "Session",
    "Everyone",
    "Several",
    "Many",
    "Few",
    "Two",
    "Three",
    "Four",
    "Nobody",
    "Someone",
    # people said by their role, never by name: "Engineers from Acme explained …"
    "Engineers",
    "Developers",
    "Folks",
    "People",
    "Attendees",
    "Organisers",
    "Organizers",
    "Maintainers",
    "Contributors",
    "Panelists",
    "Panellists",
    "Researchers",
    "Students",
    "Members",
    "Volunteers",
    "Founders",
    "Users",
    "Customers",
}


@dataclass
class Person:
    name: str
    affiliation: str | None  # organisation label as written, or the vocabulary label when linked
    evidence: Sentence | None


def find_speakers(
    talk: Talk,
    mentions: list[Mention],
    known_labels: set[str],
    organisations: Sequence[str] = (),
    employer_labels: Collection[str] | None = None,
) -> list[Person]:
    """Speakers of one talk: from its heading, then from presenting verbs in its text.
    Vocabulary names and the organisations found in the talk are never people. A speaker's affiliation in the
    heading is kept as written, even a project ("Ann Lee (Cilium)": annotators of real recaps count it); a
    vocabulary name heading a field of its own after a speaker is their employer only if it is one of
    `employer_labels` (Linker.employer_labels: organisations, and products that stand for their maker); None: any."""
    not_people = AnyOf(known_labels, {o.lower() for o in organisations})
    people: dict[str, Person] = {}
    linked_orgs = [m for m in mentions if m.entry.kind == "org"]
    org_labels = {m.surface.lower(): m.entry.label for m in linked_orgs}
    last: Person | None = None
    for speaker in talk.speakers:
        if speaker.name.lower() not in known_labels:  # "Spring Boot" on a line of its own names software
            last = Person(speaker.name, speaker.affiliation, None)  # "Ann Lee (Cilium)": as the notes say
            _add(people, last)
        elif last is not None and last.affiliation is None and _may_employ(speaker.name, employer_labels):
            # "Ada Brown, Giant Swarm": her employer after all; "Ann Lee, Kafka" names the project she works on
            last.affiliation = org_labels.get(speaker.name.lower(), speaker.name)
    for sentence in talk.sentences:
        lowered = sentence.text.lower()
        for pattern in (TAGGED_SPEAKER, SUBJECT_SPEAKER, INTRODUCED_SPEAKER, POSSESSIVE_SPEAKER):
            if pattern is POSSESSIVE_SPEAKER and (
                talk.speakers or ("'s " not in sentence.text and "’s " not in sentence.text)
            ):
                continue  # where the heading names the speakers, "Tom Reyes's talk" is another talk
            if pattern is INTRODUCED_SPEAKER and not any(cue in lowered for cue in INTRODUCING_WORDS):
                continue
            if pattern is TAGGED_SPEAKER and not _may_tag(sentence.text, lowered):
                continue
            for match in pattern.finditer(sentence.text):
                before = sentence.text[: match.start("name")]
                if pattern is SUBJECT_SPEAKER and re.search(r"\b(?:at|from|of|for|with|by)\s+(?:the\s+)?$", before):
                    continue  # "the folks at Initech presented": an organisation, not a person
                if pattern is SUBJECT_SPEAKER and " " not in match.group("name") and MODIFIER_BEFORE.search(before):
                    continue  # "earlier Monitorama talks were about …": talks of a kind, not someone talking
                name = _clean(match.group("name"), not_people)
                if name and not _the_title(name, talk):
                    paired = PAIRED_BEFORE.search(before) if pattern is SUBJECT_SPEAKER else None
                    for each in ([_clean(paired.group("name"), not_people)] if paired else []) + [name]:
                        if each:  # "Ann Lee and Tom Reyes from Acme talked": both present
                            _add(
                                people, Person(each, _affiliation(sentence, name, linked_orgs, known_labels), sentence)
                            )
    return list(people.values())


def _may_tag(text: str, lowered: str) -> bool:
    """False when the sentence holds none of the words TAGGED_SPEAKER needs, tested without running it (most hold
    none). Its words match in any case: outside ASCII that has more equivalents, so such text is always tried."""
    return (
        not text.isascii()
        or any(word in lowered for word in TAGGING_WORDS)
        or (("from" in lowered or "with" in lowered) and any(kind in lowered for kind in TAGGING_KINDS))
    )


def _may_employ(name: str, employer_labels: Collection[str] | None) -> bool:
    return employer_labels is None or name.lower() in employer_labels


def _the_title(name: str, talk: Talk) -> bool:
    """ "Green Threads explained how threads work." under the title "Green Threads": the talk is the subject, not a
    person (a name of ordinary words only, written as the talk's own title)."""
    return (
        not talk.title_derived
        and name.lower() == talk.title.strip().lower()
        and all(is_common_word(word) for word in name.split())
    )


def _clean(name: str, known_labels: Container[str]) -> str | None:
    """The name without leading words that are not names; None when nothing of a person is left."""
    tokens = name.split()
    while tokens and tokens[0] in NOT_NAMES:
        tokens = tokens[1:]
    if not tokens or any(t.lower() in known_labels for t in tokens) or " ".join(tokens).lower() in known_labels:
        return None
    if gerund(tokens[0]) or participle(tokens[0]):
        return None  # "Implementing shared functionality", "Mentioned talks": a verb's form, not a person
    if any(INNER_CAPITAL.search(SURNAME_PREFIX.sub("", t)) for t in tokens):
        return None  # "StackOverflow talade om …": a site or software, written in CamelCase (but MacLeod, DeWitt)
    return " ".join(tokens)


def _affiliation(sentence: Sentence, name: str, organisations: list[Mention], known_labels: set[str]) -> str | None:
    """An organisation the sentence names for the person: "his role … at VMware", "Ann Lee from Acme"."""
    for mention in organisations:
        if sentence.start <= mention.start < sentence.end:
            before = sentence.text[: mention.start - sentence.start]
            if re.search(r"\b(?:at|from|of|for|with|by)\s*$", before):
                return mention.entry.label
    said = [
        _without_legal_form(_org_of(match))
        for pattern in (ORG_AFTER_PERSON, ORG_BEFORE_PERSON)
        for match in pattern.finditer(sentence.text)
        if match.group("name").endswith(name) and _org_of(match) and _organisation_like(_org_of(match), known_labels)
    ]
    return _whole_names(said)[0] if said else None


def find_organisations(talk: Talk, mentions: list[Mention], known_labels: set[str]) -> list[str]:
    """Organisations the vocabulary does not know, named where people work for them:
    "an engineer at Acme", "Ann Lee from Acme", "a Lyft engineer"."""
    linked = {m.surface.lower() for m in mentions}
    found: dict[str, str] = {}
    for n, sentence in enumerate(talk.sentences):
        title = n == 0 and not talk.title_derived  # "The Economics of Graceful Degradation": no one works there
        for pattern in (
            ORG_AFTER_ROLE,
            ORG_AFTER_PERSON,
            ORG_BEFORE_PERSON,
            ORG_BEFORE_ROLE,
            ORG_WORKED_AT,
            ORG_AT_SIGN,
            ORG_AT_START,
            ORG_CLOSING_TITLE,
        ):
            if title and pattern not in (ORG_AFTER_ROLE, ORG_AT_SIGN, ORG_CLOSING_TITLE):
                continue
            if pattern is ORG_CLOSING_TITLE and not title:
                continue
            if not _may_match(pattern, sentence.text):
                continue
            for match in pattern.finditer(sentence.text):
                person = pattern in (ORG_AFTER_PERSON, ORG_BEFORE_PERSON)
                if person and len((_clean(match.group("name"), known_labels) or "").split()) < 2:
                    continue  # a person has a first and a last name; "Economics of …" is no one
                org = _without_legal_form(_org_of(match).strip())
                if not org or (pattern is ORG_CLOSING_TITLE and all(is_common_word(w) for w in org.split())):
                    continue
                if _organisation_like(org, AnyOf(known_labels, linked)):
                    found.setdefault(org.lower(), org)
    return _whole_names(list(found.values()))


def _may_match(pattern: re.Pattern, text: str) -> bool:
    """False when text lacks what the ORG_… pattern must find, tested without the pattern: most sentences name no
    role, hold no "@" and say nothing of working anywhere."""
    if pattern is ORG_BEFORE_ROLE:
        return any(word in text for word in ROLE_WORDS)
    if pattern is ORG_BEFORE_PERSON:
        return "'s" in text or "’s" in text or any(word in text for word in ROLE_WORDS)
    if pattern is ORG_AFTER_ROLE:  # in any case: outside ASCII, case-insensitive matching has more equivalents
        return not text.isascii() or any(word in text.lower() for word in ROLE_WORDS_LOWER)
    if pattern is ORG_AT_SIGN:
        return "@" in text
    if pattern is ORG_WORKED_AT:
        return "work" in text or "is employed" in text
    return True


def _org_of(match: re.Match) -> str:
    """The organisation an ORG_… pattern caught, whichever of its forms did; "" for the letters of the words
    before it in parentheses ("Bring Your Own Chaos (BYOC)" abbreviates, it names no employer)."""
    said = match.groupdict()
    paren = said.get("paren_org")
    if paren:
        before = re.findall(r"[\w'’-]+", match.string[: match.start("paren_org")])[-len(paren) :]
        return "" if "".join(w[0] for w in before).lower() == paren.lower() else paren
    return said.get("org") or said.get("owner") or said.get("role_org") or ""


def _without_legal_form(org: str) -> str:
    """ "Widgets Inc" → "Widgets": people name a company without its legal form."""
    return LEGAL_SUFFIX.sub("", org).strip() or org


def _whole_names(orgs: list[str]) -> list[str]:
    """Drop a name that is only the tail of another one found ("Tartu" of "University of Tartu")."""
    return [o for o in orgs if not any(other != o and other.endswith(" " + o) for other in orgs)]


def _organisation_like(org: str, known: Container[str]) -> bool:
    words = org.split()
    if org.lower() in known or words[0] in NOT_NAMES:
        return False
    return not (len(words) == 1 and is_common_word(org))


class AnyOf:
    """Membership in any of several sets, without copying them into one: the vocabulary's thousands of labels
    and a talk's few names were copied into a new set per talk and per match."""

    def __init__(self, *sets: Container[str]):
        self.sets = sets

    def __contains__(self, item: object) -> bool:
        return any(item in each for each in self.sets)


def _add(people: dict[str, Person], person: Person) -> None:
    """Merge "Stephen" or "Augustus" into "Stephen Augustus" (and keep the first affiliation found)."""
    for key, known in list(people.items()):
        short, long_ = sorted((person.name, known.name), key=len)
        if short == long_ or long_.split()[0] == short or long_.startswith(short + " ") or long_.endswith(" " + short):
            merged = Person(long_, known.affiliation or person.affiliation, known.evidence or person.evidence)
            del people[key]
            people[long_] = merged
            return
    people[person.name] = person
