"""Talks that running text names ("Next up, Marta Lind gave a talk called 'DNS at the Edge'"), in emphasised
runs, and in enumerations after a cue ("The workshop track covered fuzzing, eBPF probes and Postgres tuning.")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from talkgraph.graph.notes.blocks import PROFILE_URL, Block
from talkgraph.graph.notes.bylines import (
    KIND_PREFIX,
    NAME,
    ORG_NAME,
    URL,
    kind_word,
    plausible_people,
    speaker_field,
    speaker_list,
    split_heading,
    split_names,
    strip_legal,
)
from talkgraph.graph.notes.days import DAY_HEADING, WEEKDAY
from talkgraph.graph.notes.sentences import split_sentences
from talkgraph.graph.notes.talks import Speaker, Talk

# "gave a talk called 'DNS at the Edge'", "the keynote, titled “Paging Less”": a talk named in prose.
TALK_CALLED = re.compile(
    r"\b(?P<kind>talk|keynote|session|presentation|workshop|tutorial|lightning talk)\b[,:]?\s+"
    r"(?:(?:was\s+)?(?:called|titled|entitled|named|on|about)\s+)?[\"“‘'«»](?P<title>[^\"”’'»«]{3,120})[\"”’'»«]",
    re.I,
)
# "Melissa Wen gave a talk named Kworkflow: Mix & Match.", "He gave the talk Where does my memory come from?,
# explaining …": a title named without quotes, from its capital to the end of the sentence or of the clause.
TALK_NAMED = re.compile(
    r"\b(?:(?P<kind>talk|keynote|session|presentation|workshop|tutorial)\s+(?:was\s+)?(?:named|called|titled"
    r"|entitled)|gave\s+(?:the|his|her|their)\s+(?P<kind2>talk|keynote|presentation))\s+"
    r"(?P<title>[A-Z0-9](?:[^.!?\n]|\.(?=\S)){2,119}?[?!]?)"
    r"(?=[.!]?$|[.!]\s|,\s+(?:[a-z]+ing|which|where|who|and|but)\b)"
)
# "Ann Lee spoke too, on “Paging Less”", "presented about 'Queues'": a presenting verb, then the quoted title.
SPOKE_ON = re.compile(
    r"\b(?:spoke|talked|presented|lectured)\b[^.\"“‘'«»]{0,20}?\b(?:on|about)\s+[\"“‘'«»](?P<title>[^\"”’'»«]{3,120})[\"”’'»«]"
)
# "„WARNING is a waste of my time“ von Schlomo Schapiro", "“Paging Less” by Ann Lee": a quoted title and its speakers.
QUOTED_BY = re.compile(
    rf"[\"“„«»](?P<title>[^\"”“»«]{{3,120}})[\"”“»«]\s+(?:by|von|de|par|di|door|av|from)\s+(?P<people>{NAME}(?:\s+(?:&|and|und|et)\s+{NAME})?)"
)
QUOTE = re.compile(r"[\"“”„«»‘’']")  # any quote mark: a paragraph without one names no quoted title
# A title in double or typographic quotes (not straight single quotes, which also close a possessive).
QUOTED_TITLE = r"[\"“„«»‘](?P<title>[^\"”“»«’]{3,120})[\"”“»«’]"  # »…« too, as German and Danish quote
SENTENCE_OPENER = re.compile(r"^(?:(?:Then|Next|Later|Finally|Also|First|Afterwards|Meanwhile|After|And|But|So)\s+)+")
PROSE_PEOPLE = rf"(?<![\w'’.-])(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)(?!\w)"  # whole words
APOSTROPHE = "['’‘]"  # of a possessive: ' ’ or ‘ (an autocorrected opening quote: "Tim Paine‘s talk")
# "Marta Lind presented “DNS at the Edge”", "Then came Ann Lee (Acme) with “Paging Less”", "Ann Lee's talk, “Paging
# Less”, …", "Ann Lee from Acme opened with a keynote called “Paging Less”", "Ann Lee gave another excellent talk on
# alerting, “Paging Less”": people, then how they presented, then the quoted title.
PEOPLE_QUOTED = re.compile(
    rf"{PROSE_PEOPLE}(?:\s*\([^)]{{1,60}}\)|\s+(?:from|of|at)\s+(?:the\s+)?{ORG_NAME})?"
    rf"(?:{APOSTROPHE}s(?:\s+(?:opening|closing|lightning))?\s+(?P<kind>talk|keynote|session|presentation|workshop|tutorial)"
    r"|\s+(?:presented|gave|delivered|opened\s+with|closed\s+with|followed\s+with|continued\s+with|with|shared)"
    r"(?:\s+(?:a|an|the|his|her|their|another)\s+(?:\w+\s+){0,2}(?P<kind2>talk|keynote|session|presentation|workshop"
    r"|tutorial)(?:\s+(?:called|titled|entitled|named)|\s+(?:on|about)(?:\s+[\w-]+(?:\s+(?:and\s+)?[\w-]+){0,3},)?)?)?)"
    rf"(?:,?\s+|\s*\(){QUOTED_TITLE}"  # "Ann Lee's talk, “Paging Less”", "Ann Lee's talk (“Paging Less”)"
)
# "Amy Tobey (opening plenary: The Endgame of SRE)": a person, then the session's kind and its title in parentheses.
PEOPLE_PAREN_SESSION = re.compile(
    rf"{PROSE_PEOPLE}\s*\((?:(?i:opening|closing|morning|afternoon|evening|first|last|final)\s+)?"
    r"(?P<kind>(?i:plenary|keynote|lightning\s+talk|talk|session|workshop|tutorial|panel))\s*:\s*(?P<title>[^()]{3,120})\)"
)
# "… keynotes on the digital economy (Ann Lee), machine learning (Tom Reyes, Raj Mehta) and music (Kim Ho)": an
# enumeration of subjects, each with its speakers in parentheses (kept only where a paragraph lists two or more).
SUBJECT_PEOPLE = re.compile(
    r"(?:^|[,;:]\s*|\s(?:and|or|und|oder|et|ou|y|o|och|eller|en|of)\s+)"
    r"(?:[^,;:()]{0,80}\b(?:with|on|about|mit|über|sur|om|sobre|over|like|such as|wie|including|etwa|z\.\s?B\.)\s+)?"
    r"(?:(?i:the|a|an|der|die|das|dem|den|des|einem|einer|eine|ein|le|la|les|l'|el|los|las|un|une|het|de)\s+)?"
    rf"(?P<title>[^,;:()\s][^,;:()]{{2,80}}?)\s*\((?P<people>{NAME}(?:\s*(?:,|&|and|und|et|y)\s*{NAME})*)\)"
)
# "In “DNS at the Edge”, Marta Lind showed …": the quoted title first, then who presented it.
QUOTED_THEN_PEOPLE = re.compile(
    rf"\b(?:In|With|During)\s+{QUOTED_TITLE},?\s+{PROSE_PEOPLE}\s+(?:presented|showed|explained|talked|spoke"
    r"|described|walked|argued|demonstrated|shared|told|gave|covered|went)\b"
)
# "Tab Atkins of the CSS working group talked …", "Jessica Dillon told how …": a person presenting, as a subject.
PRESENTER = re.compile(
    r"(?:[^:.!?\n]{0,80}:\s+|[A-Za-z' ]{0,30}?\s(?:was|were|came from)\s+|(?i:then|next|later|finally|first|also)\s*,?\s+"
    r"|(?i:on|in|during|after|before|early|late)\s+[^,.:;!?\n]{1,40}?,?\s+)?"  # "On Tuesday morning Ann Lee gave …"
    rf"(?P<people>{NAME})(?:\s*\([^)]{{1,40}}\))?"
    r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[\w&.' -]{2,60}?(?:,\s*(?:LP|LLC|Inc\.?|Ltd\.?|GmbH|AG))?|\s*,[^,.]{1,60},)?"
    r"\s+(?:also\s+)?(?:talked|spoke|presented|told|gave|showed|walked|explained|demonstrated|described|shared"
    r"|opened|closed|kicked\s+off"
    r"|whose\s+(?:[\w-]+\s+){0,4}(?:talk|keynote|session|presentation))\b"
)
# "(Ann Lee's talk) on Friday (about retries)": when, before what it was about.
ON_A_DAY = rf"(?:on\s+(?i:{WEEKDAY})\s+(?=about\s))?"
# Someone presenting, said in prose rather than as a sentence's subject with a presenting verb.
PRESENTED_IN_PROSE = (
    # "Andy Davis's talk struck home: …": a sentence whose subject is someone's talk
    re.compile(
        rf"^(?:(?i:then|next|later|also|finally)\s*,?\s+)?{PROSE_PEOPLE}{APOSTROPHE}s\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?i:talk|session|keynote|presentation|workshop)\b(?!s)(?!\s+(?:on|about)\s)"
    ),
    re.compile(
        r"\b(?i:next(?:\s+up)?|up\s+next|first(?:\s+up)?|then|last(?:\s+up)?|finally|after\s+(?:that|lunch|the\s+break))"
        rf"\s*(?:(?i:was|came)\s+|,\s*){PROSE_PEOPLE}\s*,?\s+(?:on|about|with|who\s+\w+\s+(?:on|about))\s+"
        r"(?P<subject>[^.;:!?]{3,160})"
    ),
    re.compile(
        rf"\b(?i:heard|learned|learnt)\s+from\s+{PROSE_PEOPLE}\s+(?:about|on|how)\s+(?P<subject>[^.;:!?]{{3,160}})"
    ),
    re.compile(
        rf"{PROSE_PEOPLE}{APOSTROPHE}s\s+(?:\w+\s+)?(?i:talk|session|keynote|presentation|workshop)\s+{ON_A_DAY}"
        r"(?:on|about)\s+(?P<subject>[^.;:!?,]{3,160})"
    ),
    re.compile(  # "the Percona XtraDB Cluster training with Jay Janssen": a named session, then who gave it
        r"\bthe\s+(?P<subject>[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*){0,3}\s+"
        r"(?i:training|workshop|tutorial|talk|keynote|session|presentation|panel))"
        rf"\s+(?:with|by|from)\s+{PROSE_PEOPLE}"
    ),
    re.compile(
        rf"\b(?i:talk|session|keynote|presentation|workshop),?\s+(?:from|by|with)\s+{PROSE_PEOPLE}\s*,?\s+"
        r"(?:(?:covered|was\s+about|explained|looked\s+at|dealt\s+with|on|about)\s+(?P<subject>[^.;:!?]{3,160}))?"
    ),
)
# A title in Title Case, unquoted: "Expanding eBPF’s Reach", "From HPC to AI workloads using Kubeflow TrainJob".
TITLE_RUN = (
    r"[A-Z0-9][\w’'.+-]*(?:[:\s]+(?:(?:[A-Z0-9]|[a-z]{1,3}[A-Z])[\w’'.+/-]*|[a-z]{1,5}\b|using|about|without|through"
    r"|beyond)){0,14}"
)
# A talk, in the languages of recaps: "charla" (es), "Vortrag" (de), "conférence" (fr), "föredrag" (sv), …
TALK_WORDS = (
    r"talk|keynote|session|presentation|charla|ponencia|sesión|presentación|vortrag|präsentation|conférence"
    r"|présentation|intervention|föredrag|intervento|presentazione|lezing|praatje"
)
# The subject of a sentence without a verb: an article or a capitalised word, then no pronoun, copula or verb in the
# past tense ("A smart use of pgvector to find cheese"; not "We went to dinner", "It was a talk").
VERBLESS_SUBJECT = (
    r"(?!(?:I|We|He|She|They|It|This|That|There|My|Our)\b)[A-Z][\w’'-]*"
    r"(?:\s+(?!(?:is|was|were|are|has|had|have|went|did|gave|got)\b)[^\s.!?,;:\"“”]+){2,14}"
)
# "One talk stood out: Beyond Security: Leveraging OPA by Ann Lee.", "Ann Lee's session on Expanding Reach",
# "the talk by Ann Lee and Tom Reyes, From HPC to AI, …": a talk named in a sentence, with its speakers.
PROSE_TALK = (
    re.compile(
        rf"\b(?:talk|session|keynote|presentation)\b[^.:]{{0,40}}:\s+(?P<title>{TITLE_RUN}?)\s+by\s+"
        rf"(?P<people>{NAME}(?:\s+and\s+{NAME})?)\s*[.,;]"
    ),
    re.compile(
        rf"(?P<people>{NAME}){APOSTROPHE}s\s+(?:\w+\s+)?(?:talk|session|keynote|presentation)\s+(?:on|about)\s+"
        rf"(?!(?i:{WEEKDAY})\b)(?P<title>{TITLE_RUN})"  # "Ann Lee's talk on Friday about …": when, not its title
    ),
    re.compile(
        rf"\b(?:talk|session|keynote|presentation)\s+by\s+(?P<people>{NAME}(?:\s+and\s+{NAME})?),\s+"
        r"(?P<title>[A-Z][^,.;]{3,120}),"
    ),
    # "In her talk Queues for Busy People, Ann Lee explains …", "En su charla …, Ann Lee cuenta …": any language.
    re.compile(
        rf"\b(?i:{TALK_WORDS})\s+(?P<title>{TITLE_RUN}),\s+(?P<people>{NAME}(?:\s+(?:and|y|und|et|och)\s+{NAME})?)"
        r"\s+[a-zà-ÿ]"
    ),
    # "Improving Availability in Kubernetes, de Michelle Au, fue la charla …": the title opens the sentence.
    re.compile(
        rf"(?:^|(?<=[.!?]\s))(?P<title>{TITLE_RUN}),\s+(?:by|de|von|par|av|di|door)\s+"
        rf"(?P<people>{NAME}(?:\s+(?:and|y|und|et|och)\s+{NAME})?)\s*[,.;]"
    ),
)
# A word for a session of the programme: a text that uses it is about the talks.
SESSION_WORD = re.compile(
    r"\b(?:talks?|keynotes?|sessions?|workshops?|tutorials?|demos?|panels?|presentations?|speakers?)\b", re.I
)
# "A wonderfully geeky talk on electric elephants by Ann Lee (Acme).": a talk, its subject, then its speakers.
SUBJECT_BY = re.compile(
    rf"\b(?i:an?|one)\s+(?:[\w-]+\s+){{0,3}}(?P<kind>talk|session|keynote|presentation)\s+(?:on|about)\s+"
    rf"(?P<title>[^.;:!?,\"“”]{{3,80}}?)\s+by\s+(?P<people>{NAME}(?:\s+and\s+{NAME})?)(?:\s*\([^()]{{1,40}}\))?"
    r"(?=\s*[,.;!(]|\s*$)"
)
# "A smart use of pgvector to find cheese, by Ann Lee (Acme).": a sentence of nothing but a session's subject and
# who gave it (VERBLESS_SUBJECT keeps out "We went to dinner, by Ann Lee.").
VERBLESS_BY = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?P<title>{VERBLESS_SUBJECT}),\s+by\s+(?P<people>{NAME}(?:\s+and\s+{NAME})?)"
    r"(?:\s*\([^()]{1,40}\))?\s*[.!;]"
)
# Talks named in passing, with no title of their own: "Guido's keynote", "Jonathan Ellis's talk on database
# scalability", "Mark Shuttleworth gave his keynote", "Ann Lee came next with her talk about retries", "Ken Mugrage
# brought a new talk", "a talk on
# teaching compilers", "the Neo4j talk", "my own talk".
TALK_NOUN = r"(?:lightning\s+talk|talk|keynote|presentation|tutorial|workshop|panel)"
# What a talk was on: up to a clause's end, a relative pronoun, a copula, "and" opening a new clause or an address;
# a name in „low-high“ quotes is part of it ("about the „ruptures“ library").
SUBJECT = (
    r"(?P<subject>(?:[^.;:!?,\"“”„]|„[^.;:!?,\"“”„]{1,60}“){3,80}?)(?=\s*(?:[.;:!?,\"“”]|\s(?:which|that|where|was"
    r"|were|is|and\s+(?:then|I|we|an?|the|his|her|their|what|how|why))\b|\s(?:https?://|www\.)|$))"
)
# "(the talk) I liked best was", "(the keynote) that we had all waited for was": a clause between a talk word and
# the "by" that names its speakers.
LIKED_WAS = r"(?:(?:that\s+|which\s+)?(?:I|we|everyone|most\s+of\s+us)(?:\s+[a-z]+){1,4}\s+(?:was|were)\s+)"
# An elided possessive ("two talks stood out: Ann Lee's, …") refers back to a talk word earlier in its sentence
# (the last one gives its kind) and stands in a list: after a colon, a comma or a conjunction, not after a verb or
# a preposition ("dinner at Luigi's, on the harbour", "the tutorial used Dijkstra's, …").
ELIDED_TALK_BEFORE = re.compile(rf"\b(?P<kind>{TALK_NOUN})s?\b", re.I)
ELIDED_IN_A_LIST = re.compile(r"(?:[:,;]|\b(?:and|but|especially|notably|particularly|including))\s*$")
# Nouns of a time or a place at an event.
WHEN_OR_WHERE = r"days?|mornings?|afternoons?|evenings?|nights?|weeks?|weekend|floor|side|room|hall|stage"
# What a talk "on" something may be on that is no subject: a time or a place ("Friday at noon", "the second day of
# the conference", "the main hall").
TIME_OR_PLACE = re.compile(
    rf"^(?:(?:the|this|that|next|last)\s+)?(?:\w+\s+)?(?:{WEEKDAY}|{WHEN_OR_WHERE}|noon|lunch|breakfast)\b", re.I
)
# "the limits of eBPF", "the state of WebAssembly": "the N of X" names a subject, which the filter of times and places
# below lets through, unless N is itself a time, a place or a part of one ("the last day of", "the top floor of").
OF_SUBJECT = re.compile(
    rf"^the\s+(?:\w+\s+)?(?!(?:{WHEN_OR_WHERE}|end|start|beginning|middle|top|back|front|rest|first|last|second"
    r"|third|other)\b)\w+\s+of\s+\w",
    re.I,
)
MENTIONED_TALK = (
    re.compile(
        rf"{PROSE_PEOPLE}{APOSTROPHE}s?\s+(?:(?:own|opening|closing|lightning|first|last|second|final)\s+)?"
        rf"(?P<kind>{TALK_NOUN})\b(?!s)(?:\s+{ON_A_DAY}(?:on|about)\s+{SUBJECT})?"
    ),
    re.compile(
        rf"{PROSE_PEOPLE}\s+(?:gave|delivered|presented|brought|(?:came|was)\s+next\s+with|(?:followed|opened|closed"
        r"|continued)\s+with)\s+(?:(?:his|her|their)\s+(?:own\s+)?|(?:an?|another)\s+(?:[a-z]+\s+){0,3}?)"
        rf"(?P<kind>{TALK_NOUN})\b(?!s)(?:\s+(?:on|about)\s+{SUBJECT})?"
    ),
    re.compile(rf"\b(?i:an?|one)\s+(?:\w+\s+)?(?P<kind>{TALK_NOUN})\s+(?:on|about)\s+{SUBJECT}"),
    re.compile(rf"\b(?P<own>[Mm]y\s+(?:own\s+)?)(?P<kind>{TALK_NOUN})\b(?!s)"),
    # "the talk by Ann Lee on retries", "der Keynote von Ann Lee", "den Erfahrungsbericht von Tom Reyes über DevOps",
    # "la conférence de Ann Lee sur TLS", "föredraget av Ann Lee om köer", "the talk I liked best was by Ann Lee on
    # retries", "the keynote given by Ann Lee": a talk word, its speaker, its subject.
    re.compile(
        rf"\b(?P<kind>(?i:{TALK_WORDS}|erfahrungsbericht|beitrag|workshop))\w{{0,3}},?\s+{LIKED_WAS}?"
        rf"(?:(?:given|delivered|led)\s+)?(?:(?i:by|from|von|de|di|par|av|van|door|af)\s+){PROSE_PEOPLE}"
        rf"(?:,?\s+(?P<prep>on|about|über|zu|zum|zur|sur|sobre|om|over|su|sul|sulla)\s+{SUBJECT})?"
    ),
    # "two talks stood out: Ann Lee's, on retries, and Tom Reyes's": a possessive whose talk word went before it
    # (ELIDED_TALK_BEFORE and ELIDED_IN_A_LIST, checked in mentioned_talks).
    re.compile(
        rf"{PROSE_PEOPLE}{APOSTROPHE}s(?P<elided>)(?=\s*[,;:.!?)]|\s+(?:on|about|was|were|is|too)\b)"
        rf"(?:,?\s+(?:on|about)\s+{SUBJECT})?"
    ),
    re.compile(
        r"\bthe\s+(?P<things>[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*){0,2}(?:\s+and\s+[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*){0,2})?)"
        rf"\s+(?P<kind>{TALK_NOUN})(?P<plural>s)?\b"
    ),
)
# "Ann Lee (Acme) talked about retries", "Tom Reyes from Foo Corp explained how caches fail": someone presenting
# in a sentence, the subject the talk's title.
PRESENTED_SUBJECT = re.compile(
    rf"{PROSE_PEOPLE}(?:\s*\((?P<org>[^()]{{2,60}})\)|\s+(?:from|of|at)\s+(?P<org_said>{ORG_NAME}))?,?\s+"
    r"(?:talked|spoke|presented|explained|showed|demonstrated|described|shared|walked\s+(?:us\s+)?through)\s+"
    rf"(?:(?:us|about|on)\s+)*{SUBJECT}"
)
# A link in prose to a talk's page on the schedule or its recording: its text is the talk's title.
TALK_PAGE = re.compile(
    r"/(?:schedule|events?|sessions?|talks?|presentations?|program(?:me)?|agenda|videos?|watch|v)/", re.I
)
# The end of a sentence in prose, whatever line it is on (prose may be wrapped at a width).
SENTENCE_END = re.compile(r"[.!?;][\"”’)]*\s+")


def presented_in_prose(sentence: str) -> tuple[list[str], str] | None:
    """The people a sentence says presented, in the phrasings of prose ("The opening talk, from Ana Silva, …", "Next
    up was Marta Lind, on DNS failover", "we heard from Tom Reyes about tracing", "Raj Mehta's session on retry
    budgets"), and the subject it gives their session ("" when it gives none)."""
    for pattern in PRESENTED_IN_PROSE:
        said = pattern.search(sentence)
        if said and plausible_people(people := prose_people(said.group("people"))):
            subject = re.split(r"\s+(?:was|is|were|are|had|has|made|got)\b", said.groupdict().get("subject") or "")[0]
            subject = subject.strip(" ,;:")
            words = subject.split()
            subject = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
            return split_names(people), (subject[:1].upper() + subject[1:]) if len(words) >= 2 else ""
    return None


def not_a_subject(subject: str, said_about: bool = False) -> bool:
    """What a talk was said to be on is a time or a place ("on Thursday", "about Friday at noon", "on the main
    stage"), or "the" and a vague word or two ("the future", "the new scheduler"), unless it reads "the N of X" or
    follows "about" with three words or more ("about the ruptures library")."""
    if TIME_OR_PLACE.match(subject):
        return True
    words = subject.split()
    if words[0].lower() != "the" or OF_SUBJECT.match(subject):
        return False
    return not (said_about and len(words) >= 3)


def names_a_presenter(text: str) -> bool:
    """A sentence of the text has someone presenting as its subject ("Ada Brown talked about queues."), or the text
    opens with a field that names its speakers ("Speaker: Ada Brown")."""
    if speaker_field(text.strip().partition("\n")[0]):
        return True
    return any(opens_with_presenter(sentence.text) for sentence in split_sentences(text)[:3])


# "Chris Mills complemented Ann's talk by showing …", "Ada Rose Cannon took us into …": a paragraph that opens with
# someone's full name doing something in the past tense; in a recap, what they did on stage.
PERSON_ACTING = re.compile(
    rf"^(?:(?i:then|next|later|finally|also|afterwards)\s*,?\s+)?(?P<people>{NAME})\s+"
    r"(?:[a-z]{3,}ed|took|gave|made|went|ran|led|brought|began|showed|spoke|told|held|drew|wrote|shook|won)\b"
)


def opens_with_person_acting(text: str) -> bool:
    """The text opens with a person of two or more names doing something (PERSON_ACTING)."""
    said = PERSON_ACTING.match(text)
    return bool(said and len(said.group("people").split()) >= 2 and _someone(said.group("people")))


CLAUSE_WORDS = {"when", "while", "after", "before", "once", "if", "as", "since", "because", "until", "so"}


def _someone(people: str) -> bool:
    """People a sentence opens with, not a clause that opens it ("When I walked out …")."""
    words = people.split()
    return "I" not in words and words[0].lower() not in CLAUSE_WORDS and plausible_people(people)


def opens_with_presenter(text: str) -> bool:
    """The text opens with someone presenting: "Ann Lee from Acme showed …", "Next, Tom Reyes talked …"."""
    said = PRESENTER.match(text)
    return bool(said and _someone(said.group("people")))


# "Bridget Kromhout ran an in-depth Kubernetes 101 session", "James Meickle's 'Ansible for SRE' presentation": a
# sentence whose subject is a person (then a verb in lower case) or a person's possessive.
PERSON_OPENING = re.compile(rf"^{PROSE_PEOPLE}(?:{APOSTROPHE}s\b|\s+(?:has\s+|had\s+|also\s+)?[a-z]+\b)")
QUOTED_SPAN = re.compile(r"[“‘'\"](?P<span>[^“”‘’'\"]{3,120})[”’'\"]")


def person_openings(blocks: list[Block]) -> list[tuple[Block, str, list[Speaker]]]:
    """The sentences of these paragraphs that open with a person or their possessive (PERSON_OPENING), each with
    its block and that person: read once for all the titles a list named (see presenters_of_listed_title)."""
    found = []
    for block in blocks:
        if block.kind not in ("paragraph", "line"):
            continue
        for sentence in split_sentences(block.text):
            opening = PERSON_OPENING.match(sentence.text.strip())
            if opening is not None and plausible_people(opening.group("people")):
                people = [Speaker(name) for name in split_names(prose_people(opening.group("people")))]
                found.append((block, sentence.text, people))
    return found


def presenters_of_listed_title(
    title: str, openings: list[tuple[Block, str, list[Speaker]]]
) -> tuple[Block, list[Speaker]] | None:
    """The first of these sentences (person_openings) that names this title, whole or by its first words quoted
    ("'Ansible for SRE'" for "Ansible for SRE Teams"): its block and its person, the speaker of a talk a list named
    with no one beside it."""
    words = title.casefold().split()
    if len(words) < 2:
        return None
    for block, sentence, people in openings:
        named = title.casefold() in sentence.casefold() or any(
            len(span := m.group("span").casefold().split()) >= 3 and words[: len(span)] == span
            for m in QUOTED_SPAN.finditer(sentence)
        )
        if named:
            return block, [Speaker(p.name) for p in people]
    return None


def title_from_address(text: str) -> str | None:
    """A talk written only as the address of its page ("https://conf.example/2017/talks/scaling-queues-at-acme/"):
    the title its page's name spells ("Scaling Queues At Acme"), if it has two words or more."""
    text = text.strip()
    if not URL.fullmatch(text) or not TALK_PAGE.search(text):
        return None
    slug = re.sub(r"\.\w{2,5}$", "", text.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1])
    words = [w for w in re.split(r"[-_+]+", slug) if w]
    if len(words) < 2 or not all(re.fullmatch(r"[^\W\d_][\w']*|\d+", w) for w in words):
        return None  # "…/talks/1234", "…/talks/a1b2c3": an identifier, not a name
    return " ".join(w[:1].upper() + w[1:] for w in words)


