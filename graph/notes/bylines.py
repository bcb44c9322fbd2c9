"""What a heading or a talk's first line says besides its title: the kind ("Keynote:") and the speakers with
their companies ("Title - Ann Lee, Acme", "by Tom Reyes (Bar Data)", "Ada Brown: Title"), and whether a list of
names reads as people at all."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.notes.blocks import PICTOGRAPHS
from talkgraph.graph.notes.talks import KINDS, Speaker, Talk

SLIDES = re.compile(
    r"^(?:link to (?:the )?(?:slides?|deck|tutorial|video|recording|talk|code)|slides?:|(?:the )?(?:slides?|deck)\.?$)",
    re.I,
)  # "Link to the slides", "Slides: …", or a line that is only a link named "Slides"
SMALL_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "with",
    "for",
    "and",
    "or",
    "by",
    "at",
    "from",
    "as",
    "into",
    "via",
    "vs",
    "vs.",
    "your",
    "our",
    "its",
    "&",
    "-",
    "–",
    "—",
    "is",
    "be",
    "not",
    "but",
    "about",
}
PRONOUN_START = re.compile(r"^(?:i|i['’]m|we|he|she|they|it|this|that|these|those|here|there|you|my|our)\b", re.I)

# Heading decorations: "Keynote: Title", "Title (Any Skill Level)", "#hashtags".
KIND_PREFIX = re.compile(
    r"^(?:(?i:opening|closing|starting|final|morning|afternoon|evening|first|second|third|last)\s+"
    r"(?=(?i:keynote|talk|tutorial|workshop|panel)\s*:)"  # "Closing keynote: Title", not "… - Ann Lee"
    r"|(?i:my|our)\s+(?=(?i:keynote|talk|tutorial|workshop|panel)\s*[:\-–—]))?"  # "My Talk - Title": the author's
    r"(?P<kind>keynote|sponsored keynote|sponsor(?:ed)? (?:talk|session)|tutorial|workshop|panel|lightning talk|talk"
    r"|project update)(?:\s+#?(?P<number>\d{1,2})|\s+speakers?)?\s*[:\-–—]\s*",  # "Keynote 2 - Title"; "Keynote Speaker - Ned Batchelder": the kind's label
    re.I,
)
SKILL_SUFFIX = re.compile(r"\s*\((?:any|all|beginner|intermediate|advanced|introductory|expert)\b[^)]*\)", re.I)
SPONSORED = re.compile(r"\s*\((?:sponsored|sponsor(?:ed)? (?:talk|keynote|session))\)", re.I)  # a marker, no title
# "Title (YouTube)", "Title [Englisch]": a label for the link or the language after the title, no part of it.
TITLE_LABEL = re.compile(
    r"(?:\s*[(\[](?i:youtube|vimeo|video|slides?|recording|pdf|english|englisch|german|deutsch|french|français"
    r"|francais|spanish|español|italian|dutch|swedish|en|de|fr|es)[)\]])+\s*$"
)
HASHTAGS = re.compile(r"(?:\s+#[\w-]+)+\s*$")
# "Title by Speaker", "Title - Speaker, Role, Company", "Title — Speaker (Company)".
NAME = r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:(?:van|von|de|da|del|der|di|le|la|du)\s+){0,2}[A-ZÀ-Ý][\w'’.-]*){0,3}"
ORG_NAME = r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}"
BY_SPEAKERS = re.compile(
    rf"^(?P<title>.+?)(?P<by>\s+by|(?<=[.?!])\s+By)\s+(?P<people>{NAME}(?:(?:\s*[,&]\s*|\s+and\s+){NAME}){{0,8}})"
    rf"(?:\s*\((?P<org>[^)]+)\)|\s+(?:from|of|at)\s+(?:the\s+)?(?P<org_said>{ORG_NAME})(?:\s+team)?)?\s*$"
)
# "Title: Ann Lee of Acme went through …": a list item that names its talk, then says who gave it.
PRESENTED_ITEM = re.compile(
    rf"^(?P<title>[^:]{{3,140}}?)(?::|\s+[-–—])\s+(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)"
    rf"(?:\s+(?:of|from|at)\s+(?P<org>{ORG_NAME}))?,?\s+(?:talked|spoke|presented|showed|gave|explained|described"
    r"|walked|went|shared|demonstrated|introduced|covered|discussed|argued|told|took"
    r"|on\s+(?:what|how|why|when|where|whether|the\s+\w+\s+of|[a-z]+ing)\b)\b"  # not "Apache Kafka on Kubernetes"
)
# "Ada Brown (Widgets Inc) - Zero-Copy Queues": the speaker first, the title after a dash or colon.
SPEAKER_FIRST = re.compile(
    rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*(?:\((?P<org>[^)]+)\))?\s*[-–—:|]\s*(?P<title>\S.+)$"
)
# Between a title and the speakers after it: " - ", " – ", " — ", " | ", " ~ ".
# "Attacking and Defending Kube... Brad Geesaman, Jimmy Mesta": a schedule export cut a long title short, and its
# speakers follow the ellipsis.
TRUNCATED_TITLE = re.compile(r"^(?P<title>\S.{19,}?)\s*(?:\.\.\.|…)\s*(?P<people>[A-ZÀ-Ý].+)$")
# "Ten Years of Widgets, a keynote by Ana Silva": the kind said after the title, before its speakers.
KIND_SUFFIX = re.compile(
    r",\s+(?:a|the|her|his|their)\s+(?P<kind>keynote|talk|workshop|tutorial|lightning talk|panel)$", re.I
)
SPEAKER_SEPARATOR = re.compile(r"\s+[-–—|~]\s+")
# "[Scaling Queues—Ann Lee](…)": in a link's text, a dash with no spaces may part the title from its people too.
LINK_TEXT_PEOPLE = re.compile(rf"^(?P<title>.{{3,}}?\S)—(?P<people>{NAME}(?:(?:\s*[,&]\s*|\s+and\s+){NAME})*)$")
ROLE_FIELD = re.compile(
    r"\b(?:engineer|developer|architect|cto|ceo|cfo|coo|cio|ciso|founder|co-founder|director|manager|lead|head|vp|svp|evp|avp"
    r"|principal|staff|senior|advocate|evangelist|consultant|scientist|researcher|maintainer|sre|officer"
    r"|president|professor|student|analyst|designer|product|owner|specialist|fellow|partner|chair"
    r"|phd|ph\.d|msc|mba|md|m\.d|dphil|mph|rn|jd|team)\b",
    re.I,
)
NO_EMPLOYER = re.compile(r"(?i:independent|freelance(?:r)?|self[- ]employed|none|n/a|tbd|various)")
LEGAL_SUFFIX = re.compile(
    r",?\s+(?:Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|GmbH|AG|S\.A\.|SA|SAS|SARL|B\.V\.|BV|N\.V\.|PLC|plc"
    r"|Pty\.?(?: Ltd\.?)?|Oy|AB|ApS|A/S|AS|S\.r\.l\.|S\.p\.A\.|K\.K\.)$"
)
# Words that close or open an organisation's name rather than a person's: "Acme Cloud", "Grafana Labs".
ORGANISATION_NOUNS = {
    "cloud", "labs", "lab", "data", "corp", "corporation", "company", "co", "systems", "software", "technologies",
    "technology", "tech", "solutions", "networks", "network", "security", "group", "foundation", "university",
    "institute", "college", "school", "bank", "capital", "partners", "consulting", "digital", "media", "games",
    "studios", "studio", "analytics", "health", "energy", "computing", "services", "ai", "io", "works", "ventures",
    "holdings", "industries", "dynamics", "research", "engineering", "enterprises", "platform", "platforms", "hat",
    "agency", "insurance", "telecom", "mobile", "online", "web", "dev", "ops", "devops", "hq", "global",
    "international", "interactive", "robotics", "motors", "airlines", "financial", "payments", "bio", "pharma",
    "hospital", "council", "ministry", "department", "association", "society", "project", "community", "alliance", "consortium",
}  # fmt: skip
# "Part Two", "Episode One", "Reloaded": words that continue a title's series, never a person's name.
SEQUEL_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third",
    "part", "episode", "volume", "chapter", "season", "edition", "revisited", "reloaded", "returns", "redux",
}  # fmt: skip
GROUP_NOUNS = {"team", "group", "lab", "labs", "crew", "staff", "organisers", "organizers", "committee", "folks"}
# "Keynote Speaker - Ned Batchelder", "Half Day Event", "Registration Opens": a role at the event or a part of its
# programme closes the words, not a surname
PROGRAMME_NOUNS = {
    "speaker", "speakers", "presenter", "presenters", "host", "hosts", "moderator", "panelist", "panelists",
    "panellist", "panellists", "keynote", "keynotes", "event", "opens", "session",
}  # fmt: skip
FORM_NOUNS = {"name", "names"}  # "Full Name", "Your Name": a web form's field copied with the page
NOT_A_SURNAME = GROUP_NOUNS | PROGRAMME_NOUNS | FORM_NOUNS
# "Session Link:", "Video Recording:": a field's label in a talk's notes, never a speaker before a title nor a title.
FIELD_NOUNS = {"link", "links", "slides", "video", "recording", "description", "abstract", "summary", "details"}
FIELD_LABEL = re.compile(
    r"^(?i:(?:session|talk|video|slides?|youtube|event|recording|presentation|deck|project|github|code|demo|full"
    rf"|short|more)\s+){{0,2}}(?i:{'|'.join(sorted(FIELD_NOUNS))})\s*:"
)  # not "Ann Link: Title"
NAME_PARTICLES = {
    *("van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "ter", "bin", "al"),
    *("'t", "’t"),  # Sanne 't Hooft
}
# "Sonar Code Metrics Matthew J. McCullough. Notes …", "Visual Collaboration Heather Willems och Nora Herting
# @imagethink": a title run straight into its people (a first name, maybe an initial, a last name), maybe a handle.
RUN_ON_PERSON = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-Z]\.)?\s+(?:(?:van|von|de|da|der|di|le|la|du)\s+)?[A-ZÀ-Ý][\w'’-]+"
RUN_ON_PEOPLE = re.compile(
    rf"^(?P<title>.{{3,140}}?)(?<![,;:|/–—-])\s+(?P<people>{RUN_ON_PERSON}(?:\s+(?:and|&|och|og|und|et|y|en)\s+{RUN_ON_PERSON})*)"
    r"(?P<handle>\s+@\w+)?\s*(?:[.:]\s+(?P<notes>.*)|\.?$)"
)
PEOPLE_JOINER = re.compile(r"\s+(?:och|og|und|et|y|en)\s+")
QUESTION_WORDS = {"what", "why", "how", "when", "where", "who", "which"}
CONTRACTION = re.compile(r"(?:[A-Za-z]['’](?:ve|re|ll|d|m)|n['’]t)$", re.I)  # "We've", "Don't", "You'll"
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÝĀ-Ž][\w'’.-]*$")  # "Lind", "O'Neil", "Jr.": no colon, no digit-led word
SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|La|Le|Van|Von)(?=[A-Z][a-z])")
URL = re.compile(r"(?:https?://|www\.)\S+")
# "Lisbon, Portugal", "Kafka, Conferences, Travel": names separated by commas, nothing that reads as a title.
# "Saul Lee @quansight", "Moussa Ali Ph.D. @Xandr (mlinfra on his shirt)": a name, then a social handle.
HANDLE_BYLINE = re.compile(
    rf"^(?P<name>{NAME}?)(?:,?\s+(?:Ph\.?\s?D\.?|MSc|MBA))?\s+@(?P<handle>[A-Za-z][\w-]*(?:\.[A-Za-z]+)?)(?:\s+\([^()]*\))?$"
)
PEOPLE_AT_ORG = re.compile(
    rf"^(?P<names>{NAME}(?:(?:,\s*|\s+(?:and|&)\s+){NAME})+)\s+@(?P<handle>[A-Za-z][\w-]*(?:\.[A-Za-z]+)?)$"
)
# "Fast Builds by Andrew": a title, "by", and one capitalised word.
LONE_BY = re.compile(r"^(?P<title>.{3,}?)\s+(?P<by>[Bb]y)\s+(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)$")
CAPITAL_BY = re.compile(r"^(?P<title>.{3,}?)\s+By\s+(?P<people>[A-ZÀ-Ý].{2,80})$")  # "Title By Ann Lee"
# What closes an item of a list after its title: '… and', '….', a comma; after a closing quote only, for a quoted title.
LINK_REMARK = re.compile(r"\s*\((?P<remark>[^()]{1,60})\)\s*$")  # "(the very best!)" after a linked title
ITEM_CLOSE = re.compile(r"(?:[\s,.;:]|\band\b)+$")
QUOTED_ITEM_CLOSE = re.compile(rf"(?<=[\"”“»’]){ITEM_CLOSE.pattern}")
PAREN_BY = re.compile(r"\(\s*((?i:(?:presented\s+)?by|with)\s+[^()]+?)\s*\)")  # "(by Ann Lee, Tom Reyes)"
PAREN_BYLINE = re.compile(r"^(?P<title>.+?)\s*\((?P<fields>[^()]*\bby\s[^()]+)\)\s*$")
# "1:05 pm → 30 min, ", "10:30–11:15 | ", "09.00: " before the names of a schedule line.
SCHEDULE_PREFIX = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:→|->|–|-|to)\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"|\d+\s*(?:min(?:utes?)?|h(?:ours?)?)\b))?\s*[,|:;·•]?\s*",
    re.I,
)
# After a linked title: "(Ann Lee): notes", " by Ann Lee, Acme - notes", " – Ann Lee".
LINKED_TITLE_PEOPLE = re.compile(
    r"^\s*(?:\((?P<paren>[^()]{3,120})\)|(?:by|[-–—|~])\s+(?P<said>[^:()]{3,120}?))\s*(?:[:\-–—]\s+(?P<notes>.*))?$"
)
# "Title (Ann Lee): notes", "Title (Ann Lee, Acme) - notes": a title, its people in parentheses, then the notes.
TITLE_PAREN_PEOPLE = re.compile(
    r"^(?P<title>[^():]{3,140}?)\s*\((?P<people>[^()]{3,120})\)(?:\s*[:\-–—]\s+(?P<notes>\S.*))?\s*$"
)
HEADING_NUMBER = re.compile(r"^(?:#?\d{1,2}[.)]|\d{1,2}\s+[-–—])\s+(?=\S)")
# "Session: Title", "Presentation – Title": a label that names no kind of its own before a title.
SESSION_LABEL = re.compile(r"^(?i:session|presentation|vortrag|föredrag|conférence|charla)\s*[:–—]\s+")
SPEAKER_PREFIX = re.compile(rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*:\s+(?P<title>\S.+)$")


# The label of a field that names a talk's people, in a recap's language: "Speaker(s):", "Who:", "Intervenants :",
# "Sprecher:", "Ponente:", "Talare:".
PEOPLE_FIELD_WORDS = (
    r"speakers?|speaker\(s\)|presenters?|presenter\(s\)|who|intervenant(?:e)?s?|intervenant\((?:e\)\()?s\)"
    r"|orateurs?|sprecher(?:innen)?|referent(?:innen|en)?|ponentes?|ponente\(s\)|talare|föreläsare"
)


def title_with_paren_people(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues (Ada Brown, Acme)" → the title and the people of its closing parenthesis, if they read so."""
    said = TITLE_PAREN_PEOPLE.match(without_schedule_time(text.strip()))
    if not said or said.group("notes") or not heading_like(said.group("title")):
        return None
    people = said.group("people")
    speakers = [] if LEGAL_SUFFIX.search(" " + people) else speaker_list(people)
    return (said.group("title").strip(), speakers) if speakers else None