def talk_in_prose(talk: Talk) -> tuple[str, list[Speaker]] | None:
    """A section whose heading is the author's ("Day 1: Finding Focus", "Midweek") and whose text names exactly
    one talk with its speakers: the talk is that one."""
    if talk_decorated(talk.title):
        return None
    text = " ".join(b.text for b in talk.blocks[:2])  # the section opens by naming it
    found = {
        (m.group("title").strip(" :"), m.group("people")) for pattern in PROSE_TALK for m in pattern.finditer(text)
    }
    found = {(t, p) for t, p in found if len(t.split()) >= 2 and plausible_people(p)}
    if len(found) != 1:
        return None
    title, people = found.pop()
    return title, [Speaker(name) for name in split_names(people)]


def _named_in_prose(
    text: str, emphasis: list[str] | tuple[str, ...] = (), linked: tuple[str, ...] = (), in_prose: bool = True
) -> list[re.Match]:
    """The talks a paragraph names in prose, in order, one match per talk. `emphasis` and `linked`: the
    paragraph's emphasised runs and link texts, which name a talk as quotes do ("*Paging Less*, by Ann Lee", "Ann
    Lee's talk on [Paging Less](…)"); `in_prose`: see _emphasised_title_patterns."""
    found: list[re.Match] = []
    quoted = (TALK_CALLED, SPOKE_ON, QUOTED_BY, PEOPLE_QUOTED, QUOTED_THEN_PEOPLE) if QUOTE.search(text) else ()
    parenthesised = "(" in text
    patterns = (*quoted, PEOPLE_PAREN_SESSION) if parenthesised else quoted
    if any(word in text for word in ("talk", "keynote", "session", "presentation", "workshop", "tutorial")):
        patterns = (*patterns, TALK_NAMED)  # its cue needs one of these words
    enumerated = _subjects_with_people(text) if parenthesised else []
    runs = (
        *_emphasised_title_patterns(_title_runs(emphasis), text, in_prose),
        *_emphasised_title_patterns(_title_runs(linked), text, in_prose, people_after=in_prose),  # see talk_pages
        *(_emphasised_people_patterns(emphasis, text) if in_prose else ()),
    )
    # a subject before "by" unquoted and unmarked: after the others, which mark where a title starts more surely
    unmarked = (SUBJECT_BY, VERBLESS_BY) if in_prose and BY_WORD.search(text) else ()
    for pattern in (*patterns, *runs, *unmarked):
        for match in pattern.finditer(text):
            if "people" in match.groupdict() and not plausible_people(prose_people(match.group("people"))):
                continue
            if pattern in unmarked and not _unmarked_session(text, match):
                continue
            same = [m for m in found if m.start("title") < match.end("title") and match.start("title") < m.end("title")]
            if same and "people" in match.groupdict() and not any(m.groupdict().get("people") for m in same):
                found = [m for m in found if m not in same]  # the same title, now with its people
                same = []
            if not same:
                found.append(match)
    for match in enumerated:
        if not any(m.start("title") < match.end("people") and match.start("title") < m.end() for m in found):
            found.append(match)
    return sorted(found, key=lambda m: m.start())


BY_WORD = re.compile(r"\sby\s")
ABOUT_BEFORE = re.compile(r"\babout\s+$")  # searched up to a subject: it follows "about"


def _unmarked_session(text: str, match: re.Match) -> bool:
    """An unmarked subject before "by" (SUBJECT_BY, VERBLESS_BY) names a session where its paragraph spoke of
    sessions before it ("… the lightning talks. A smart use of X, by Ann Lee."; not a byline "A recap of WidgetConf,
    by Ann Lee.") and it is no time or place ("a talk on Friday by Ann Lee")."""
    spoke_of_sessions = SESSION_WORD.search(text, 0, match.start("title")) is not None
    return spoke_of_sessions and not not_a_subject(match.group("title"))


def _subjects_with_people(text: str) -> list[re.Match]:
    """An enumeration of two subjects or more, each with the people who spoke on it in parentheses; not a list of
    people with their employers ("Ann Lee (Acme), Tom Reyes (Red Hat)"): at least half its subjects are no names."""
    found = [
        m
        for m in SUBJECT_PEOPLE.finditer(text)
        if len(m.group("title").split()) <= 12 and plausible_people(m.group("people"))
    ]
    subjects = [m for m in found if not plausible_people(m.group("title").strip())]
    return found if len(found) >= 2 and 2 * len(subjects) >= len(found) else []