def split_affiliations(talk: Talk) -> None:
    """ "Ann Lee, Acme / Lund University": a speaker of two organisations; the first is her affiliation, the
    other one is the talk's too."""
    for speaker in talk.speakers:
        if speaker.affiliation and " / " in speaker.affiliation:
            first, *others = [o.strip() for o in speaker.affiliation.split(" / ") if o.strip()]
            speaker.affiliation = first
            talk.organisations.extend(o for o in others if o not in talk.organisations)


def speaker_field(line: str) -> bool:
    """ "Speaker: Ann Lee (Acme)", "Presenters: Ann Lee & Tom Reyes", "by Ann Lee": a line that only names people,
    said so by its first word."""
    line = line.strip()
    return bool(re.match(rf"^(?i:{PEOPLE_FIELD_WORDS})\s*:|^(?i:presented\s+)?by\s", line)) and bool(
        byline_speakers(line)
    )


def heading_like(text: str) -> bool:
    """Words that can title what follows: short, no sentence's end, no link line, no address written out ("His
    presentation: https://…" points to the talk's material)."""
    words = text.split()
    return (
        1 <= len(words) <= 16
        and not text.endswith((".", ",", ";", ":"))
        and not SLIDES.match(text)
        and not PRONOUN_START.match(text)
        and not URL.search(text)
    )


def split_heading(text: str, link_texts: list[str] | None = None) -> tuple[str, str | None, list[Speaker]]:
    """Heading text → (title, kind or None, speakers) from the decorations it carries.
    `link_texts`: the heading's link texts; a link after a name is the title ("Ada Brown - [Title](…)").
    The speakers are fresh objects: a talk may give them an affiliation later, which must not reach the cache."""
    key = (text, tuple(link_texts or ()))
    split = _SPLIT_IN_THIS_DOCUMENT.get()
    if split is None:
        title, kind, speakers = _split_heading_cached(*key)
    elif (found := split.get(key)) is not None:
        title, kind, speakers = found
    else:
        title, kind, speakers = split[key] = _split_heading(*key)
    return title, kind, [Speaker(s.name, s.affiliation) for s in speakers]


# The rules ask about the same heading many times, in passes that each walk the whole document: within one
# document's reading every heading is split once (a fixed-size cache would miss on every call for a document with
# more headings than it holds, and parsing grew faster than the document). Outside one, a small cache serves.
_SPLIT_IN_THIS_DOCUMENT: ContextVar[dict[tuple[str, tuple[str, ...]], tuple] | None] = ContextVar(
    "split_in_this_document", default=None
)


@contextmanager
def one_document() -> Iterator[None]:
    """Headings split while reading one document are kept until it is read, then let go of."""
    token = _SPLIT_IN_THIS_DOCUMENT.set({})
    try:
        yield
    finally:
        _SPLIT_IN_THIS_DOCUMENT.reset(token)


def without_schedule_time(text: str) -> str:
    """A schedule line without the slot's time it opens with ("09:00 – Title – Ann Lee" → "Title – Ann Lee")."""
    scheduled = SCHEDULE_PREFIX.match(text)
    return text[scheduled.end() :].lstrip(" -–—|:") if scheduled and scheduled.end() else text


def _split_heading(text: str, link_texts: tuple[str, ...]) -> tuple[str, str | None, list[Speaker]]:
    original = text
    text = _without_pictograms(_sub(HASHTAGS, text.strip()))
    text = HEADING_NUMBER.sub("", text)  # "1. Title", "#2) Title": the talk's place in the post, not its title
    text = without_schedule_time(text)
    kind = None
    prefix = KIND_PREFIX.match(text)
    if prefix:
        kind = kind_word(prefix.group("kind"))
        text = text[prefix.end() :]
    elif label := SESSION_LABEL.match(text):
        text = text[label.end() :]  # "Session: Opening Keynote": a label; the title may still say its kind
    text = _sub(TITLE_LABEL, _sub(SPONSORED, _sub(SKILL_SUFFIX, text))).strip()
    speakers: list[Speaker] = []
    if text in link_texts:  # the whole heading is one link: its text is the title, colons and all
        tail = _by_tail(text) or _speaker_tail(text) or _link_text_people(text)  # "[Title - Ann Lee](…)"
        title, speakers = tail if tail is not None else (text, speakers)
        return _unquoted(title.strip(" :-–—~")), kind or kind_in(title), speakers
    match = BY_SPEAKERS.match(text) if _may_match(BY_SPEAKERS, text) else None
    first = SPEAKER_FIRST.match(text) if _may_match(SPEAKER_FIRST, text) else None
    by = _by_tail(text)
    if (said := _paren_byline(text)) is not None:
        text, paren_kind, speakers = said
        kind = kind or paren_kind
    elif (role := person_with_role(text)) is not None:
        speakers = role  # "Cheryl Hung - Director of Ecosystem, CNCF": the heading names its speaker, no title
    elif by is not None and (any(p.affiliation for p in by[1]) or not match):
        text, speakers = by  # "Title by Ann Lee & Tom Reyes, Acme": people with their employer after "by"
    elif match and plausible_people(match.group("people")):
        org = match.group("org") or match.group("org_said")
        org = strip_legal(org) if org else None
        speakers = [Speaker(name, org) for name in split_names(match.group("people"))]
        title = match.group("title").strip()
        text = _before_byline(title) if match.group("by").strip() == "By" else title
    elif (
        first and plausible_people(first.group("people")) and (first.group("org") or first.group("title") in link_texts)
    ):
        org = strip_legal(first.group("org")) if first.group("org") else None
        speakers = [Speaker(name, org) for name in split_names(first.group("people"))]
        text = first.group("title").strip()
    elif (labelled := _labelled_people(text, prefix is not None and not prefix.group("number"))) is not None:
        text, speakers = labelled
        kind = kind or kind_in(original[: original.find(speakers[0].name)])  # "EMEA Keynote: Ann Lee – Title"
    elif (tail := _speaker_tail(text)) is not None:
        text, speakers = tail
    elif (closing := _closing_person(text)) is not None:
        text, speakers = closing
    elif (cut := TRUNCATED_TITLE.match(text)) and (people := _whole_names(speaker_list(cut.group("people")))):
        text, speakers = cut.group("title") + "…", people
    if speakers and (suffix := KIND_SUFFIX.search(text)):
        text, kind = text[: suffix.start()], kind or kind_word(suffix.group("kind"))
    return _unquoted(text.strip(" :-–—~,")), kind or kind_in(text), speakers


_split_heading_cached = lru_cache(maxsize=4096)(_split_heading)


def _unquoted(title: str) -> str:
    """ "“The Cost of Retries”" → "The Cost of Retries": quotes around the whole title are no part of it, nor what
    closes an item of a list after them ('"Jenkins as Code" and', '"Paging Less".')."""
    bare = _sub(QUOTED_ITEM_CLOSE, title)
    quoted = QUOTED_TITLE.fullmatch(bare) if _may_match(QUOTED_TITLE, bare) else None
    return quoted.group("inner").strip() if quoted else title


def _closing_person(text: str) -> tuple[str, list[Speaker]] | None:
    """A title closed by one person with their organisation: "Paging Less (Marta Lind, Globex)", "Chaos on a Budget,
    Omar Khan (Initech)". Alone, a closing parenthesis is a title's ("Scaling Queues (Part Two)"); with a
    person's name and an organisation it is the speaker's."""
    said = CLOSING_PERSON.match(text) if _may_match(CLOSING_PERSON, text) else None
    if not said:
        return None
    name = (said.group("name") or said.group("name2")).strip()
    org = strip_legal(said.group("org").strip())
    if not _another_person(name) or not org or not heading_like(said.group("title")):
        return None
    return said.group("title").strip(), [Speaker(name, org)]


def kind_word(word: str) -> str:
    """The talk kind a word names ("Workshop" is a tutorial, "Lightning talk" a lightning talk); a word of no kind
    of its own ("presentation", "session") names a talk."""
    word = word.lower()
    kind = {
        "workshop": "tutorial",
        "sponsored keynote": "keynote",
        "sponsor talk": "talk",
        "sponsored talk": "talk",
        "sponsor session": "talk",
        "sponsored session": "talk",
        "lightning talk": "lightning",
        "project update": "update",
    }.get(word, word)
    return kind if kind in KINDS else "talk"


def _whole_names(people: list[Speaker]) -> list[Speaker]:
    """The people if each is named in full ("Ana Silva"), else none ("… Again and Again" names nobody)."""
    return people if all(len(p.name.split()) >= 2 for p in people) else []