def named_in_block(block: Block) -> list[re.Match]:
    """The talks a block names in prose (_named_in_prose), with its emphasised runs and link texts; a list's item
    is read as an item (not `in_prose`)."""
    linked = tuple(text for text, _ in block.links)
    return _named_in_prose(block.text, block.emphasis, linked, in_prose=block.kind != "item")


MAX_TITLE_RUNS = 8  # a paragraph's runs read as possible titles: enough for prose, bounded for a page of links


def _title_runs(runs: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The runs that could be a title: two words to twenty, opening with a letter or a digit, not a sentence; the
    first MAX_TITLE_RUNS of them (each costs a scan of the paragraph)."""
    found = (
        run
        for run in dict.fromkeys(run.strip("‘’“”") for run in runs)  # "[‘Paging Less’](…)": its quotes are no part
        if 2 <= len(run.split()) <= 20 and run[0].isalnum() and not run.endswith((".", "!", "?", ":"))
    )
    return tuple(islice(found, MAX_TITLE_RUNS))


@lru_cache(maxsize=1024)
def _emphasised_title_patterns(
    runs: tuple[str, ...], text: str, in_prose: bool = True, people_after: bool = True
) -> list[re.Pattern]:
    """Emphasised or linked runs (_title_runs) named as a talk: followed by its speakers ("*Paging Less*, by Ann
    Lee", "[Paging Less](…) av Ann Lee"; with `people_after`), after a talk word ("Ann Lee's talk, *Paging Less*",
    "Ann Lee's well researched talk on [Paging Less](…)", "a keynote called *Paging Less*"); in a paragraph's prose
    (`in_prose`; a list's items are read as a list) also right after a talk word in any language ("ihres Vortrags
    [Paging Less](…)") or opening a sentence that says who gave it ("In *Paging Less*, Ann Lee …", "I [Paging
    Less](…) argumenterte Ann Lee"). A run may wrap across lines of the notes. One pattern of each shape holds
    every run, so a paragraph costs a few scans whatever its runs. Each is compiled only where `text` holds what it
    cannot match without (RUN_PATTERN_NEEDS): compiling one costs a third of a millisecond, and most need none."""
    if not runs:
        return []
    title = _runs_group(runs)
    needs = RUN_PATTERN_NEEDS
    patterns = []
    if needs["possessive"](text, title):
        patterns.append(
            re.compile(
                rf"{PROSE_PEOPLE}{APOSTROPHE}s?\s+(?:[\w-]+\s+){{0,4}}(?P<kind>(?i:{RUN_KINDS}))"
                rf"(?:\s*[,:]\s*|\s+(?:called|titled|entitled|named|on|about)\s+){title}"
            )
        )
    if needs["kind naming"](text, title):
        patterns.append(
            re.compile(
                rf"\b(?P<kind>(?i:{RUN_KINDS}))"
                rf"(?:\s*[,:]\s*|\s+(?:was\s+)?(?:called|titled|entitled|named)\s+){title}"
            )
        )
    if people_after and needs["people after"](text, title):
        # "*Paging Less*, by Ann Lee", "‘[Paging Less](…)’ — by Ann Lee"; the people end where the next run starts
        # ("by Ann Lee and [Budgets for All](…) by Tom Reyes")
        next_run = _runs_group(runs, name="next")
        people = rf"(?<![\w'’.-])(?P<people>{NAME}(?:\s+(?:&|and)\s+(?!{next_run}){NAME})?)(?!\w)"
        patterns.append(re.compile(rf"{title}{RUN_THEN_BY}{people}"))
    capitalised = [run for run in runs if run[0].isupper() or run[0].isdigit()]  # "my talk [are on …]": no title
    if in_prose and capitalised and needs["talk word"](text, title):
        patterns.append(re.compile(rf"\b(?P<kind>(?i:{TALK_WORDS}))\w{{0,3}}\s+{_runs_group(capitalised)}"))
    if in_prose and (named := [run for run in capitalised if not plausible_people(run)]):  # not "With [Ann Lee]"
        opening = _runs_group(named)
        if needs["opening"](text, opening):
            patterns.append(re.compile(rf"{RUN_OPENING.pattern}{opening},?\s+(?:[a-zà-ÿ]+\s+)?{PROSE_PEOPLE}"))
    return patterns


RUN_KINDS = "talk|keynote|session|presentation|workshop|tutorial"
RUN_THEN_BY = r"[’”]?\s*(?:,|[-–—])?\s*(?:by|von|de|par|door|av|from)\s+"
POSSESSIVE_KIND = re.compile(
    rf"{APOSTROPHE}s?\s+(?:[\w-]+\s+){{0,4}}(?i:{RUN_KINDS})(?:\s*[,:]|\s+(?:called|titled|entitled|named|on|about)\s)"
)
KIND_NAMING = re.compile(rf"\b(?i:{RUN_KINDS})(?:\s*[,:]|\s+(?:was\s+)?(?:called|titled|entitled|named)\s)")
TALK_WORD_THEN_CAPITAL = re.compile(rf"(?i:{TALK_WORDS})\w{{0,3}}\s+[^\W_a-z]")
RUN_OPENING = re.compile(r"(?:^|(?<=[.!?]\s))(?i:in|i|im|dans|en|nel|på|during)\s+")
BY_THEN_CAPITAL = re.compile(r"(?:by|von|de|par|door|av|from)\s+[A-ZÀ-Ý]")
PEOPLE_BY = re.compile(r"(?:by|von|av|par|door|af)\s")

# What each of _emphasised_title_patterns's patterns finds beside the runs (`runs`: their group), tested before it is
# compiled: a part of the pattern, or the run where the pattern places it; each cheap to test.
RUN_PATTERN_NEEDS: dict[str, Callable[[str, str], bool]] = {
    "possessive": lambda text, runs: POSSESSIVE_KIND.search(text) is not None,
    "kind naming": lambda text, runs: KIND_NAMING.search(text) is not None,
    "people after": lambda text, runs: (
        BY_THEN_CAPITAL.search(text) is not None  # NAME opens with a capital
        and re.search(rf"{runs}{RUN_THEN_BY}[A-ZÀ-Ý]", text) is not None
    ),
    "talk word": lambda text, runs: TALK_WORD_THEN_CAPITAL.search(text) is not None,
    "opening": lambda text, runs: any(re.match(runs, text[m.end() :]) for m in RUN_OPENING.finditer(text)),
    "people by": lambda text, runs: PEOPLE_BY.search(text) is not None,  # _emphasised_people_patterns's
}


AUTHOR_WENT = r"(?:went\s+(?:on\s+)?to|saw|watched|attended|heard|caught|joined|chose|picked)"


def _emphasised_people_patterns(runs: list[str] | tuple[str, ...], text: str) -> list[re.Pattern]:
    """People emphasised after "by", the title before them unmarked: "Teemu went to Cloud-native dev tools by
    **Grace Jansen** from IBM". The title runs from the sentence's first capital after its opening word (the
    sentence's subject or "After", "Then") to the "by", past the author going there ("After lunch I went to").
    Compiled only where `text` has a "by" (RUN_PATTERN_NEEDS)."""
    people = [run for run in runs[:MAX_TITLE_RUNS] if plausible_people(run)]
    if not people or not RUN_PATTERN_NEEDS["people by"](text, _runs_group(people, "people")):
        return []
    return [
        re.compile(
            r"(?:^|(?<=[.!?]\s))\S+\s(?:[^A-ZÀ-Ý.!?\n]*\s)?"
            rf"(?:(?:[A-ZÀ-Ý][\w'’-]*\s+and\s+)?I\s+{AUTHOR_WENT}\s+)?"  # "Maria and I watched", "I went to"
            r"(?!(?:I|We)\s+[a-z])(?P<title>[A-ZÀ-Ý][^.!?\n]{2,120}?)\s+"  # "talk I liked best was by": no title
            rf"(?:by|von|av|par|door|af)\s+{_runs_group(people, 'people')}(?!\w)"
        )
    ]


def _runs_group(runs: list[str] | tuple[str, ...], name: str = "title") -> str:
    """A group matching any of the runs, each word apart by any space (a run wraps across lines)."""
    words = (r"\s+".join(re.escape(word) for word in run.split()) for run in sorted(runs, key=len, reverse=True))
    return rf"(?P<{name}>{'|'.join(words)})"


def join_talks(talk: Talk, again: Talk) -> None:
    """The same talk named twice ("Tom Reyes (closing plenary: X), and Kim Ho (closing plenary: X)"): one talk, with
    both people and both pieces of text."""
    talk.speakers += [s for s in again.speakers if s not in talk.speakers]
    talk.blocks += again.blocks


def opening_mention(block: Block) -> Mention | None:
    """The talk a paragraph opens by naming in passing ("Finally, a talk on storing large sets …", "Ann Lee's
    keynote …"), if it opens so."""
    first = next(iter(mentioned_talks(block, presenters=False)), None)
    if first is None:
        return None
    before = block.text[: first.start].replace(",", " ").strip()
    return first if not SENTENCE_OPENER.sub("", before + " ").strip() else None


def opening_people(talk: Talk) -> list[Speaker]:
    """People the opening of a talk's text links to their social profile ("[Ann Lee](https://twitter.com/annlee),
    of Acme, showed …") or opens with in bold ("**Ann Lee** and **Tom Reyes** walked through …"), in any
    language: the talk's speakers, when nothing else named them."""
    # "Rating: 4/5", "Level: intermediate" over the text: a field of the notes, not its opening
    opening = next((b for b in talk.blocks if not FIELD_LINE.match(b.text.strip())), None)
    if opening is None:
        return []
    names = [
        text
        for text, href in opening.links
        if PROFILE_URL.match(href.strip()) and not text.strip().startswith(("@", "http", "www."))  # a name, no handle
    ]
    first = split_sentences(opening.text)[0].text if opening.text.strip() else ""
    bold = [run for run in opening.emphasis if run in first]
    if not names and bold and first.lstrip().startswith(bold[0]):
        names = [run for run in bold if plausible_people(run)]
    if not names and (handle := NAME_THEN_PAREN.match(first.strip())):
        inside = handle.group("inside")  # "Ann Lee ([@annlee](https://twitter.com/annlee)) on queues: …"
        if any(PROFILE_URL.match(href.strip()) and (href in inside or text in inside) for text, href in opening.links):
            names = [handle.group("name")]
    if not names and (people := opening_byline(first)):
        return people
    return [Speaker(name) for name in dict.fromkeys(names) if plausible_people(name)]


def opening_byline(sentence: str) -> list[Speaker]:
    """The people a sentence opens with as a byline, each with an employer, before what they did ("Lars Ek
    (Stackable) & Jan Heyl (Evoila) have built …"); none where its subject is not people at work."""
    said = OPENING_BYLINE.match(sentence.strip())
    if not said:
        return []
    people = speaker_list(ASIDE.sub("", said.group("lead")).rstrip(" ,"))
    return people if people and all(p.affiliation for p in people) else []  # each with an employer: a byline


FIELD_LINE = re.compile(r"^[A-Z][\w-]*(?:\s[\w-]+)?:\s+[^\n.!?]{1,80}$")
NAME_THEN_PAREN = re.compile(rf"^(?P<name>{NAME})\s*\((?P<inside>[^()]{{2,120}})\)")
# "Lars Ek (Stackable) & Jan Heyl (Evoila) have built …", "Ann Lee, Director at Initech, argues …": the people the
# opening sentence is about, written as a byline, then what they did.
OPENING_BYLINE = re.compile(
    r"^(?P<lead>[A-ZÀ-Ý][^.!?]{3,200}?),?\s+(?:also\s+|then\s+)?"
    r"(?:[a-z]{3,}(?:s|ed)|have|has|had|are|is|was|were|gave|took|told|spoke|showed|ran|led|made|went|began|held)\b"
)
ASIDE = re.compile(r"\s*\((?:a|an|the|who|which|prev\.?|formerly)\s[^)]*\)")  # "(a SaaS company)": about them


def items_naming_talks(section: Talk) -> tuple[list[Talk], list[Block]] | None:
    """A section written as a list whose items each name a talk in prose ("* Ann Lee's talk on [Paging
    Less](…) …"): the talks, each with its item, and the section's other blocks; None when any item names none."""
    items = [b for b in section.blocks if b.kind == "item"]
    named = [(item, named_in_block(item)) for item in items]
    if not items or not all(found for _, found in named):
        return None
    talks = [talk for item, found in named for talk in talks_named(item, found, section.day)]
    return talks, [b for b in section.blocks if b.kind != "item"]


def paragraphs_naming_talks(section: Talk) -> tuple[list[Talk], list[Block]] | None:
    """The talks a section's paragraphs name in prose ("The talk that blew me away was **»Paging Less« by Ann
    Lee**"), two or more between them: each with its paragraph and the paragraphs after it, up to the next that
    names one or the next sub-heading (the author's "Bottom line" is no talk's); and the blocks in none."""
    talks: list[Talk] = []
    rest: list[Block] = []
    current: Talk | None = None
    for block in section.blocks:
        named = named_in_block(block) if block.kind == "paragraph" else []
        if named:
            talks += talks_named(block, named, section.day)
            current = talks[-1]
            continue
        if block.kind == "heading":
            current = None
        (current.blocks if current is not None else rest).append(block)
    return (talks, rest) if len({t.title.casefold() for t in talks}) >= 2 else None


def talks_named(block: Block, named: list[re.Match], day: int | None) -> list[Talk]:
    """One talk per prose match in a block (_named_in_prose), each with the text from its sentence to the next
    match's; text before the first match opens the first talk's."""
    lead, pieces = pieces_at(block, [m.start() for m in named])
    if lead is not None:
        pieces[0] = Block(
            block.kind,
            lead.text + block.text[len(lead.text) : pieces[0].end - block.start],
            block.start,
            block.level,
            block.links,
            block.code,
        )
    talks = []
    for match, piece in zip(named, pieces, strict=True):
        kind = _said_kind(match.groupdict().get("kind") or match.groupdict().get("kind2"))
        title = " ".join(match.group("title").split()).strip("‘’“”")  # wrapped across lines; "‘[Title](…)’"
        talk = Talk(title, kind, day, 0, block.start + match.start("title"), blocks=[piece])
        people = prose_people(match.groupdict().get("people") or "")
        if people and plausible_people(people):
            talk.speakers = [Speaker(name) for name in split_names(people)]
        elif match.re is TALK_NAMED and (presenter := _presenter_before(block.text, match.start())):
            talk.speakers = [Speaker(presenter)]
        talks.append(talk)
    return talks


# "The two keynotes came from Ann Lee, CTO at Acme, and Tom Reyes of Initech", "the talks were given by …": the
# section's sessions in the plural, then the people who gave them.
INTRODUCED_PRESENTERS = re.compile(
    rf"\b(?P<kind>{TALK_NOUN})s\s+(?:(?:came|were)\s+from|were\s+(?:given|delivered|presented|held)\s+by)\s+"
    r"(?P<people>[^.!?]+)"
)


def presenters_introduced(section: Talk) -> tuple[list[Talk], list[Block]] | None:
    """A section that opens by saying who gave its sessions ("The two keynotes came from Ann Lee, CTO at Acme, and
    Tom Reyes, Head of Security at Initech.") and then gives each person a paragraph that opens with his or her name
    ("Ann told the story of …", "Tom Reyes explained …"): one session per person, from that paragraph to the next
    person's, titled "Ann Lee's keynote"; and the section's other text (the opening)."""
    said = INTRODUCED_PRESENTERS.search(section.blocks[0].text) if section.blocks else None
    speakers = speaker_list(said.group("people").strip(" ,")) if said else []
    if said is None or len(speakers) < 2 or not all(plausible_people(s.name) for s in speakers):
        return None
    firsts = Counter(s.name.split()[0] for s in speakers)  # "Ann" names one person only if one is called Ann
    by_name = {s.name: s for s in speakers} | {s.name.split()[0]: s for s in speakers if firsts[s.name.split()[0]] == 1}
    opens_with = re.compile(
        rf"(?P<name>{'|'.join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))})(?:{APOSTROPHE}s)?"
        r"\s+(?!(?:you|we|i|me|my|it|the|an?)\b)[a-z]"  # "Will you believe it": no one's name
    )
    kind = said.group("kind").lower()
    talks: list[Talk] = []
    rest = [section.blocks[0]]
    for block in section.blocks[1:]:
        whose = by_name[opened.group("name")] if (opened := opens_with.match(block.text)) else None
        if whose is not None and all(t.speakers[0] is not whose for t in talks):
            title = f"{whose.name}'s {kind}"
            talks.append(
                Talk(title, kind_word(kind), section.day, 0, block.start, [block], [whose], title_derived=True)
            )
        else:
            (talks[-1].blocks if talks else rest).append(block)
    return (talks, rest) if len(talks) >= 2 else None


PRONOUN_SUBJECT = re.compile(r"^(?:he|she|they|his|her|their)\b", re.I)


def _presenter_before(text: str, offset: int) -> str | None:
    """Who gave the talk a sentence names without quotes: the name that opens the sentence ("Melissa Wen gave a
    talk named …"), or, where it opens with a pronoun ("He gave the talk …", "Her talk was named …"), the last
    name of two or more words before it in the paragraph."""
    start = sentence_start(text, offset)
    opening = text[start:offset].strip()
    if PRONOUN_SUBJECT.match(opening):
        names = [m.group("people") for m in re.finditer(PROSE_PEOPLE, text[:start])]
        names = [n for n in names if len(n.split()) >= 2 and plausible_people(n)]
        return names[-1].rstrip(".") if names else None  # "Then there was Mei Tanaka. She gave …"
    said = re.match(PROSE_PEOPLE, opening)
    name = said.group("people") if said else ""
    return name if len(name.split()) >= 2 and plausible_people(name) else None


def _said_kind(word: str | None) -> str:
    """The kind of session a prose pattern's kind word names: "opening plenary" a keynote, "workshop" a tutorial."""
    word = re.sub(r"\s+", " ", (word or "").lower())
    return "keynote" if word.endswith("plenary") else (split_heading(word)[1] or "talk") if word else "talk"


def prose_people(people: str) -> str:
    """The people a prose pattern caught, as names: "Lena Park. Danach" ends at the sentence, "und"/"et" is "and",
    and "Later Tom Reyes" opens with a word of the sentence, not of the name."""
    people = re.sub(r"(?<=[a-z]{3})\.$", "", re.split(r"[.!?]\s", people)[0])  # "… by Ann Lee." ends the text
    people = re.sub(r"\s+(?:und|et|y|e|en|och)\s+", " and ", people)
    return SENTENCE_OPENER.sub("", people)


@dataclass(frozen=True)
class Mention:
    start: int  # in the block's text
    end: int
    title: str
    kind: str
    people: tuple[str, ...] = ()
    organisation: str | None = None
    who: str = ""  # the person as the sentence names them ("Jeff" in "Jeff's talk")


def mentioned_talks(block: Block, presenters: bool = True) -> list[Mention]:
    """The talks a paragraph names in passing (MENTIONED_TALK, PRESENTED_SUBJECT, links to talk pages), in order,
    none inside another and each person's once: "the Iron Python and PyPy keynotes" names two. `presenters`:
    also people presenting in a sentence (where the sessions are not already one per presenting sentence)."""
    text = block.text
    found: list[Mention] = []
    for pattern in MENTIONED_TALK:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("elided") is not None:
                opening = sentence_start(text, match.start())
                said_before = list(ELIDED_TALK_BEFORE.finditer(text, opening, match.start()))
                if not said_before or not ELIDED_IN_A_LIST.search(text, opening, match.start()):
                    continue  # "we ate at Ann Lee's, then left": no talk named before, or no list of them
                groups["kind"] = said_before[-1].group("kind").lower()
            kind = kind_word(groups["kind"].split()[-1])
            if groups.get("things"):
                things = re.split(r"\s+and\s+", groups["things"])
                if bool(groups.get("plural")) != (len(things) > 1):
                    continue  # "the PyCon talks": the talks in general; "the Kafka and Pulsar keynote": unclear
                found += [Mention(match.start(), match.end(), f"{t} {match.group('kind')}", kind) for t in things]
                continue
            people = prose_people(groups.get("people") or "")
            subject = (groups.get("subject") or "").strip()
            if subject and not_a_subject(
                subject, said_about=bool(ABOUT_BEFORE.search(text, 0, match.start("subject")))
            ):
                if not people:
                    continue  # "a talk on Thursday", "a talk on the main stage": when and where, not what
                subject = ""  # "Ann Lee gave her talk on the new scheduler": hers, whatever it was on
            if "prep" in groups and DAY_HEADING.match(people):
                continue  # "der Vortrag von Montag", "the talk from Day 2": when, not who
            if (
                groups.get("prep") in ("über", "zu", "zum", "zur")
                and len(words := subject.split()) >= 2
                and words[-1].islower()
            ):
                subject = " ".join(words[:-1])  # "über Queues angehört": a German clause ends with its verb
            if subject:
                title = subject
            elif groups.get("own"):
                title = f"My own {match.group('kind')}"
            elif people:
                title = f"{people}'s {groups['kind']}"
            else:
                continue
            named = tuple(split_names(people)) if people and plausible_people(people) else ()
            said = None if named else PRESENTER.match(text, sentence_start(text, match.start()))
            if said and said.end() <= match.start() and plausible_people(said.group("people")):
                named = tuple(split_names(said.group("people")))  # "Omar Haddad gave a talk on paging"
            found.append(Mention(match.start(), match.end(), title, kind, named, who=people))
    subjects: list[Mention] = []
    for said in PRESENTED_SUBJECT.finditer(text) if presenters else ():
        people = prose_people(said.group("people"))
        if plausible_people(people):
            org = said.group("org") or said.group("org_said")
            org = strip_legal(org) if org else None
            named = tuple(split_names(people))
            subject = said.group("subject").strip()
            subjects.append(Mention(said.start(), said.end(), subject, "talk", named, org, who=people))
    pages = [
        Mention(at, at + len(link_text), link_text, "talk")
        for link_text in talk_pages(block)
        if (at := text.find(link_text)) >= 0
    ]
    for subject in subjects if pages else ():  # "Ann Lee spoke about X. … her talk, [Title](…/schedule/…)"
        page = next((p for p in pages if p.start >= subject.start and not p.people), None)
        if page is not None:  # the linked page names the talk; the presenting sentence, its people
            pages[pages.index(page)] = replace(page, people=subject.people, organisation=subject.organisation)
    found += pages or subjects
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if mention.who and any(k.who.split()[0] == mention.who.split()[0] for k in kept if k.who):
            continue  # "Jeff Sussna spoke about … Jeff's talk …": the same talk again
        if not kept or mention.start >= kept[-1].end or (mention.start, mention.end) == (kept[-1].start, kept[-1].end):
            kept.append(mention)  # "the Iron Python and PyPy keynotes": two mentions of one span
    return kept


def talk_pages(block: Block) -> list[str]:
    """The texts of a block's links to a talk's page on the schedule or its recording (TALK_PAGE): titles."""
    return [
        text.strip()
        for text, href in block.links
        if TALK_PAGE.search(href) and text[:1].isupper() and len(text.split()) >= 2
    ]


def sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding `offset` starts, across the line breaks of prose wrapped at a width."""
    return max((m.end() for m in SENTENCE_END.finditer(text, 0, offset)), default=0)


def block_piece(block: Block, a: int, b: int) -> Block:
    """Characters a to b of a block, as a block of the same kind (its links and code spans kept for linking)."""
    return Block(block.kind, block.text[a:b].rstrip(), block.start + a, block.level, block.links, block.code)


def pieces_at(block: Block, offsets: list[int]) -> tuple[Block | None, list[Block]]:
    """The block cut where the sentences holding these offsets (the block's own) start: the text before the first
    of them (None when there is none), and one piece per offset, in order."""
    sentences = split_sentences(block.text)
    cuts = [next((s.start for s in reversed(sentences) if s.start <= o), 0) for o in sorted(offsets)]
    ends = [*cuts[1:], len(block.text)]
    lead = block_piece(block, 0, cuts[0]) if cuts and block.text[: cuts[0]].strip() else None
    return lead, [block_piece(block, a, b) for a, b in zip(cuts, ends, strict=True)]


def talk_decorated(text: str) -> bool:
    """The heading carries talk decorations: a kind prefix ("Keynote:") or speakers."""
    heading = text.split("\n")[0]
    return bool(KIND_PREFIX.match(heading.strip()) or split_heading(heading)[2])