def speaker_prefix(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Ann Lee: Title" → the title and its people. Read so only where the notes use that layout more than once:
    alone, "Hidden Hazards: Burnout in Tech" is a title with a subtitle."""
    match = SPEAKER_PREFIX.match(text.strip()) if ":" in text and not FIELD_LABEL.match(text.strip()) else None
    if match and _prose(match.group("title")):
        return None  # "Set Goals: decide what you want to learn." is a label over a sentence, not a person's talk
    if match and plausible_people(match.group("people")) and len(match.group("people").split()) >= 2:
        people = [Speaker(name) for name in re.split(r"\s*(?:&|\band\b)\s*", match.group("people"))]
        return match.group("title").strip(" :-–—~"), people
    return None


def _prose(text: str) -> bool:
    """A sentence rather than a title: it opens in lower case and ends with a full stop."""
    text = text.strip()
    return text[:1].islower() and text.endswith(".") and not text.endswith("..")


MAX_BYLINE = 200  # characters after "by" that may still be people and their organisations


def _before_byline(title: str) -> str:
    """The title before "By Ann Lee" written as a sentence of its own: "Queues Without Copying." loses its full stop
    (a question keeps its mark; a title that would be left empty keeps it too)."""
    title = title.strip()
    trimmed = title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title
    return trimmed or title


def _by_tail(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Title by Ann Lee, CEO @ Acme", "Titel von Ann Lee": the title before the first " by " after which only
    people follow."""
    for by in re.finditer(r"\s+(?:by|door|von|par|por|av|af)\s+|(?<=[.?!])\s+By\s+", text):  # in the notes' languages
        if len(text) - by.end() > MAX_BYLINE:
            continue  # people follow "by" in a few words: a long rest is prose (and costly to read as names)
        speakers = speaker_list(text[by.end() :]) if by.start() > 0 else []
        if speakers:
            title = text[: by.start()].strip()
            return (_before_byline(title) if by.group().strip() == "By" else title), speakers
    return None


def _paren_byline(text: str) -> tuple[str, str | None, list[Speaker]] | None:
    """ "Title (Keynote, by Ann Lee & Tom Reyes, video)" → the title, the kind and the speakers; the other fields of
    the parenthesis (video, slides, a room) are dropped. None unless the "by" field names people."""
    match = PAREN_BYLINE.match(text) if _may_match(PAREN_BYLINE, text) else None
    if not match:
        return None
    kind = None
    speakers: list[Speaker] = []
    for field_text in (f.strip() for f in match.group("fields").split(",")):
        if field_text.lower().startswith("by "):
            people = field_text[3:].strip()
            if not plausible_people(people):
                return None
            speakers = [Speaker(name) for name in split_names(people)]
        elif not speakers and kind_in(field_text) and len(field_text.split()) <= 2:
            kind = kind_in(field_text)
    return (match.group("title").strip(), kind, speakers) if speakers else None


def item_heading(
    text: str,
    links: list[tuple[str, str]] | None = None,
    tail: str = "",
    paren_people: bool = False,
    run_on_people: bool = False,
    emphasis: list[str] | tuple[str, ...] = (),
) -> tuple[str, str]:
    """A list item's heading and its notes: the first line, or the first sentence where that alone names the talk
    and its speakers ("Great Tables by Ann Lee from Acme. A lively demo …"), or "Title: Ann Lee of Acme spoke …",
    or a (linked) title with its people after it ("[Title](…) (Ann Lee): notes"), or a title whose people close the
    line in bold or italics ("Title **Ann Lee, Acme**"), or people then title each emphasised ("**Ann Lee** @ann -
    *Title* [video]"; `emphasis`: the item's emphasised runs)."""
    line, _, rest = text.partition("\n")
    if line.count("(") > line.count(")") and rest:  # "[Title](…) (Ann\nLee): notes": wrapped inside the parenthesis
        wrapped, _, later = rest.partition("\n")
        if ")" in wrapped:
            line, rest = f"{line} {wrapped}", later
    if emphasised := _emphasised_people_then_title(line, emphasis):
        return emphasised[0], f"{emphasised[1]}\n{rest}".strip()
    for link_text, _ in links or []:
        after = line[len(link_text) :] if link_text and line.startswith(link_text) else None
        linked = LINKED_TITLE_PEOPLE.match(after) if after and heading_like(link_text) else None
        if linked is None:
            continue
        people = (linked.group("paren") or linked.group("said")).strip()
        if not LEGAL_SUFFIX.search(" " + people) and speaker_list(people):
            return f"{link_text} by {people}", f"{linked.group('notes') or ''}\n{rest}".strip()
    paren = TITLE_PAREN_PEOPLE.match(line)
    # "Title (Part Two)" alone stays a title: only with notes, or where the notes' layout closes titles with people.
    if paren and heading_like(paren.group("title")) and (paren.group("notes") or paren_people):
        people = paren.group("people")
        if not LEGAL_SUFFIX.search(" " + people) and speaker_list(people):
            return f"{paren.group('title')} by {people}", f"{paren.group('notes') or ''}\n{rest}".strip()
    if tail and line.rstrip(" .").endswith(tail) and speaker_list(tail):
        before = line.rstrip(" .")[: -len(tail)].rstrip(" *_-–—|~,:.")  # "**Title**. _Ann Lee_" too
        before = re.sub(r"\s+by$", "", before)
        last_word = before.split()[-1].lower() if before.split() else ""
        if heading_like(before) and last_word not in SMALL_WORDS:  # "Queues the **Hard Way**" goes on a phrase
            return f"{before} by {tail}", rest
    if run_on_people and not split_heading(line)[2] and (run_on := run_on_title_people(line)):  # the notes' layout
        return f"{run_on.title} by {run_on.people}", f"{run_on.notes}\n{rest}".strip()
    said = PRESENTED_ITEM.match(line)
    if said and plausible_people(said.group("people")):
        org = f" ({said.group('org')})" if said.group("org") else ""
        return f"{said.group('title')} by {said.group('people')}{org}", text[said.start("people") :].strip()
    if re.search(r"[^\W\d_]{2}\.$", line) and split_heading(line[:-1])[2]:  # "Title by Ann Lee." and its notes
        return line[:-1], rest
    if closing := _closing_linked_byline(line, links or []):
        return closing[0], f"{closing[1]}\n{rest}".strip()
    if split_heading(line)[2]:
        return line, rest
    for link_text, _ in links or []:  # "[Title](…) (the very best!)": the linked title, then the author's remark
        if link_text and line.startswith(link_text) and (remark := LINK_REMARK.fullmatch(line[len(link_text) :])):
            return link_text.strip(), f"{remark.group('remark')}\n{rest}".strip()
    sentence = re.match(r"^(.{3,160}?)\.\s+(?=[A-Z])", line)
    if sentence and split_heading(sentence.group(1))[2]:
        return sentence.group(1), text[sentence.end() :]
    return line, rest


# The end of a sentence (or of a remark closed by an emoji) right before a link.
NOTES_CLOSED = re.compile(rf"(?:[.!?:][\"”’)]*|[{PICTOGRAPHS}])$")


def _closing_linked_byline(line: str, links: list[tuple[str, str]]) -> tuple[str, str] | None:
    """ "Liz demoed Cilium Mesh. [Keeping It Simple - Liz Rice, Isovalent](…)": the author's notes, then, closing
    the item, a link whose text is the talk's title and its people: the title and people are the link's, the
    sentences before it the notes."""
    if not links:
        return None
    link_text = links[-1][0].strip()
    closing = line.rstrip(" .")
    if not link_text or not closing.endswith(link_text) or len(closing) == len(link_text):
        return None
    notes = closing[: -len(link_text)].rstrip()
    if not NOTES_CLOSED.search(notes):
        return None
    title, _, people = split_heading(link_text)
    return (link_text, notes) if people and heading_like(title) else None


def _emphasised_people_then_title(line: str, emphasis: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """ "**Ann Lee** twitter:@ann - *Scaling Queues* [slides]": the line opens with its people in one emphasis and
    names the title in the next, after a dash or colon; "Scaling Queues by Ann Lee" and what follows the title."""
    if len(emphasis) < 2 or not line.startswith(emphasis[0]):
        return None
    people, title = emphasis[0].strip(), emphasis[1].strip()
    at = line.find(title, len(emphasis[0]))
    if at < 0 or not re.search(r"\s[-–—:|]\s*$", line[len(emphasis[0]) : at]):
        return None
    if not speaker_list(people) or plausible_people(title) or len(title.split()) < 2 or not title[0].isupper():
        return None  # the emphasis bounds the title: its words may end a sentence ("We have DevTools. And you?")
    return f"{title.rstrip('.')} by {people}", line[at + len(title) :].strip()  # "*Title.*": the period closes it


@dataclass(frozen=True)
class _RunOn:
    """A line read as a title run into its people (RUN_ON_PEOPLE)."""

    title: str
    people: str  # joined by "and" whatever the notes' language joined them with
    notes: str
    sure: bool  # a handle, an initial or two people joined: nothing else than people reads so


def run_on_title_people(line: str) -> _RunOn | None:
    """ "Abstraction distractions Neal Ford" read as a title and its people: where the people are plausible and
    either surely people or opening after a word in lower case ("Open Source Economics" ends on two capitalised
    words of its own)."""
    said = RUN_ON_PEOPLE.match(line)
    if not said:
        return None
    people = PEOPLE_JOINER.sub(" and ", said.group("people"))
    sure = bool(said.group("handle") or re.search(r"\s[A-Z]\.\s", people) or " and " in people)
    if not plausible_people(people) or not (sure or not said.group("title").split()[-1][:1].isupper()):
        return None
    return _RunOn(said.group("title"), people, said.group("notes") or "", sure)


def _without_pictograms(text: str) -> str:
    """ "🎤 Keynote — …" → "Keynote — …": a leading pictogram decorates a heading; it is no part of the title."""
    start = 0
    while start < len(text) and (
        unicodedata.category(text[start]) in ("So", "Sk", "Mn", "Cf") or (text[start] == " " and start)
    ):
        start += 1
    return text[start:] if start and start < len(text) else text


def kind_in(text: str) -> str | None:
    """The kind a title names ("… Keynote", "Hands-on Workshop: …"), if any."""
    lowered = text.lower()
    for kind, _, pattern in KINDS_IN_TITLES:
        if _may_match(pattern, lowered) and pattern.search(lowered) and (kind != "update" or "project" in lowered):
            return kind
    return None


KINDS_IN_TITLES = (  # (kind, a word it needs one of, pattern), in the order kind_in tries them
    ("keynote", ("keynote",), re.compile(r"\bkeynote\b")),
    ("update", ("update",), re.compile(r"\b(?:project )?updates?\b")),
    ("tutorial", ("tutorial", "workshop"), re.compile(r"\b(?:tutorials?|workshops?)\b")),
    ("panel", ("panel",), re.compile(r"\bpanels?\b")),
    (
        "lightning",
        ("lightning", "ignite", "flash"),
        re.compile(r"\b(?:lightning|ignite|flash)\s+talks?\b|^(?:ignites?|lightnings?)$"),
    ),
)


def _may_match(pattern: re.Pattern, text: str) -> bool:
    """False where text lacks what the pattern cannot match without (a "(", a "by", a closing parenthesis, a quote
    mark, a kind's word), tested without running it: a heading is split once, but a plain-text document's every
    line is asked whether it is one, and most hold none of these."""
    need = _NEEDS.get(pattern)
    return need is None or need(text)


def _sub(pattern: re.Pattern, text: str) -> str:
    return pattern.sub("", text) if _may_match(pattern, text) else text


QUOTED_TITLE = re.compile(r"\A[\"“„«‘](?P<inner>[^\"“”„«»‘’]{2,})[\"”“»’]\Z")
CLOSING_PERSON = re.compile(
    r"^(?P<title>.{3,}?)(?:\s*\((?P<name>[^(),]+),\s*|,\s+(?P<name2>[^(),]+?)\s*\()(?P<org>[^(),]+)\)$"
)


def _any_of(words: tuple[str, ...]) -> Callable[[str], bool]:
    return lambda text: any(word in text for word in words)


_NEEDS: dict[re.Pattern, Callable[[str], bool]] = {
    HASHTAGS: lambda text: "#" in text,
    SKILL_SUFFIX: lambda text: "(" in text,
    SPONSORED: lambda text: "(" in text,
    TITLE_LABEL: lambda text: text.rstrip()[-1:] in (")", "]"),
    BY_SPEAKERS: lambda text: "by" in text or "By" in text,
    SPEAKER_FIRST: lambda text: any(mark in text for mark in "-–—:|"),
    PAREN_BYLINE: lambda text: "by" in text and text.rstrip()[-1:] == ")",
    CLOSING_PERSON: lambda text: text.rstrip("\n")[-1:] == ")",
    QUOTED_ITEM_CLOSE: lambda text: any(mark in text for mark in '"”“»’'),
    QUOTED_TITLE: lambda text: text[:1] in '"“„«‘',
    **{pattern: _any_of(words) for _, words, pattern in KINDS_IN_TITLES},
}


def _speaker_tail(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Title - Ana Silva, Principal Engineer, Foo Corp; Tom Reyes, CTO & Raj Mehta (Baz Labs)" → the title and
    each speaker with the organisation that closes their fields (roles in between are dropped), or that follows
    them as a field of its own ("Title - Ann Lee - Initech")."""
    for sep in SPEAKER_SEPARATOR.finditer(text):
        title, tail = text[: sep.start()].strip(), text[sep.end() :].strip()
        speakers = speaker_list(_without_handles(tail)) if title else []
        if (
            not speakers
            and title
            and len(after := SPEAKER_SEPARATOR.split(tail)) == 2
            and _organisation_field(after[1])
            and not is_common_word(after[1])  # "Title - Ann Lee - Slides": a link's label, a level, no employer
            and not plausible_people(title)  # "Ann Lee - Tom Reyes - Title", "Asia Pacific - Ann Lee - Title"
        ):
            # "Title - Ann Lee - Initech", "Title | Ann Lee | Initech": the people, then their employer's field
            people = speaker_list(_without_handles(after[0]))
            speakers = [Speaker(p.name, after[1].strip()) for p in people if not p.affiliation]
            if len(speakers) < len(people):
                speakers = []
        if speakers:
            fields = SPEAKER_SEPARATOR.split(title)
            if len(fields) >= 2 and _organisation_field(fields[-1]) and not any(p.affiliation for p in speakers):
                # "Title - Yelp - Ann Lee / Tom Reyes": the field between the title and the people is their employer
                org = fields[-1].strip()
                title = title[: title.rfind(org)].rstrip(" -–—|~")
                speakers = [Speaker(p.name, org) for p in speakers]
            return title, speakers
    return None


def opens_with(text: str, people: str) -> bool:
    """Text that opens with the first of these people, by first name or a pronoun ("Ann showed …", "She …"); not
    with the whole name when all its words are ordinary ones ("Green Threads explained …": the talk's subject)."""
    if text.startswith(people) and all(is_common_word(w) for w in people.split()):
        return False
    return bool(re.match(rf"(?:{re.escape(people.split()[0])}|she|he|they)\b", text, re.I))


def _link_text_people(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues—Ann Lee" as a link's whole text: the title, then its people after an unspaced dash."""
    said = LINK_TEXT_PEOPLE.match(text)
    if not said or not plausible_people(said.group("people")):
        return None
    return said.group("title"), [Speaker(name) for name in split_names(said.group("people"))]


def comma_people_tail(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues Without Tears, Ann Lee, Tom Reyes, Acme" → the title, then people's names (no ordinary
    word needed) and, last, maybe their employer, each after a comma; a title of two or more words stays.
    Only where it is the notes' layout (two or more titles read so): alone, "Fast, Cheap, Good Enough" is a title."""
    fields = [f.strip() for f in text.split(",")]
    org = fields.pop() if len(fields) >= 3 and _organisation_field(fields[-1]) else None
    people: list[str] = []
    while len(fields) > 1 and 2 <= len(fields[-1].split()) <= 3 and plausible_people(fields[-1]):
        people.insert(0, fields.pop())
    title = ", ".join(fields)
    if not people or len(title.split()) < 2 or "," in title:  # "Rust, Go, Java Script": a list, not people
        return None
    return title, [Speaker(name, org) for name in people]


# "EMEA Keynote: ", "Track 2 talk: ", "Morning session: ": a label that says the line names a session.
SESSION_LINE_LABEL = re.compile(
    r"^(?:[\w&/.'’-]+\s+){0,3}(?i:keynote|talk|session|tutorial|workshop|panel|lightning talk)\s*:\s+"
)


def _labelled_people(text: str, after_kind: bool) -> tuple[str, list[Speaker]] | None:
    """People named after a label and before the title: "East Coast – John Willis (Docker) – Title" (a region or
    track, the people, the title) and "EMEA Keynote: Mark Burgess – Title" (a session's label, then the people;
    `after_kind`: a "Keynote:" prefix was taken off already). The label is what makes people-first safe to read:
    without it "Ann Lee – Title" and "Title – Ann Lee" look alike."""
    label = None if after_kind else SESSION_LINE_LABEL.match(text)
    if after_kind or label:
        fields = SPEAKER_SEPARATOR.split(text[label.end() :] if label else text, maxsplit=1)
        if len(fields) == 2 and (people := speaker_list(fields[0])) and not speaker_list(fields[1]):
            return fields[1], people
        return None
    fields = SPEAKER_SEPARATOR.split(text)
    if len(fields) < 3 or not (people := speaker_list(fields[1])):
        return None
    if speaker_list(fields[0]) and not any(p.affiliation for p in people):
        return None  # "Ann Lee – Tom Reyes – Title": no label to tell where the people start
    title = text[text.find(fields[2], len(fields[0]) + len(fields[1])) :].strip()
    if (len(fields) == 3 and _organisation_field(title)) or speaker_list(title):
        return None  # "Title – Ann Lee – Acme": the people's employer closes the line
    return title, people


def person_with_role(text: str) -> list[Speaker] | None:
    """ "Cheryl Hung - Director of Ecosystem, CNCF": one person, then their role and employer. A heading of that
    shape gives no title: it stays as written, and the person is the speaker."""
    fields = SPEAKER_SEPARATOR.split(text.strip(), maxsplit=1)
    if len(fields) != 2 or len(people := speaker_list(fields[0])) != 1:
        return None
    role, _, org = fields[1].rpartition(",")
    if "," in role or not ROLE_FIELD.search(role) or len(role.split()) > 6 or not 1 <= len(org.split()) <= 4:
        return None
    employer = strip_legal(org.strip())
    return [Speaker(people[0].name, employer)] if employer and employer[0].isupper() else None


def speaker_first(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Ann Lee @annlee - Acme - Title", "Ann Lee - Title": people first, then an optional employer field, then the
    title (every other field, subtitles kept). Used where several headings of the document have this layout, or
    where other evidence says a heading names a person (roles.Roles._people_section)."""
    if (role := person_with_role(text)) is not None:
        return text.strip(), role
    fields = _fields_without_handles(text)
    if len(fields) < 2:
        return None
    speakers = speaker_list(fields[0])
    if not speakers:
        return None
    rest = fields[1:]
    if len(rest) >= 2 and _organisation_field(rest[0]):
        speakers = [Speaker(p.name, rest[0]) for p in speakers]
        rest = rest[1:]
    title = text[text.find(rest[0]) :].strip()
    return title, [Speaker(p.name, p.affiliation) for p in speakers]


def common_words(people: list[Speaker]) -> float:
    """How much of these names reads as ordinary words ("Mentoring Metrics Engineers" 1.0, "Zach Musgrave" 0.5):
    where a heading could give people at either end, the end with fewer ordinary words holds them."""
    words = [w for p in people for w in p.name.split() if w not in NAME_PARTICLES and any(c.isalpha() for c in w)]
    return sum(1 for w in words if is_common_word(w)) / len(words) if words else 1.0


def _fields_without_handles(text: str) -> list[str]:
    """A heading's fields between separators ("Ann Lee - Acme - @annlee" → ["Ann Lee", "Acme"]), handles dropped."""
    return [f for f in (_without_handles(f) for f in SPEAKER_SEPARATOR.split(text)) if f]


def _without_handles(field_text: str) -> str:
    """A heading field without social handles ("Ann Lee @annlee" → "Ann Lee", "@annlee" → "")."""
    return re.sub(r"(?:^|\s+)@\w[\w.]*", "", field_text).strip()


def _organisation_field(field_text: str) -> bool:
    """A heading field beside people (between them and the title, or after them) that can only be their employer:
    one capitalised word, or two that are not both ordinary words ("Yelp", "IOPipe", "Giant Swarm"; not "The Hard
    Parts", "Best Practices")."""
    words = field_text.split()
    if len(words) == 1 and re.fullmatch(r"[A-Z][\w&.'-]*", words[0]) and words[0].lower() not in SMALL_WORDS:
        return True  # between the people and the title, one capitalised word: "Google", "BuzzFeed"
    if len(words) != 2 or any(w.lower() in SMALL_WORDS or not re.fullmatch(r"[A-Z][\w&.'-]*", w) for w in words):
        return False
    return not all(is_common_word(w) for w in words)


def lead_people(lead: str) -> list[Speaker]:
    """The people a bold lead-in names where the list's layout puts people there ("**Beth** - Title" beside
    "**Ann Lee** - Title"): as speaker_list reads them, or as names joined by "and", "&", "+" or commas where some
    are of one word, a first name or a handle ("Beth", "r00tkillah and @annlee", "ktemkin and Dominic Spill")."""
    if speakers := speaker_list(lead):
        return speakers
    names = [name.strip() for name in re.split(r",|&|\+|\band\b", lead) if name.strip()]
    if not names or not all(_one_word_name(name) or plausible_people(name) for name in names):
        return []
    return [Speaker(name) for name in names]


def _one_word_name(word: str) -> bool:
    """A person named in one word: a handle ("@annlee"; "r00tkillah", no English word), or a capitalised first name
    ("Beth", which is also a word) that is no kind of session ("Keynote") and no small word."""
    if not re.fullmatch(r"@?\w[\w.-]*", word):
        return False
    if word[0] == "@":
        return True
    if word[0].isupper() and not word.isupper():
        return word.lower() not in SMALL_WORDS and kind_in(word) is None
    return not is_common_word(word)


def speaker_list(tail: str) -> list[Speaker]:
    """People separated by ';', '&', '+' or 'and', each "Name[, role …][, Organisation]" or "Name (Organisation)";
    [] unless every part reads that way."""
    tail = " ".join(tail.split())  # one space between words: the patterns below then scan a run of spaces once
    tail = re.sub(r"\s+@\s+", " at ", tail)  # "CEO @ Acme"
    tail = re.sub(r"\)\s*,\s+(?=[A-ZÀ-Ý])", "); ", tail)  # "Ann Lee (Acme), Tom Reyes (Foo)": a list of people
    # "Elizabeth (Betsy) Smith", 'Robert "Bob" Jones': a nickname between the first name that opens a field and the last
    tail = re.sub(
        r"(?:^|(?<=[;,&]\s)|(?<=\sand\s))([A-Z][a-z]+)\s+(?:\([A-Z][a-z]+\)|[\"“'][A-Z][a-z]+[\"”'])(?=\s+[A-ZÀ-Ý])",
        r"\1",
        tail,
    )
    tail = re.sub(r"(?<![\w.])(?:Dr|Prof)\.?\s+(?=[A-Z])|\b(?i:facilitator|moderator|host|chair)\s*:\s*", "", tail)
    segments: list[str] = []
    parts = re.split(r"(\s*[;/]\s*|,?\s+(?:&|\+|and)\s+)", tail)  # "…, Acme, and Tom Reyes": the serial comma too
    for separator, part in zip(["", *parts[1::2]], parts[::2], strict=True):
        name = re.split(r"\s*[,(]|\s+(?:as|from|at|of)\s+", part, maxsplit=1)[0].strip()
        if segments and (
            not plausible_people(name) or ROLE_FIELD.search(name) or ("/" in separator and "," in segments[-1])
        ):
            segments[-1] += separator + part  # "Bar Data & Raj Mehta", "Acme / Tartu University": one field
        else:
            segments.append(part)
    speakers: list[Speaker] = []
    bare: list[bool] = []  # per speaker: named with no fields of their own
    # "A, B & C" where C is a bare name: the commas before it list people too; so do they before "& C, Acme",
    # where C's one field is no one's name: their employer, which A and B share.
    closing = [f.strip() for f in segments[-1].split(",")]
    shared = len(segments) >= 2 and len(closing) == 2 and _a_name(closing[0]) and not _another_person(closing[1])
    listing = shared or (
        len(segments) >= 2 and not re.search(r"[,(]", segments[-1]) and plausible_people(segments[-1].strip())
    )
    for segment in segments:
        paren = re.match(r"^(?P<name>[^(,]+?)\s*\((?P<org>[^)]+)\)\s*$", segment)
        fields = [paren.group("name"), paren.group("org")] if paren else [f.strip() for f in segment.split(",")]
        if len(fields) >= 3 and LEGAL_SUFFIX.fullmatch(", " + fields[-1]):
            fields[-2:] = [f"{fields[-2]}, {fields[-1]}"]  # "Baz Labs, Inc.": one organisation
        # "Ann Lee as Developer Advocate, Acme", "Ann Lee from Acme", "Ann Lee at Acme"
        said = re.match(r"^(?P<name>.+?)\s+(?P<how>as|from|at|of)\s+(?P<rest>.+)$", fields[0])
        if said and plausible_people(said.group("name")):
            rest = [] if said.group("how") == "as" else [re.sub(r"^the\s+|\s+team$", "", said.group("rest"))]
            fields = [said.group("name"), *rest, *fields[1:]]
        if not plausible_people(fields[0]) or len(fields) > 5:
            return []
        if any(re.search(r"[.!?]\s|[.!?]$", f) and not LEGAL_SUFFIX.search(" " + f) for f in fields[1:]):
            return []  # a field that ends a sentence: prose, not a role or an employer
        if not paren and len(fields) >= 2 and all(_uncommon_name(f) for f in fields):
            speakers.extend(Speaker(f) for f in fields)  # "Bram Vos, Fokke Dijk": names, no organisation
            bare.extend([False] * len(fields))
            continue
        if not paren and len(fields) >= 2 and listing and _names_listed(fields):
            speakers.extend(Speaker(f) for f in fields)  # "Ann Lee, Daniel Brandt & Tom Reyes": a list of names
            bare.extend([shared] * len(fields))
            continue
        if not paren and len(fields) >= 3 and _names_listed(fields):
            speakers.extend(Speaker(f) for f in fields)  # "Eric Holt, Daniel Brandt, Mia Kern": no role, no employer
            bare.extend([False] * len(fields))
            continue
        if not paren and len(fields) >= 4 and _names_listed(fields[:-1]) and not ROLE_FIELD.search(fields[-1]):
            org = strip_legal(fields[-1])  # "Ann Lee, Ravi Menon, Marina Sergeeva, Acme": people, then their employer
            speakers.extend(Speaker(f, org) for f in fields[:-1])
            bare.extend([False] * (len(fields) - 1))
            continue
        last = LAST_PERSON_AT.match(fields[-1]) if not paren and len(fields) >= 2 else None
        if last and all(_a_name(f) for f in [*fields[:-1], last.group("name")]):
            org = strip_legal(last.group("org"))  # "Julio Turolla, Roni Silva @ Nubank": both of Nubank
            speakers.extend(Speaker(f, org) for f in [*fields[:-1], last.group("name")])
            bare.extend([False] * len(fields))
            continue
        org = re.sub(r"^at\s+", "", fields[-1]) if len(fields) >= 2 and not ROLE_FIELD.search(fields[-1]) else None
        if org is None and len(fields) >= 2 and (at := re.search(r"\sat\s+(?P<org>[A-Z].*)$", fields[-1])):
            org = at.group("org")  # "CTO at Acme"
        speakers.append(Speaker(fields[0], strip_legal(org) if org else None))
        bare.append("," not in segment and "(" not in segment)
    # "Ann Lee & Tom Reyes, Acme": a name with no fields of its own shares the employer of the next one.
    for n in range(len(speakers) - 2, -1, -1):
        if speakers[n].affiliation is None and bare[n]:
            speakers[n].affiliation = speakers[n + 1].affiliation
    return speakers


LAST_PERSON_AT = re.compile(r"^(?P<name>[A-ZÀ-Ý][^,]*?)\s+at\s+(?P<org>[A-ZÀ-Ý].*)$")  # "Roni Silva at Nubank"


def _a_name(field: str) -> bool:
    return 2 <= len(field.split()) <= 3 and plausible_people(field) and not ROLE_FIELD.search(field)


def _names_listed(fields: list[str]) -> bool:
    """Comma-separated fields before "& Name" that are all people's names: two or three capitalised words, no role,
    and the last field (where an employer would stand) ending in no ordinary word ("Daniel Brandt"; not
    "Foo Corp", "Lund University")."""
    return all(_a_name(f) for f in fields) and not is_common_word(fields[-1].split()[-1])


def _org_name(text: str) -> bool:
    """One to four words, each capitalised: what an employer's name looks like ("Foo Corp", "Bar Data")."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z0-9][\w&.'-]*", w) for w in words)


def _two_names(line: str) -> list[Speaker]:
    """ "Ada Brown, Tom Reyes" → two people, where the field after the first name is another person's name."""
    fields = [f.strip() for f in line.split(",")]
    if (
        len(fields) == 2
        and 2 <= len(fields[0].split()) <= 3
        and _another_person(fields[0])
        and _another_person(fields[1])
    ):
        return [Speaker(fields[0]), Speaker(fields[1])]
    return []


def _another_person(field_text: str) -> bool:
    """A field after a person's name that is another person's name, not their employer: two or three capitalised
    words, no role, no legal form and no word that names a kind of organisation ("Tom Reyes"; not "Acme Cloud",
    "Grafana Labs", "Lund University")."""
    words = field_text.split()
    return (
        2 <= len(words) <= 3
        and plausible_people(field_text)
        and not ROLE_FIELD.search(field_text)
        and not LEGAL_SUFFIX.search(" " + field_text)
        and not any(w.lower().strip(".") in ORGANISATION_NOUNS | SEQUEL_WORDS for w in words)
    )


def _uncommon_name(text: str) -> bool:
    """A person's name of two or three words, none of them an ordinary word ("Fokke Dijk"; not "Foo Corp",
    "Red Hat"): after a comma it is another person rather than an employer."""
    words = text.split()
    return 2 <= len(words) <= 3 and plausible_people(text) and not any(is_common_word(w) for w in words)


PEOPLE_FIELD = re.compile(rf"^(?i:{PEOPLE_FIELD_WORDS})\s*:\s*\S")


def byline_speakers(text: str, tagged: bool = False, dashed: bool = False) -> list[Speaker]:
    """A talk's first line that only names its speakers: "*Ada Brown, Widgets Inc*", "by Tom Reyes (Bar Data)",
    "Speakers: Ana Silva & Raj Mehta"; with `dashed`, where a line under a title can only name people, also
    "Ana Silva - Foo Corp"."""
    line = text.strip()
    if len(line) > 160 or "\n" in line:
        return []
    if re.search(r"\b[A-Z][a-z]{1,4}\.$", line):  # "… Cerner Corp." ends an abbreviation, not a sentence
        line = line[:-1]
    field = PEOPLE_FIELD.match(line)
    if field and line.endswith("."):
        line = line[:-1]  # "Who: Ann Lee, Director of Engineering at Initech.": the field's value ends there
    if len(line.split()) > 16 or line.endswith((".", "!", "?")):
        return []
    line = SCHEDULE_PREFIX.sub("", line)
    line = re.sub(r"^(?:Dr|Prof)\.?\s+(?=[A-Z])", "", line)  # a title is not part of the name
    if (handled := HANDLE_BYLINE.match(line)) and plausible_people(name := handled.group("name")):
        handle = handled.group("handle")
        own = any(len(part) >= 3 and part.lower() in handle.lower() for part in name.split())
        return [Speaker(name, None if own else handle)]  # "@annlee" is hers; "@quansight", her employer's
    shared = PEOPLE_AT_ORG.match(line)
    at_org = split_names(shared.group("names")) if shared else []
    if shared and all(plausible_people(name) and len(name.split()) >= 2 for name in at_org):
        return [Speaker(name, shared.group("handle")) for name in at_org]  # "Ann Lee, Tom Reyes @Acme": both there
    wrapped = PAREN_BY.fullmatch(line)
    if wrapped:
        line = wrapped.group(1)  # "(by Ann Lee, Tom Reyes)": a byline in parentheses on a line of its own
    said = re.match(rf"^(?i:(?:presented\s+)?by|with|(?P<field>{PEOPLE_FIELD_WORDS})\s*:)\s+", line)
    line = line[said.end() :] if said else line
    if said and said.group("field") and (names := _two_names(line)):
        return names  # "Speaker: Ada Brown, Tom Reyes": a field of people names two people, not an employer
    if wrapped and (names := _two_names(line)) and not all(is_common_word(w) for w in names[1].name.split()):
        return names  # "(by Brett Lund, Dino Viehland)": a second person (not "Open Source", "Blue Box")
    words = line.split()
    if len(words) < 2 or not (words[0][0].isupper() and words[1][0].isupper()):
        return []  # a name opens with two capitalised words
    people, _, tags = line.partition(";")
    if tags and (tagged or not speaker_list(tags)):
        return speaker_list(people)  # "Ann Lee; Terraform": the people, then the talk's tags
    fields = _fields_without_handles(line) if dashed else []
    if dashed and len(fields) == 2 and "," not in fields[0] and speaker_list(fields[0]) and _org_name(fields[1]):
        return speaker_list(f"{fields[0]}, {fields[1]}")  # "Ann Lee - Acme (- @annlee)": a name, then the employer
    return speaker_list(line)


def tagged_bylines(lines: list[str]) -> bool:
    """Most schedule lines of these notes end in "; tags" that name no one ("Ann Lee; Terraform"): then every
    one of them does, even where the tags look like a name ("Tom Reyes; Consul Nomad")."""
    tails = [SCHEDULE_PREFIX.sub("", line).partition(";")[2] for line in lines if ";" in line]
    return len(tails) >= 3 and sum(1 for t in tails if not speaker_list(t)) * 2 > len(tails)


def byline_heading(text: str) -> bool:
    """A heading that names people and nothing else: "Speaker: Ann Lee, Acme", "Ann Lee (Acme) & Tom Reyes, Bar",
    "Ann Lee - Acme - @annlee" (said as speakers, or each with an organisation: a bare "Zero-Copy Queues" could be a
    title)."""
    if _people_then_employer(text):
        return not split_heading(text)[2]  # not "Title - Ann Lee"
    speakers = byline_speakers(text)
    return bool(speakers) and (
        bool(re.match(rf"^(?i:(?:presented\s+)?by|(?:{PEOPLE_FIELD_WORDS})\s*:)", text.strip()))
        or (all(s.affiliation for s in speakers) and not split_heading(text)[2])  # not "Title - Ann Lee"
    )


def _people_then_employer(text: str) -> bool:
    """ "Ann Lee - Acme - @annlee": people, a field that can only be an organisation's name, and a handle (which
    says the line is about the person: "Ann Lee - Kubernetes" alone may be a talk, its speaker first)."""
    if "@" not in text:
        return False
    fields = _fields_without_handles(text.strip())
    return len(fields) == 2 and _organisation_field(fields[1]) and bool(speaker_list(fields[0]))


def heading_label(text: str) -> str:
    """A heading's words without decoration or rating stars, to see the same label written twice."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def split_names(people: str) -> list[str]:
    return [name for name in re.split(r"\s*(?:,|&|\band\b)\s*", people) if name]


def strip_legal(org: str) -> str | None:
    """ "Widgets Inc." → "Widgets": a legal form is not part of how people name a company. A social handle
    ("@annlee", "Acme by @annlee") or a profile's address names a profile, not an employer, and "Independent" names
    none."""
    org = re.sub(r"(?:\s+by)?\s*@[\w.]*|\s+by$", "", URL.sub("", org)).strip(" ,;")  # an address names no one
    if not org or NO_EMPLOYER.fullmatch(org):
        return None
    return LEGAL_SUFFIX.sub("", org).strip() or org


def lone_first_names(talks: list[Talk]) -> None:
    """ "Fast Builds by Andrew", "Spam Control By Scott Franklin" where the notes close their titles with their
    speakers (two or more named so, and two thirds of the talks naming people so or by such a tail): the lone
    capitalised word after "by" is a speaker named by first name only, and people after a capitalised "By" are
    speakers, not the end of a title in title case ("by Me" is the author, who is no speaker the notes name)."""
    named = sum(1 for talk in talks if talk.speakers)
    tails: list[tuple[Talk, str, list[Speaker]]] = []
    for talk in talks:
        if talk.speakers or talk.title_derived:
            continue
        said = LONE_BY.match(talk.title)
        if said and said.group("name").lower() in ("me", "myself", "us"):
            if said.group("by") == "by":  # "A Short Tutorial by Me": the author's own talk, no one named
                talk.title = said.group("title")  # ("Stand By Me" is a title)
        elif said and said.group("name").lower() not in SMALL_WORDS:
            tails.append((talk, said.group("title"), [Speaker(said.group("name"))]))
        elif (capital := CAPITAL_BY.match(talk.title)) and (people := speaker_list(capital.group("people"))):
            tails.append((talk, capital.group("title"), people))
    named_whole = named + sum(1 for _, _, people in tails if any(" " in p.name for p in people))
    if named_whole >= 2 and (named + len(tails)) * 3 >= len(talks) * 2:
        for talk, title, people in tails:
            talk.title, talk.speakers = title, people


def gerund(word: str) -> bool:
    """ "Managing", "Building", "Scaling": an -ing form of an ordinary verb (not "Sterling", "Irving", "Ming")."""
    return _verb_form(word, "ing")


def participle(word: str) -> bool:
    """ "Mentioned", "Invited", "Planned": an -ed form of an ordinary verb (not "Alfred", "Mohammed", "Ted")."""
    return _verb_form(word, "ed")


def _verb_form(word: str, ending: str) -> bool:
    """The word is an ordinary verb's stem with this ending: the stem as it is, with its "e" back ("Managing"), or
    with its doubled last letter undone ("Planned"); a short one only with its "e" back ("Using", not "Ewing")."""
    stem = word.lower()[: -len(ending)]
    if not word.endswith(ending) or len(word) < 5:
        return False
    if len(word) == 5:
        return is_common_word(stem + "e")
    return any(is_common_word(v) for v in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""))


def plausible_people(people: str) -> bool:
    """Names, not the end of a title ("Scaling with Kubernetes Operators")."""
    names = re.split(r"\s*(?:,|&|\band\b)\s*", people)
    for name in names:
        tokens = name.split()
        if len(tokens) >= 3:  # "Arjan van de Ven", "Ana de la Cruz": particles inside a name are part of it
            tokens = [tokens[0], *(t for t in tokens[1:-1] if t not in NAME_PARTICLES), tokens[-1]]
        if not 2 <= len(tokens) <= 4 and not (len(tokens) == 1 and len(names) > 1):
            return False
        if any(
            t.lower() in SMALL_WORDS or (t.isupper() and len(t.rstrip(".")) > 1) or not NAME_TOKEN.match(t)
            for t in tokens
        ):
            return False
        if gerund(tokens[0]):
            return False  # "Managing Secrets", "Scaling Queues": a verb's -ing form opens a title, not a name
        if any(t.lower() in QUESTION_WORDS or CONTRACTION.search(t) for t in tokens):
            return False  # "What We've Learned", "Why It Matters": a title's clause, not a name
        if tokens[-1].lower() in NOT_A_SURNAME or any(
            p.isupper() and len(p.rstrip(".")) > 1 for t in tokens for p in t.split("-")
        ):
            return False  # "GPT-Lab Team", "Keynote Speaker": a group, a role or an acronym, not a person
        if any(re.search(r"[a-z][A-Z]|\d", SURNAME_PREFIX.sub("", part)) for t in tokens for part in t.split("-")):
            return False  # CamelCase or digits: software, not people (but MacLeod, McKay, O'Neil, DeWitt are names)
    return True
