"""Notes document → talks.

The segmenter works on blocks (blocks.py), so every format goes through the same rules: which headings, lines,
items or table rows start a talk, which only group talks (days, "Keynotes"), and which sections are the author's
own. What a heading says besides its title is bylines.py's; talks named in running text are prose.py's; sections
that are not talks by their content are not_talks.py's; days are days.py's.
"""

from __future__ import annotations

import itertools
import re
import statistics
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

from talkgraph.graph.notes.blocks import (
    BOLD_HEADING_LEVEL,
    Block,
    BlockDocument,
    Format,
    NotesError,
    detect_format,
    read_blocks,
)
from talkgraph.graph.notes.bylines import (
    FIELD_LABEL,
    ITEM_CLOSE,
    KIND_PREFIX,
    NAME,
    PRONOUN_START,
    SLIDES,
    SMALL_WORDS,
    URL,
    byline_heading,
    byline_speakers,
    comma_people_tail,
    common_words,
    heading_label,
    heading_like,
    item_heading,
    kind_in,
    lone_first_names,
    opens_with,
    plausible_people,
    run_on_title_people,
    speaker_field,
    speaker_first,
    speaker_list,
    speaker_prefix,
    split_affiliations,
    split_heading,
    split_names,
    strip_legal,
    tagged_bylines,
    title_with_paren_people,
)
from talkgraph.graph.notes.days import DAY_HEADING, DAY_IN_TEXT, DAY_IN_TITLE, DAY_NUMBER_WORDS, names_more_than_a_day
from talkgraph.graph.notes.files import read_notes_text
from talkgraph.graph.notes.not_talks import (
    THANKS_OR_SPONSORS,
    author_box,
    news_item,
    not_a_talk,
    schedule_filler,
    tag_line,
)
from talkgraph.graph.notes.prose import (
    PERSON_ACTING,
    PRESENTER,
    SENTENCE_OPENER,
    TALK_PAGE,
    block_piece,
    items_naming_talks,
    join_talks,
    mentioned_talks,
    named_in_block,
    names_a_presenter,
    opening_mention,
    opening_people,
    opens_with_person_acting,
    opens_with_presenter,
    paragraphs_naming_talks,
    pieces_at,
    presented_in_prose,
    prose_people,
    sentence_start,
    talk_decorated,
    talk_in_prose,
    talk_pages,
    talks_named,
)
from talkgraph.graph.notes.sentences import split_sentences
from talkgraph.graph.notes.talks import NotesDocument, Speaker, Talk

GROUP_HEADING = re.compile(
    r"^(?:(?:the\s+)?(?:morning|afternoon|evening|opening|closing)?\s*(?:keynotes?|talks?|sessions?|breakouts?"
    r"(?:\s+sessions)?|workshops?|tutorials?|lightning(?:\s+talks?)?|(?:ignite|flash)\s+talks?|ignites|panels?"
    r"|presentations?)"
    r"(?:\s+(?:i|we)\s+(?:attended|saw|watched|liked))?"
    r"|(?:morning|afternoon|evening)(?:\s+\w+)?|agenda|schedule|sessions? notes|talk notes)"
    r"(?:(?<=s)\s*\([^()]{1,40}\))?\s*:?$",  # "Ignite Talks (each 5 minutes)"; "Keynote (Slides)" is one
    re.I,
)
# "CSSCamp - 17.07", "The Workshop Days - 15-16.07", "Main track, 3/14": a part of the event and its date, a
# section of the event's days rather than a talk.
DATED_SECTION = re.compile(
    r"^(?:[\w&'’-]+\s+){0,3}[\w&'’-]+\s*[-–—,|:]\s*\d{1,2}(?:\s*[-–]\s*\d{1,2})?[./]\d{1,2}(?:[./]\d{2,4})?\.?$"
)
# A name that ends as an event's does ("Render Conference", "CityJS Conf 2019", "KubeCon EU"), before any link.
EVENT_NAME = re.compile(
    r"^[\w .&'-]{0,40}\b(?:conf(?:erence)?|summit|meetup|festival|con(?:\s+(?:eu|na|europe|us))?|expo|camp)"
    r"(?:\s+['’]?\d{2,4})?\s*(?:\(|\[|$)",
    re.I,
)
TALKS_COLUMN = re.compile(r"\b(?:talks?|titles?|sessions?)\b", re.I)  # a table column's name that says so
# "Track One: Modern Infrastructure", "Stream 2 – Security": a line that names a track of the programme.
TRACK_LINE = re.compile(
    r"^(?:track|stream)\s+(?:\d{1,2}|[a-h]|one|two|three|four|five|six|seven|eight)\s*(?:[:.–—-]\s+\S|$)", re.I
)
NON_TALK = re.compile(
    r"^(?:conclusions?|in conclusion|key\s*take\s*-?\s*aways?|take\s*-?\s*aways?|summary|wrap[- ]?up|final thoughts"
    r"|(?:the\s+)?bottom\s+line|side\s*notes?"
    r"|closing thoughts|tl;?\s*dr|travel(?:ling)?|getting there|venue|hotel|sponsors?(?:hip)?|expo(?: hall)?"
    r"|booths?|swag|about(?: me| the author| this blog)?|introduction|intro|contents|table of contents"
    r"|(?:more|other|useful|further|some)?\s*(?:resources|links)|references|thanks|acknowledg\w*|further reading|comments?|share this|related posts?"
    r"|social|parties|party|food|networking events?|hallway track|overall|impressions|recap|recent posts|archives?"
    r"|categories|tags|search|subscribe|follow me|popular posts|blogroll|leave a reply|navigation|menu"
    r"|unconference|open spaces?|birds of a feather|bofs?|lean coffee|news|announcements?"
    r"|(?:(?:hot|main|key|big|recurring|common)\s+)?(?:topics|themes|trends)"
    # the same sections in the languages notes are often written in (German, French, Spanish, Italian, Dutch,
    # Scandinavian): conclusion, summary, thanks, news, travel
    r"|fazit|zusammenfassung|schlusswort|danke|dank|anreise|neuigkeiten|nachrichten|en résumé|résumé|bilan|merci"
    r"|remerciements|actualités|nouvelles|voyage|conclusi[oó]n|resumen|gracias|noticias|viaje|conclusioni|riassunto"
    r"|grazie|notizie|viaggio|conclusie|tot slot|samenvatting|afsluiting|bedankt|nieuws|reis|sammanfattning"
    r"|slutsats|avslutning|tack|nyheter|resa|opsummering|konklusion|afslutning|nyheder|oppsummering|konklusjon)\b"
    r"(?=\s*(?:$|[:–—\-&,(!.]|and\b|\d|(?:topics|sessions|ideas|board|notes)\s*$))",  # the whole heading, or its head before punctuation: not "Search at Scale"
    re.I,
)
SUBHEADING = re.compile(
    r"^(?:what|why|how|when|where|who|which|is|are|do|does|can|should|demo|demos|summary|q\s*&\s*a|questions"
    r"|background|problem|solution|architecture|lessons|learnings|overview|slides|video|notes|key points"
    r"|results|next steps|example|examples|use cases?|challenges|goals|motivation|i['’]m|i\s|here|there)\b",
    re.I,
)
CONTINUATION = re.compile(
    r"^(?:in particular|also|moreover|additionally|furthermore|he|she|they|his|her|their|it|this|these|and|but"
    r"|besides|finally|then,? (?:he|she|they))\b",
    re.I,
)
# "Speaker(s) :", "Intervenant(e)s :", "Sprecher:": a label over the list of a talk's people, in a recap's language.
SPEAKER_FIELD_LABEL = re.compile(
    r"^(?i:speakers?|speaker\(s\)|presenters?|presenter\(s\)|intervenant(?:e)?s?|intervenant\((?:e\)\()?s\)"
    r"|orateurs?|sprecher(?:innen)?|referent(?:innen|en)?|ponentes?|ponente\(s\)|talare|föreläsare)\s*:\s*$"
)
# "**Five Stages of Development** av *Ann Lee* showed …": after a bold title, "by" in a recap's language.
LEAD_BY = re.compile(
    rf"^(?:by|av|von|de|par|di|door|van|por|af)\s+\**(?P<people>{NAME}(?:\s+(?:and|och|und|et|y|og|en|&)\s+{NAME})?)\**"
)
WITH_PEOPLE = re.compile(rf"^(?P<title>.{{3,}}?)\s+with\s+(?P<people>{NAME}(?:(?:\s*[,&]\s*|\s+and\s+){NAME})*)\s*$")
TIME_OR_NUMBER = re.compile(r"[\d:.\-–/ hapmAPM]+")
# What a line that only links a talk's material says besides its links: "Slides: …", "video | slides", "(code)".
LINK_LINE_WORDS = re.compile(
    r"(?:[\s|·•,:;()\[\]/–—-]|\b(?:slides?|video|recording|deck|code|demo|repo(?:sitory)?|pdf|abstract|details|links?|watch"
    r"|the|and|on|here|youtube|vimeo|speakerdeck|slideshare|github)\b)*",
    re.I,
)
# "Title: A sentence …" on a paragraph's first line.
COLON_LEAD = re.compile(r"^(?P<title>[^:.!?\n]{3,90}):\s+(?=[A-Z\"“‘'(])[^\n]{20,}")
# Labels a paragraph opens with that title nothing: "Note:", "Update 2:", "My take:", "Key takeaway:".
COLON_LABEL = re.compile(
    r"^(?i:(?:an?\s+|the\s+|my\s+|our\s+|one\s+|key\s+|big\s+|main\s+|final\s+|quick\s+|side\s+)*(?:note|notes|update|edit"
    r"|disclaimer|tl;?\s*dr|summary|conclusion|takeaways?|lesson|lessons|quote|verdict|bottom line|ps|p\.s|tip|warning"
    r"|slides?|video|recording|speakers?|presenters?|tags?|where|when|venue|location|date|time|why|how|what|result|results)"
    r"\b)"
)
# "The workshop track covered fuzzing for beginners, writing eBPF probes and tuning Postgres."
# "There were lightning talks on A, B and C.", "We had workshops about A, B and C."
ENUMERATED_SESSIONS = re.compile(
    r"\b(?:(?P<kind>workshops?|tutorials?|talks?|keynotes?|sessions?|lightning talks?|panels?)\s+"
    r"(?:track|programme|program|slots?|day)?\s*(?:covered|included|featured|offered|were(?: on)?)"
    r"|(?:there\s+were|we\s+had|i\s+(?:saw|attended))\s+(?:\w+\s+)??"
    r"(?P<kind2>workshops|tutorials|talks|keynotes|sessions|lightning talks|panels)\s+(?:on|about))\s*:?\s+"
    r"(?P<items>[^.;:]+?,[^.;:]+?\band\b[^.;:]+?)\s*[.;]",
    re.I,
)
# "four half-hour presentations", "a strong line-up of keynotes": text about the sessions of a group, in plural.
INTRODUCES_SESSIONS = re.compile(r"\b(?:talks|presentations|sessions|keynotes|workshops|speakers|line-?up)\b", re.I)
# "Initech sent two speakers this year:", "From Acme Cloud we had three talks:": an affiliation for a list.
LEAD_IN_ORGANISATION = re.compile(
    r"^(?:from\s+)?(?P<org>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2})\s+(?:sent|brought|had|fielded|gave|contributed)"
    r"\s+(?:\w+\s+){0,2}(?:speakers|talks|presenters|people|engineers|sessions)\b[^.:]*:$"
)
# "Beyond Search (by Honza Král, video)", "Python's Future (Keynote, by Ann Lee)": the byline in a closing parenthesis.
SAID_BY = re.compile(r"^\(?(?i:(?:presented\s+)?by|with)\s")  # a line that says whose the talk is
# "Ann Lee (Acme): what she told.", "Ann Lee - what she told.": people first, then the notes of their session.
PEOPLE_NOTES = re.compile(
    rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*(?:\((?P<org>[^()]{{1,80}})\))?\s*[:\-–—]\s+(?P<notes>\S.*)$"
)
# "Instructor - Ann Lee", "Speakers: Ann Lee & Tom Reyes": a field naming who gave the session the notes are of.
SESSION_PEOPLE = re.compile(
    r"^(?P<role>(?i:speakers?|presenters?|instructors?|teachers?|trainers?|facilitators?|hosts?))\s*[:\-–—]\s+"
    r"(?P<people>[A-ZÀ-Ý][^\n]{2,120})$"
)
# "Talk: Scaling Queues", "Title: …", "Session - …": a talk's title given as a field of the notes.
FIELD_TITLE = re.compile(
    r"^(?:talk|title|session|presentation|keynote|workshop|tutorial)\s*[:\-–—]\s+(?P<title>[^\n]{3,160})$", re.I | re.M
)
# "## Talk 1", "## Keynote-Speaker", "## Evening Keynote", "## Workshop": a heading that only labels a session.
LABEL_HEADING = re.compile(
    r"^(?:(?:opening|closing|morning|afternoon|evening|first|second|third|last|final)\s+)?"
    r"(?:keynote|talk|session|workshop|tutorial|presentation|panel|lightning\s+talk|ignite(?:\s+talk)?)"
    r"(?:[\s-]+(?:speaker|\d+|[ivx]+))?\s*:?$",
    re.I,
)
# "Topic: Reporting on Reliability" opening the text under "## Talk 1": the session's title, its heading a label.
SESSION_FIELD = re.compile(r"^(?i:topic|title|thema|titel|sujet|tema|talk|session)\s*:\s+(?P<title>[^\n]{3,160})$")


# A table's columns: titles, speakers, organisations, and the columns of link labels repeated in each row.
TableColumns = tuple[int, int | None, int | None, frozenset[int]]


def parse_file(path: str | Path) -> NotesDocument:
    """A notes file in any encoding read_notes_text recognises (BOM, UTF-8, detected code pages)."""
    path = Path(path)
    return parse_notes(read_notes_text(path).text, name=path.name)


def parse_notes(text: str, name: str = "notes.txt", fmt: Format | None = None) -> NotesDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = fmt or detect_format(text, name)
    document = read_blocks(text, fmt)
    if not document.blocks:
        raise NotesError(f"{name} holds no text")
    notes = _Segmenter(document, name).run()
    if not notes.talks and fmt == "markdown" and not any(b.kind == "heading" and b.level > 1 for b in document.blocks):
        # Markdown without section headings is often plain notes with a little markup: read it as plain text
        # (where its sections were read and are no talks, the plain-text rules would take their headings for titles).
        fallback = _Segmenter(read_blocks(text, "text"), name).run()
        if fallback.talks:
            return fallback
    if not notes.talks:
        notes.warnings.append(f"{name}: no talk found (no heading, title line, list or table of talks)")
    return notes


# Where an item's opening title ends: a dash, a sentence's end, a comma or semicolon, a colon before lower case.
ITEM_TITLE_END = re.compile(r"\s+[-–—]\s+|[.;]\s+|,\s+|:\s+(?=[a-z])|[.;]$")
# A verb that makes an item's opening a sentence ("Kubernetes is everywhere now", "Observability matters more").
FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|does|did|matters|seems|looks|remains)\b"
)
# An item that opens as a clause or a question, not with a title: "If members are drained, how …", "What about …".
CLAUSE_OPENING = re.compile(r"^(?i:if|when|what|how|why|where|which|who|whether|because|although|and|but|so|also)\b")


def _items_opening_with_titles(talks: list[Talk], outside: list[Block]) -> None:
    """Notes whose structure named no talk, with a list of three items or more that mostly open with a title
    ("Managing SSH access without keys - the approach …", "OK Log: Coördination-Free Logging - among the best …",
    "Capturing Queries without Overhead. A talk by …", a link alone): the list is of talks, each item's opening
    its title and the rest its text. Questions and "etc." among them are the author's asides. The last resort
    before saying the notes hold no talk."""
    for run in _item_runs([b for b in outside if not (b.aside or b.chrome)]):
        considered = [
            item
            for item in run
            if _linked_alone(item) or (not item.text.rstrip().endswith("?") and len(item.text.strip()) > 5)
        ]
        titled = [(item, title) for item in considered if (title := _item_opening_title(item))]
        if len(titled) < 3 or len(titled) * 3 < len(considered) * 2:
            continue
        for item, title in titled:
            rest = item.text[len(title) :].lstrip(" -–—.,;:")
            blocks = [Block("paragraph", rest, item.start + len(item.text) - len(rest))] if rest else []
            talks.append(Talk(title, "talk", None, len(talks), item.start, blocks=blocks))
            outside.remove(item)


def _item_runs(blocks: list[Block]) -> Iterator[list[Block]]:
    """Each run of list items at the top level with nothing else between them (one list, or lists back to back)."""
    run: list[Block] = []
    for block in blocks:
        if block.kind == "item" and block.level == 0:
            run.append(block)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _linked_alone(item: Block) -> bool:
    return any(item.text.split("\n")[0].strip() == link for link, _ in item.links)


def _item_opening_title(item: Block) -> str:
    """The title an item opens with, before the author's words on it (see _items_opening_with_titles); "" when it
    opens with a sentence or is a phrase alone."""
    text = item.text.split("\n")[0].strip()
    if _linked_alone(item):
        return text  # "[git-stacktrace](…)": a link alone names the talk's project or page
    end = ITEM_TITLE_END.search(text)
    if end is None or not text[end.end() :].strip():
        return ""  # a phrase alone ("Grafana dashboards for every team."): a note, not a title and what it was about
    title = text[: end.start()]
    if not 2 <= len(title.split()) <= 10 or title.endswith(("?", "!")) or not title[0].isupper():
        return ""
    if PRONOUN_START.match(title) or CLAUSE_OPENING.match(title) or FINITE_VERB.search(title) or news_item(text, []):
        return ""  # a sentence ("Observability matters more"), or news ("Widget 3 erreicht die erste Beta")
    return title


# -- the segmenter ------------------------------------------------------------


@dataclass
class _Heading:
    role: str  # "title" (document), "day", "group", "talk", "nontalk"
    block: Block
    day: int | None = None


class _Segmenter:
    def __init__(self, document: BlockDocument, name: str):
        self.doc = document
        self.name = name
        self._one_mention = False  # the prose names one talk in passing, and who gave it (see run's last resort)
        self.talks: list[Talk] = []
        self.outside: list[Block] = []
        self.weekday_days: dict[str, int] = {}
        self._title_index = -1
        self._recurring: set[str] = set()  # heading texts written more than once: section labels, not titles
        self._known_roles: dict[int, _Heading] = {}
        self._section_labels: set[str] = set()  # recurring labels already seen as a talk's section
        self._group_kind: str | None = None  # "Workshops" makes the talks under it tutorials
        self._group_level = 0
        self._row_columns: dict[int, TableColumns] = {}
        self._bylines: set[int] = set()  # headings that only name the speakers of the heading right above
        self._field_people: set[int] = set()  # items listing the people under a "Speaker(s):" label
        self._nontalk_labels: set[str] = set()  # headings of sections that are no talk
        self._contents: set[int] = set()  # headings over a table of contents
        self._speaker_first = False  # several headings read "Ann Lee - Title": people first is this notes' layout
        self._presenter_items: set[int] = set()
        self._people_notes: set[int] = (
            set()
        )  # untitled items "Ann Lee (Acme): what she told", people first  # untitled items that each open with someone presenting
        self._people_leads: set[int] = set()  # items whose bold lead-in names their people, the title after it
        self._speaker_colon = False  # "Ann Lee: Title" is this notes' layout
        self._comma_people = False  # "Title, Ann Lee, Tom Reyes, Acme" is this notes' layout
        self._run_on_people = False  # "- Title Ann Lee @annlee. Notes": items run their title into their people
        self._field_titles: dict[int, tuple[str, int]] = {}  # a label heading's start → its field's title, and where
        self._paren_people = False  # most headings or items read "Title (Ann Lee)": a parenthesis holds people
        self._enumeration_days: dict[int, int | None] = {}  # the day of an enumeration of sessions under a heading

    def run(self) -> NotesDocument:
        if (single := self._single_session()) is not None:
            return single
        roles = self._roles()
        title = next((r.block.text for r in roles.values() if r.role == "title"), None)
        title_day = DAY_IN_TITLE.search(title) if title else None
        day: int | None = self._day_number(title_day) if title_day else None  # a one-day post dates every talk
        keynote_scope = False  # inside a "Day N keynotes"/"Keynotes" group
        current: Talk | None = None
        untitled: list[Block] = []  # body blocks after a group heading, before any talk title
        group_block: Block | None = None
        in_nontalk = False
        talk_level = 99
        lead_org: str | None = None
        named_group: Block | None = None  # the group heading the next talks are under
        under_group: dict[int, tuple[Block, list[Talk]]] = {}  # group heading → the talks started under it
        scoped_kind = False  # the current talk's kind came from its group, not its heading
        previous_bare = bare_list = False  # the current talk is one of a list of bare titles
        for index, block in enumerate(self.doc.blocks):
            if block.aside or block.chrome:
                self.outside.append(block)
                current = None if block.chrome else current  # share buttons, "Read more": the article has ended
                continue
            role = roles.get(index)
            if role is not None and role.role == "field":
                continue  # "Topic: Title" under "## Talk 1": the talk's title, read with its heading
            if role is not None and role.role == "byline":
                if current is not None and (not current.speakers or index in self._field_people):
                    listed = byline_speakers(block.text) or [
                        Speaker(block.text.strip())
                    ]  # "- Pierre Zemb" under "Speakers:"
                    current.speakers += [s for s in listed if s not in current.speakers]
                    continue
                role = None
            if role is not None and (
                role.role == "sub"
                or (
                    role.role in ("talk", "group", "nontalk")
                    and current is not None
                    and block.kind == "heading"
                    and block.level > talk_level
                )
            ):
                role = None  # a heading inside a talk ("Demo", "Why?") is part of its text
            if role is None:
                said = LEAD_IN_ORGANISATION.match(block.text.strip())
                if said:
                    lead_org = said.group("org")  # "Initech sent two speakers:" applies to the talks listed next
                    self.outside.append(block)  # it introduces a list; it is no talk's text
                    continue
                if current is not None and bare_list and block.kind == "paragraph":
                    self.outside.append(block)  # after a list of bare titles: the notes go on, no talk's text
                    current = None
                elif current is not None:
                    current.blocks.append(block)
                    if self._note_slides(current, block) and keynote_scope and scoped_kind:
                        # Slides mark a breakout after the day's keynotes; the heading dated the keynotes only.
                        keynote_scope, day, current.day, current.kind = False, None, None, "talk"
                elif group_block is not None and not in_nontalk:
                    untitled.append(block)
                else:
                    self.outside.append(block)
                continue
            if (
                untitled
                and group_block is not None
                and (role.role == "talk" or block.kind == "heading")
                and (self._under(block, group_block) or _introduces(untitled))
            ):
                self.outside.extend(untitled)  # text that opens a group before its talks or sections introduces them
                untitled = []
            self._flush_untitled(untitled, group_block, day, keynote_scope)
            untitled, current, in_nontalk = [], None, False
            if block.kind not in ("item", "row"):
                lead_org = None
            if role.role == "title":
                continue
            if role.role in ("day", "group"):
                day = role.day if role.role == "day" else day
                keynote_scope = "keynote" in block.text.lower()
                self._group_kind = split_heading(block.text)[1] if role.role == "group" else None
                self._group_level = block.level if block.kind == "heading" else 0
                group_block = block
                named_group = block if role.role == "group" and block.kind == "heading" else None
            elif role.role == "nontalk":
                in_nontalk, group_block, named_group = True, None, None
                self.outside.append(block)
            else:
                if block.kind == "heading" and 0 < block.level <= self._group_level:
                    keynote_scope = False  # a sibling of the "Keynotes" heading, not under it
                previous = self.talks[-1] if self.talks else None
                current, scoped_kind = self._start_talk(block, day, keynote_scope)
                if named_group is not None:
                    under_group.setdefault(named_group.start, (named_group, []))[1].append(current)
                bare = block.kind == "item" and not current.blocks  # a list item that is only a title
                bare_list = bare and previous is not None and previous_bare and not previous.blocks
                previous_bare = bare
                if lead_org:
                    current.organisations.append(lead_org)
                    for speaker in current.speakers:
                        speaker.affiliation = speaker.affiliation or lead_org
                talk_level = block.level if block.kind == "heading" else 99
                if keynote_scope and current.kind in ("talk", "tutorial"):
                    keynote_scope, day, current.day = False, None, None
                group_block = None
        self._flush_untitled(untitled, group_block, day, keynote_scope)
        _people_headings(list(under_group.values()))
        self._prose_talks(day, follow=not self.talks)
        if not self.talks:  # notes in prose alone: the talks its paragraphs name, and the people presenting
            self._talks_mentioned_in_prose(day)
            self._presenter_sessions(day)
        elif self._prose_beside_plain_headings():
            self._presenter_sessions(day)  # the author's headings ("Testing is our job") beside prose sessions
        if not self.talks:  # last resorts: a list whose items open with titles, then one talk named in passing
            _items_opening_with_titles(self.talks, self.outside)
        if not self.talks and self._one_mention:
            self._talks_mentioned_in_prose(day, fewest=1)
        self._enumerated_sessions(day)
        self._merge_contents_entries()
        self._drop_commentary_headings()
        self._merge_part_lines()
        self._titles_that_name_people()
        self._sections_naming_talks()
        self._untitled_commentary()
        for talk in self.talks:
            if (talk.title_derived or not talk.speakers) and (in_prose := talk_in_prose(talk)):
                talk.title, talk.speakers, talk.title_derived = in_prose[0], in_prose[1], False
        lone_first_names(self.talks)
        tagged = tagged_bylines([t.blocks[0].text for t in self.talks if t.blocks and not t.speakers])
        for talk in self.talks:
            for n, block in enumerate(talk.blocks[:4] if not talk.speakers else []):  # a byline opens the text
                if block.kind in ("paragraph", "line", "item"):
                    talk.speakers = byline_speakers(block.text, tagged, dashed=True)
                    if n and block.kind == "item" and talk.blocks[n - 1].kind == "item":
                        # a list's later item names the speaker only with an employer ("Mia Chen, Initech" under
                        # "Length 25:00"), not as three capitalised words of notes ("Structured Widget Streaming")
                        talk.speakers = [s for s in talk.speakers if s.affiliation]
                    if not talk.speakers and n == 0:  # "Ann Lee" on the first line of the notes, the rest below
                        talk.speakers = byline_speakers(block.text.split("\n")[0], tagged, dashed=True)
                    if talk.speakers:
                        break
            talk.speakers = talk.speakers or opening_people(talk)
            split_affiliations(talk)
            talk.kind = talk.kind if talk.kind != "talk" else self._kind_from_body(talk)
            if talk.day is None and (said := DAY_IN_TEXT.search(talk.body_text)):
                talk.day = self._day_number(said)
            while len(talk.blocks) > 1 and talk.blocks[-1].kind == "paragraph" and not_a_talk("", talk.blocks[-1:]):
                self.outside.append(talk.blocks.pop())  # "the after-party was at …" closes the notes, not the talk
        for talk in [t for t in self.talks if not t.speakers and not t.title_derived and schedule_filler(t.title)]:
            self.talks.remove(talk)  # "Break", "Lunch", "Opening remarks": a slot of the schedule, no talk
            self.outside.extend(talk.blocks)
        for position, talk in enumerate(self.talks):
            talk.position = position
        last = self.talks[-1] if self.talks else None
        if last is not None and last.blocks and tag_line(last.blocks[-1].text.strip()):
            self.outside.append(last.blocks.pop())  # "Kafka, Conferences, Travel" closes the post, not its last talk
        return NotesDocument(self.name, self.doc.format, self.doc.text, title, self.talks, self.outside)

    # roles of headings and bare lines

    def _roles(self) -> dict[int, _Heading]:
        blocks = self.doc.blocks
        roles: dict[int, _Heading] = {}
        headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        self._known_roles = roles
        labels = Counter(heading_label(blocks[i].text) for i in headings)
        self._recurring = {label for label, n in labels.items() if n >= 2 and label}
        for i in headings:
            above = blocks[i - 1] if i > 0 else None
            if (
                above is not None
                and above.kind == "heading"
                and above.level < blocks[i].level
                and byline_heading(blocks[i].text)
            ):
                roles[i] = _Heading("byline", blocks[i])  # "## *Speaker: Ann Lee, Acme*" under its talk's title
                self._bylines.add(i)
        byline_levels = Counter(blocks[i].level for i in self._bylines)
        for i in headings:  # where bylines under titles are the layout, a heading of names alone there is one too
            above = blocks[i - 1] if i > 0 else None
            if (
                i not in self._bylines
                and byline_levels[blocks[i].level] >= 2
                and above is not None
                and above.kind == "heading"
                and above.level < blocks[i].level
                and plausible_people(blocks[i].text.strip())  # names alone: "Mariel Frank", "Li Jin, Hyonjee Joo"
            ):
                roles[i] = _Heading("byline", blocks[i])  # "## Mariel Frank" beside "## Saul Lee @quansight"
                self._bylines.add(i)
        headings = [i for i in headings if i not in self._bylines]
        # Headings, and in plain text its short lines, tell whether the notes put people first ("Ann Lee - Title").
        titled = headings + [i for i, b in enumerate(blocks) if b.kind == "line" and len(b.text) <= 160]
        first = [bool(speaker_first(blocks[i].text)) for i in titled]
        after = [bool(split_heading(blocks[i].text)[2]) for i in titled]
        people_first = sum(1 for f, a in zip(first, after, strict=True) if f and not a)
        ambiguous = sum(1 for f, a in zip(first, after, strict=True) if f and a)
        self._speaker_first = people_first >= 2 or (people_first >= 1 and ambiguous >= 1)
        self._paren_people = self._paren_people_layout()
        self._people_notes = self._people_notes_layout()
        colon_people = [
            b for b in blocks if b.kind in ("heading", "item") and speaker_prefix(b.text.partition("\n")[0])
        ]
        # "Ann Lee: Title" twice or more, or beside other headings that name their people: this notes' layout.
        named = any(split_heading(b.text.partition("\n")[0])[2] for b in blocks if b.kind == "heading" and b.level > 1)
        self._speaker_colon = len(colon_people) >= 2 or (len(colon_people) == 1 and named)
        said = [split_heading(b.text.partition("\n")[0]) for b in blocks if b.kind in ("heading", "item", "line")]
        self._comma_people = sum(1 for title, _, people in said if not people and comma_people_tail(title)) >= 2
        self._run_on_people = self._run_on_people_layout()
        h1 = [i for i in headings if blocks[i].level == 1]
        # The first heading, of level 1, titles the notes where no other level-1 heading is more than a day or a
        # closing section ("# Notes from X" over "# Friday, workshops at …" and "# Conclusion").
        sections = all(DAY_HEADING.match(blocks[i].text.strip()) or NON_TALK.match(blocks[i].text) for i in h1[1:])
        if h1 and h1[0] == headings[0] and (len(h1) == 1 or sections) and not DAY_HEADING.match(blocks[h1[0]].text):
            roles[h1[0]] = _Heading("title", blocks[h1[0]])
            self._title_index = h1[0]
        for i in headings:
            if i in roles:
                continue
            roles[i] = self._heading_role(i)
        self._sibling_roles(roles)
        self._session_field_roles(roles)
        if self.doc.format == "text":
            self._line_roles(roles)
            self._name_lines(roles)
        self._speaker_field_items(roles)
        self._talk_item_roles(roles)
        self._field_roles(roles)
        self._colon_leads(roles)
        self._lead_paragraph_roles(roles)
        self._linked_title_roles(roles)
        self._table_roles(roles)
        self._headings_over_talks(roles)
        self._group_sibling_roles(roles)
        self._nontalk_labels = {heading_label(blocks[i].text) for i, r in roles.items() if r.role == "nontalk"}
        return roles

    def _speaker_field_items(self, roles: dict[int, _Heading]) -> None:
        """The names listed under a "Speaker(s):" label ("**Intervenant(s) :**" then "- Pierre Zemb") are the
        speakers of the talk they are in, not talks."""
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            if block.kind not in ("paragraph", "line") or not SPEAKER_FIELD_LABEL.match(block.text.strip()):
                continue
            for k in range(i + 1, len(blocks)):
                words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in blocks[k].text.split()]
                if blocks[k].kind != "item" or not plausible_people(" ".join(words)):  # "Cécile MORANGE" too
                    break
                roles[k] = _Heading("byline", blocks[k])
                self._field_people.add(k)

    def _name_lines(self, roles: dict[int, _Heading]) -> None:
        """A line of a name alone right under a title line ("What Breaks Our Systems" / "Laura Nolan") is that
        talk's byline, not a talk of its own; where the notes are written so, a title-like line over a name line
        is a talk even if nothing else said so."""
        blocks = self.doc.blocks
        pairs = [
            i
            for i in sorted(roles)
            if roles[i].role == "talk"
            and blocks[i].kind == "line"
            and i > 0
            and blocks[i - 1].kind == "line"
            and plausible_people(blocks[i].text.strip())
            and not plausible_people(blocks[i - 1].text.strip())
        ]
        for i in pairs:
            above = roles.get(i - 1)
            if above is not None and above.role == "talk":
                roles[i] = _Heading("byline", blocks[i])
            elif above is None and len(pairs) >= 2 and _title_like(blocks[i - 1].text):
                roles[i - 1], roles[i] = _Heading("talk", blocks[i - 1]), _Heading("byline", blocks[i])

    def _people_notes_layout(self) -> set[int]:
        """Items that open with people (and their organisation in parentheses), then a colon or dash and what they
        told ("- Ann Lee (Acme): queues without copying."): untitled sessions, where two or more items read so, at
        least one of them plainly (no parenthesis, or one that names no person: "(Acme)"), and none opens with
        something that is not a name (which would make it "Title (Ann Lee): notes"). A bold lead-in is a title."""
        said = {
            b.start: m
            for b in self.doc.blocks
            if b.kind == "item" and not b.lead and (m := PEOPLE_NOTES.match(b.text.partition("\n")[0]))
        }
        if len(said) < 2 or not all(plausible_people(m.group("people")) for m in said.values()):
            return set()
        plain = [m for m in said.values() if not m.group("org") or not plausible_people(m.group("org"))]
        sentences = all(m.group("notes").rstrip().endswith((".", "!", "?")) for m in said.values())
        return set(said) if plain and sentences else set()

    def _run_on_people_layout(self) -> bool:
        """List items that run their title straight into their people ("- Abstraction distractions Neal Ford",
        "- Sonar Code Metrics Matthew J. McCullough. Notes"): the notes' layout where most items of the notes read
        so and two or more of them surely (with a handle, an initial or two people joined: a to-do list ending on
        "Apache Kafka" has none)."""
        items = [b for b in self.doc.blocks if b.kind == "item" and not b.lead]
        said = [run_on for b in items if (run_on := run_on_title_people(b.text.partition("\n")[0]))]
        return sum(1 for run_on in said if run_on.sure) >= 2 and len(said) * 5 >= len(items) * 3

    def _paren_people_layout(self) -> bool:
        """Two or more headings (or list items), and most of their kind, close with people in parentheses
        ("Scaling Queues (Ada Brown)"): then a closing parenthesis of a person's name is the speakers, while alone
        "Scaling Kubernetes (Part Two)" stays a title."""
        for kind in ("heading", "item", "row"):
            blocks = [b for b in self.doc.blocks if b.kind == kind and b.level != 1]
            with_people = sum(
                1
                for b in blocks
                if any(title_with_paren_people(line) for line in (b.cells or [b.text.partition("\n")[0]]))
            )
            if with_people >= 2 and with_people * 2 >= len(blocks):
                return True
        return False

    def _sibling_roles(self, roles: dict[int, _Heading]) -> None:
        """Headings of one shape are one kind of thing: where most headings of a level carry talk decorations
        ("Title by Speaker"), the others of that level are talks too, whatever their first word."""
        blocks = self.doc.blocks
        by_level: dict[int, list[int]] = {}
        for i, role in roles.items():
            if blocks[i].kind == "heading" and role.role in ("talk", "sub"):
                by_level.setdefault(blocks[i].level, []).append(i)
        for indices in by_level.values():
            decorated = [i for i in indices if talk_decorated(blocks[i].text)]
            if len(decorated) >= 2 and len(decorated) * 2 >= len(indices):
                for i in indices:
                    roles[i] = _Heading("talk", blocks[i])

    def _heading_role(self, i: int) -> _Heading:
        block = self.doc.blocks[i]
        text = block.text.strip()
        day_match = DAY_HEADING.match(text)
        if day_match:
            return _Heading("day", block, self._day_number(day_match))
        children = self._child_headings(i)
        if not talk_decorated(text) and self._groups_decorated_talks(children):
            return _Heading("group", block)  # "## Black Hat Asia" over "### Presentations" over "#### Title - Ann Lee"
        label = heading_label(text)
        if (
            label in self._recurring
            and not talk_decorated(text)
            and (self._parent_is_talk(i) or self._after_talk(i, label))
        ):
            self._section_labels.add(label)
            return _Heading("sub", block)  # "Key points", "Impression" under every talk: parts of each talk
        if (NON_TALK.match(text) and len(text.split()) <= 5) or (
            THANKS_OR_SPONSORS.match(text) and len(text.split()) <= 8
        ):
            return _Heading("nontalk", block)
        if children and not self._looks_like_group(children) and self._body_before_next_heading(i):
            return _Heading("talk", block)  # "Keynote" with its text and its own "Key points": one talk
        if GROUP_HEADING.match(text) or DATED_SECTION.match(text):
            return _Heading("group", block)
        body = self._body_before_next_heading(i)
        top = min((c.level for c in children), default=0)
        if not talk_decorated(text) and not_a_talk(text, body):
            return _Heading("nontalk", block)
        if any(talk_decorated(c.text) for c in children if c.level == top):
            return _Heading("group", block)  # its children carry talk decorations: it groups talks
        if talk_decorated(text):
            return _Heading("talk", block)  # "Title by Speaker", "Keynote: Title": its sub-headings are its parts
        if children and any(names_a_presenter(b.text) for b in body[:2] if b.kind != "heading"):
            return _Heading("talk", block)  # its own text says who presented it: its sub-headings are its parts
        if children and (not body or (len(children) >= 2 and self._looks_like_group(children))):
            return _Heading("group", block)
        if SUBHEADING.match(text) and self._parent_is_talk(i):
            return _Heading("sub", block)
        return _Heading("talk", block)

    @staticmethod
    def _groups_decorated_talks(children: list[Block]) -> bool:
        """Two or more of the headings below carry talk decorations ("Title - Ann Lee", "Keynote: Title"), and
        most of their level do: those are the talks, and the headings above them, at any depth, group them."""
        levels: dict[int, list[bool]] = {}
        for child in children:
            levels.setdefault(child.level, []).append(talk_decorated(child.text))
        return any(sum(flags) >= 2 and sum(flags) * 2 >= len(flags) for flags in levels.values())

    def _child_headings(self, i: int) -> list[Block]:
        level = self.doc.blocks[i].level
        children = []
        for j in range(i + 1, len(self.doc.blocks)):
            block = self.doc.blocks[j]
            if block.kind == "heading" and j not in self._bylines:
                if block.level <= level:
                    break
                children.append(block)
        return children

    def _body_before_next_heading(self, i: int) -> list[Block]:
        body = []
        for j in range(i + 1, len(self.doc.blocks)):
            block = self.doc.blocks[j]
            if block.kind == "heading" and j not in self._bylines:
                break
            body.append(block)
        return body

    def _looks_like_group(self, children: list[Block]) -> bool:
        """Children that read like talk titles (not 'Demo', 'Why?', nor a label that recurs under every talk)
        make their parent a group."""
        top = min(c.level for c in children)
        direct = [c for c in children if c.level == top]
        subheadings = sum(
            1
            for c in direct
            if SUBHEADING.match(c.text)
            or c.text.endswith("?")
            or NON_TALK.match(c.text)
            or heading_label(c.text) in self._recurring
        )
        return subheadings < len(direct) / 2

    def _after_talk(self, i: int, label: str) -> bool:
        """A label used elsewhere as a talk's section, right after a talk's heading: that section again, even
        written at the talk's own level."""
        previous = next((j for j in range(i - 1, -1, -1) if self.doc.blocks[j].kind == "heading"), None)
        return (
            label in self._section_labels
            and previous is not None
            and self._known_roles.get(previous)
            in (
                _Heading("talk", self.doc.blocks[previous]),
                _Heading("sub", self.doc.blocks[previous]),
            )
        )

    def _parent_is_talk(self, i: int) -> bool:
        """The heading above this one is a talk (not a day, a group, or the document's own title)."""
        level = self.doc.blocks[i].level
        for j in range(i - 1, -1, -1):
            block = self.doc.blocks[j]
            if block.kind == "heading" and block.level < level:
                if j in self._known_roles:  # decided already (headings are read in order): trust that
                    return self._known_roles[j].role in ("talk", "sub")
                return not (DAY_HEADING.match(block.text) or GROUP_HEADING.match(block.text) or j == self._title_index)
        return False

    def _line_roles(self, roles: dict[int, _Heading]) -> None:
        """Plain text: decide which bare lines are days, groups, talk titles or non-talk sections."""
        blocks = self.doc.blocks
        first = True
        previous_role = None
        for i, block in enumerate(blocks):
            if block.chrome:
                continue  # a page's menu or date before the post's title: the title is still the first line
            if block.kind != "line":
                previous_role = None
                first = False
                continue
            text = block.text.strip()
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            role = None
            if first and heading_like(text):
                role = _Heading("title", block)
            elif (m := DAY_HEADING.match(text)) and len(text.split()) <= 6:
                role = _Heading("day", block, self._day_number(m))
            elif GROUP_HEADING.match(text) or TRACK_LINE.match(text):
                role = _Heading("group", block)
            elif (
                (NON_TALK.match(text) or THANKS_OR_SPONSORS.match(text))
                and len(text.split()) <= 6
                and not text.endswith(".")
            ):
                role = _Heading("nontalk", block)
            elif (
                heading_like(text) and nxt is not None and not speaker_field(text)
            ):  # "Speaker: Ann Lee" titles nothing
                followed_by_link = nxt.kind == "line" and SLIDES.match(nxt.text.strip())
                after_group = previous_role in ("day", "group")
                if followed_by_link or after_group or _title_case(text):
                    role = _Heading("talk", block)
            first = False
            previous_role = role.role if role else None
            if role:
                roles[i] = role
        self._decorated_line_runs(roles)
        self._sibling_lines(roles)

    def _decorated_line_runs(self, roles: dict[int, _Heading]) -> None:
        """Two or more bare lines in a row that each name a session with its people ("East Coast – John Willis
        (Docker) – Title" / "West Coast – Chris Morgan (Red Hat) – Title") are a list of talks, whatever their case."""
        blocks = self.doc.blocks

        def names_a_session(i: int) -> bool:
            return (
                blocks[i].kind == "line"
                and not blocks[i].chrome
                and roles.get(i, _Heading("talk", blocks[i])).role == "talk"
                and bool(split_heading(blocks[i].text.strip())[2])
            )

        for sure, run in itertools.groupby(range(len(blocks)), key=names_a_session):
            lines = list(run)
            if sure and len(lines) >= 2:
                for i in lines:
                    roles[i] = _Heading("talk", blocks[i])

    def _sibling_lines(self, roles: dict[int, _Heading]) -> None:
        """A bare line laid out like the talk titles around it (after a talk's text, before a paragraph) is a
        title too, even when it is not in Title Case ("Tracing 3.0", "Capacity planning with spreadsheets")."""
        blocks = self.doc.blocks

        def body(block: Block) -> bool:
            if block.chrome:
                return False
            return block.kind in ("paragraph", "item") or (block.kind == "line" and not heading_like(block.text))

        def layout(i: int) -> str | None:
            """What follows a title line: a slides link, or the talk's text straight away."""
            if i + 1 >= len(blocks) or not (i > 0 and (body(blocks[i - 1]) or i - 1 in roles)):
                return None
            nxt = blocks[i + 1]
            if nxt.kind == "line" and speaker_field(nxt.text) and i + 2 < len(blocks):
                nxt = blocks[i + 2]  # "Speaker: Ann Lee" between a title and its text
            return "slides" if SLIDES.match(nxt.text.strip()) else ("text" if body(nxt) else None)

        titles = [layout(i) for i, r in roles.items() if r.role == "talk" and blocks[i].kind == "line"]
        if any(title != "text" for title in titles):
            return  # only where every title found so far is followed by its text, like the candidates
        candidates = [
            i
            for i, block in enumerate(blocks)
            if block.kind == "line"
            and not block.chrome
            and i not in roles
            and layout(i) == "text"
            and heading_like(block.text.strip())
            and not block.text.strip().endswith("?")
            and not SUBHEADING.match(block.text.strip())
            and not author_box(block.text, blocks[i + 1 : i + 2])
            and not speaker_field(block.text)
        ]
        if len(titles) >= 2:
            first = min(i for i, r in roles.items() if r.role == "talk")
            candidates = [i for i in candidates if i > first]
        elif len(titles) + len(candidates) < 3:
            return  # with no title to follow, three lines of that layout make it the notes' own
        for i in candidates:
            roles[i] = _Heading("talk", blocks[i])

    def _talk_item_roles(self, roles: dict[int, _Heading]) -> None:
        """Lists of talks ("• Title by Speaker", "- **Title**: what it was about"): each such item starts a talk
        when most items of the list have that shape. Bold lead-ins inside a talk are its points, not talks."""
        blocks = self.doc.blocks
        for i, j in self._runs("item"):
            top = min(b.level for b in blocks[i:j])
            items = [k for k in range(i, j) if blocks[k].level == top]
            labels = {k: label for k in items if (label := self._item_label(blocks[k])) is not None}
            if len(labels) < len(items) or not any(blocks[m].level > top for m in range(i, j)):
                self._talk_items(roles, items, self._context_role(roles, i))
                continue
            for k, end in zip(items, [*items[1:], j], strict=True):  # "- Keynotes", "• Day 1:" over their talks
                roles[k] = labels[k]
                self._talk_items(roles, [m for m in range(k + 1, end) if blocks[m].level == top + 1], "group")

    def _item_label(self, block: Block) -> _Heading | None:
        """A list item that only names a group of talks ("Keynotes") or a day ("Day 2:"), as a heading would."""
        text = block.text.strip()
        if "\n" in text:
            return None
        if (day := DAY_HEADING.match(text)) and not names_more_than_a_day(text):
            return _Heading("day", block, self._day_number(day))
        return _Heading("group", block) if GROUP_HEADING.match(text) else None

    def _talk_items(self, roles: dict[int, _Heading], items: list[int], context: str | None) -> None:
        """The items of one list level start talks when most of them have a talk's shape."""
        blocks = self.doc.blocks
        grouped = context in ("group", "day")  # right under "Talks I saw" or "Day 2": a list of titles
        # Outside any section, a list of three or more titles in Title Case is a list of talks too.
        titled = context in (None, "title") and len(items) >= 3
        labels = [k for k in items if GROUP_HEADING.match(blocks[k].text.strip())]
        fillers = [k for k in items if schedule_filler(blocks[k].text.partition("\n")[0])]  # "Coffee break"
        items = [k for k in items if k not in labels and k not in fillers]
        if not items or sum(1 for k in items if EVENT_NAME.search(blocks[k].text.partition("\n")[0])) * 2 > len(items):
            return  # "Render Conference (Website)", "DeltaV Conf": a list of events, not of talks
        with_people = [
            k
            for k in items
            if blocks[k].start in self._people_notes
            or split_heading(self._item_heading_of(blocks[k]), [text for text, _ in blocks[k].links])[2]
            or (self._speaker_colon and speaker_prefix(blocks[k].text.partition("\n")[0]))
        ]
        above = self._context_index(roles, items[0])
        # Three or more items, each only a link with a title's words ("- [Liveblog: Cloud Native Infrastructure][5]"),
        # outside any talk or under a plain heading: links to the author's notes of each session.
        linked = (
            len(items) >= 3
            and all(_link_only(blocks[k]) and len(blocks[k].text.split()) >= 2 for k in items)
            and all(heading_like(blocks[k].text) for k in items)
            and (context in (None, "title", "group", "day") or self._list_alone_under(above, items, roles))
        )
        talk_items = [
            k
            for k in items
            if k in with_people
            or linked
            or (blocks[k].lead and context not in ("talk", "nontalk", "sub"))
            or (grouped and "\n" not in blocks[k].text and (_title_like(blocks[k].text) or self._has_sub_items(k)))
            or (titled and "\n" not in blocks[k].text and _title_like(blocks[k].text) and _title_case(blocks[k].text))
            or _linked_talk_page(blocks[k])
        ]
        if context in (None, "title", "talk") and self._presenter_list(roles, items):
            return
        lone = grouped and len(items) == 1 and with_people == items  # "Day 2" over one "Title (Ann Lee)"
        if not lone and (len(talk_items) < 2 or len(talk_items) < len(items) * 0.6):
            return
        if grouped or titled:  # a list of titles: its other one-line items are titles too
            one_line = [k for k in items if "\n" not in blocks[k].text and heading_like(blocks[k].text)]
            talk_items = [k for k in items if k in talk_items or k in one_line]
        for k in talk_items:
            roles[k] = _Heading("talk", blocks[k])
        people_leads = [k for k in talk_items if blocks[k].lead and _people_lead(blocks[k])]
        if len(people_leads) >= 2 and len(people_leads) * 2 > sum(1 for k in talk_items if blocks[k].lead):
            self._people_leads.update(blocks[k].start for k in people_leads)
        for k in labels:
            roles[k] = _Heading("group", blocks[k])  # "Keynotes" among the titles: it groups the ones after it
        for k in fillers:
            roles[k] = _Heading("nontalk", blocks[k])
        if self._plain_talk_heading(above, roles):
            roles[above] = _Heading("group", blocks[above])  # "Other talks" over a list of talks

    def _list_alone_under(self, k: int | None, items: list[int], roles: dict[int, _Heading]) -> bool:
        """Heading k is a plain heading whose section is these items, after one paragraph at most ("## Liveblogs",
        "The ones I posted:", then the list): it heads the list, it is no talk of its own."""
        if not self._plain_talk_heading(k, roles):
            return False
        body = self._body_before_next_heading(k)
        return sum(1 for b in body if b.kind != "item") <= 1 and sum(1 for b in body if b.kind == "item") == len(items)

    def _item_heading_of(self, item: Block) -> str:
        """An item's heading (item_heading) as the notes' layouts read it."""
        return item_heading(item.text, item.links, item.tail, self._paren_people, self._run_on_people, item.emphasis)[0]

    def _has_sub_items(self, k: int) -> bool:
        """Item k has items of its own under it: under a group of sessions, a title over its notes."""
        after = self.doc.blocks[k + 1] if k + 1 < len(self.doc.blocks) else None
        return after is not None and after.kind == "item" and after.level > self.doc.blocks[k].level

    def _presenter_list(self, roles: dict[int, _Heading], items: list[int]) -> bool:
        """A list whose items each open with a different person presenting ("- Ann Lee showed …", "- Tom Reyes
        explained …"), outside any talk or under a plain heading: one untitled session per item, the heading
        their group. True when the list was read so."""
        blocks = self.doc.blocks
        said = {k: m for k in items if (m := PRESENTER.match(blocks[k].text))}
        presenting = [k for k, m in said.items() if plausible_people(m.group("people"))]
        people = {prose_people(said[k].group("people")) for k in presenting}
        above = self._context_index(roles, items[0])
        if (
            len(presenting) < 2
            or len(people) < len(presenting)
            or len(presenting) < len(items) * 0.6
            or (above is not None and roles[above].role == "talk" and not self._plain_talk_heading(above, roles))
        ):
            return False
        for k in presenting:
            roles[k] = _Heading("talk", blocks[k])
            self._presenter_items.add(blocks[k].start)
        if above is not None and roles[above].role == "talk":
            roles[above] = _Heading("group", blocks[above])
        return True

    def _headings_over_talks(self, roles: dict[int, _Heading]) -> None:
        """A plain heading taken for a talk whose section starts two or more talks of its own (items, paragraphs,
        rows) groups them: "Sessions That Caught My Eye" over "1. **Session: Title**" and its fields, twice."""
        blocks = self.doc.blocks
        for i, role in list(roles.items()):
            if role.role != "talk" or blocks[i].kind != "heading":
                continue
            inside = self._body_before_next_heading(i)
            starts = sum(1 for k in range(i + 1, i + 1 + len(inside)) if k in roles and roles[k].role == "talk")
            if starts >= 2 and self._plain_talk_heading(i, roles):  # the costlier test only where it can matter
                roles[i] = _Heading("group", blocks[i])

    def _group_sibling_roles(self, roles: dict[int, _Heading]) -> None:
        """A plain heading beside headings that group talks (the same level, the same parent) is a section of the
        same kind: where it holds no talk of its own it is the author's remarks ("A torrent of technologies",
        "How to see the recordings"), not a talk."""
        blocks = self.doc.blocks
        headings = [i for i in roles if blocks[i].kind == "heading"]
        anchored = {heading_label(text) for b in blocks for text, href in b.links if href.startswith("#")}
        grouping = {
            blocks[i].level
            for i in headings
            if roles[i].role == "group" and i not in self._contents and self._holds_talks(i, roles)
        }
        for i in headings:
            if (
                blocks[i].level in grouping
                and roles[i].role == "talk"
                and not talk_decorated(blocks[i].text)
                and blocks[i].start not in self._field_titles  # "## Talk 1" over "Topic: Title" names its talk
                and not self._parent_is_talk(i)
                and not self._holds_talks(i, roles)
                and not any(names_a_presenter(b.text) for b in self._body_before_next_heading(i)[:2])
                and heading_label(blocks[i].text) not in anchored  # a contents entry links to it: a talk written out
                and not self._opens_with_byline(i)  # "# Title" over "## Ann Lee @acme": a talk with its byline
            ):
                roles[i] = _Heading("nontalk", blocks[i])

    def _opens_with_byline(self, i: int) -> bool:
        """Heading i is followed at once by a line or heading that only names its speakers with their employers."""
        after = self.doc.blocks[i + 1] if i + 1 < len(self.doc.blocks) else None
        return i + 1 in self._bylines or (
            after is not None and after.kind in ("paragraph", "line") and byline_heading(after.text)
        )

    def _holds_talks(self, i: int, roles: dict[int, _Heading]) -> bool:
        """A talk starts under heading i before the next heading of its level or above."""
        level = self.doc.blocks[i].level
        for j in range(i + 1, len(self.doc.blocks)):
            block = self.doc.blocks[j]
            if block.kind == "heading" and block.level <= level:
                return False
            if j in roles and roles[j].role == "talk":
                return True
        return False

    def _field_roles(self, roles: dict[int, _Heading]) -> None:
        """Blocks that open with a title field ("Talk: Scaling Queues", "**Title:** …", a "Speaker:" line below it):
        talks where the notes use that layout two or more times."""
        blocks = self.doc.blocks
        fields = [
            i
            for i, b in enumerate(blocks)
            if b.kind in ("paragraph", "line", "item") and i not in roles and FIELD_TITLE.match(b.text)
        ]
        if len(fields) >= 2:
            for i in fields:
                roles[i] = _Heading("talk", blocks[i])

    def _session_field_roles(self, roles: dict[int, _Heading]) -> None:
        """Headings that only label a session ("## Talk 1", "## Keynote-Speaker", "## Workshop"), each followed by
        a title field ("Topic: Reporting on Reliability"): where two or more headings read so, each is a talk titled
        by its field, of the kind its label says, and the field is no text of the talk."""
        blocks = self.doc.blocks
        labelled = {
            i: (i + 1, field.group("title").strip())
            for i, b in enumerate(blocks[:-1])
            if b.kind == "heading"
            and LABEL_HEADING.match(b.text.strip())  # "## Rust at Scale - Ann Lee" over "Topic: …" keeps its title
            and blocks[i + 1].kind in ("paragraph", "line")
            and (field := SESSION_FIELD.match(blocks[i + 1].text.strip()))
        }
        if len(labelled) < 2:
            return
        for i, (k, title) in labelled.items():
            roles[i], roles[k] = _Heading("talk", blocks[i]), _Heading("field", blocks[k])
            self._field_titles[blocks[i].start] = (title, blocks[k].start + blocks[k].text.find(title))

    def _colon_leads(self, roles: dict[int, _Heading]) -> None:
        """Paragraphs that open with a title and a colon, then their sentences ("Scaling queues without tears: Ada
        explained …"): where three or more paragraphs of the notes read so, each title is a lead-in like a bold one
        (a label such as "Note:" or a person's name before the colon is not)."""
        leads = {
            i: said
            for i, block in enumerate(self.doc.blocks)
            if block.kind in ("paragraph", "line")
            and not block.lead
            and i not in roles
            and (said := _colon_lead(block.text))
        }
        if len(leads) >= 3:
            for i, said in leads.items():
                self.doc.blocks[i].lead = said

    def _lead_paragraph_roles(self, roles: dict[int, _Heading]) -> None:
        """Paragraphs that open with an emphasised title and a dash ("*Title* – Ann Lee showed …"), or one-line
        paragraphs that name a talk and its people ("Ann Lee (Acme) - [Title](…)"): talks where a section holds two
        or more of them, and the section's plain heading groups them."""
        leads = [
            i
            for i, block in enumerate(self.doc.blocks)
            if (block.kind == "paragraph" and (block.lead or _talk_line(block)))
            or (block.kind == "line" and block.lead)
        ]
        self._talks_where_a_section_holds_two(roles, leads)

    def _linked_title_roles(self, roles: dict[int, _Heading]) -> None:
        """Bare title lines each followed by a line that only links the talk's material ("https://…", "Slides: …",
        a link named "video") or only names its people ("Ana Silva - Foo Corp"), in the same paragraph or the next
        one, and list items alone in their list over a paragraph ("1. Title" / its text): talks where a section holds
        two or more of them, and the section's plain heading groups them."""
        titles = [
            i
            for i in range(len(self.doc.blocks))
            if i not in roles and (self._linked_title(i, roles) or self._item_over_text(i) or self._link_over_text(i))
        ]
        self._talks_where_a_section_holds_two(roles, titles)

    def _talks_where_a_section_holds_two(self, roles: dict[int, _Heading], found: list[int]) -> None:
        """The blocks found start talks where a section holds two or more of them (outside no-talk sections and
        talks with decorated headings); a plain heading over them groups them."""
        sections: dict[int | None, list[int]] = {}
        for i in found:
            if not FIELD_LABEL.match(self.doc.blocks[i].text):  # "Session Link: [Title](…)" is the talk's field
                sections.setdefault(self._context_index(roles, i), []).append(i)
        for above, starts in sections.items():
            role = roles[above].role if above is not None else None
            if (
                len(starts) < 2
                or role in ("nontalk", "sub")
                or (role == "talk" and not self._plain_talk_heading(above, roles))
            ):
                continue
            for i in starts:
                roles[i] = _Heading("talk", self.doc.blocks[i])
            if above is not None and role == "talk":
                roles[above] = _Heading("group", self.doc.blocks[above])

    def _item_over_text(self, i: int) -> bool:
        """ "1. Scaling Queues" alone in its list, then a paragraph: a numbered or bulleted title over its text."""
        blocks = self.doc.blocks
        block = blocks[i]
        text = block.text.strip()
        return (
            block.kind == "item"
            and "\n" not in text
            and (i == 0 or blocks[i - 1].kind != "item")
            and i + 1 < len(blocks)
            and blocks[i + 1].kind in ("paragraph", "line")
            and not blocks[i + 1].chrome
            and _title_like(text)
            and not NON_TALK.match(text)
            and not schedule_filler(text)
        )

    def _link_over_text(self, i: int) -> bool:
        """A line that is one link and nothing else ("[Title](video)"), then the notes on it in the next block."""
        blocks = self.doc.blocks
        block, nxt = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
        return (
            block.kind in ("paragraph", "line")
            and _link_only(block)
            and nxt is not None
            and nxt.kind in ("paragraph", "line", "item")
            and not nxt.chrome
            and not _link_only(nxt)
            and not NON_TALK.match(block.text.strip())
        )

    def _linked_title(self, i: int, roles: dict[int, _Heading]) -> bool:
        """Block i opens with a bare title line, and the rest of it (or, when it is that line alone, the next
        block) is one to three lines that each only link material or only name people."""
        blocks = self.doc.blocks
        block = blocks[i]
        if block.kind not in ("paragraph", "line", "item") or block.lead or block.aside:
            return False
        title, _, more = block.text.partition("\n")
        if (
            len(title) > 120
            or title.rstrip().endswith((".", "!", "?", ",", ";"))
            or (block.kind == "item" and not more)
        ):
            return False  # a sentence, not a title; an item's link or people are on its own lines
        rest = more.split("\n") if more else []
        links = block.links
        if not rest:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or nxt.kind not in ("paragraph", "line") or (i + 1) in roles:
                return False
            rest, links = nxt.text.split("\n"), nxt.links
        if (
            not 1 <= len(rest) <= 3
            or any(len(line) > 160 for line in rest)
            or not all(
                _link_line(line, links) or (len(line.split()) <= 10 and byline_speakers(line, dashed=True))
                for line in rest
            )
        ):
            return False  # the cheaper test first: most blocks go on with their text
        title = title.strip()
        return not (
            not _title_like(title)
            or _link_line(title, block.links)
            or NON_TALK.match(title)
            or schedule_filler(title)
            or speaker_field(title)
            or LINK_LINE_WORDS.fullmatch(title)  # "Video" over its link: what is linked, not a title
            or bool(SAID_BY.match(title) and byline_speakers(title))  # "(by Ann Lee)" over the talk's page: its people
        )

    def _table_roles(self, roles: dict[int, _Heading]) -> None:
        """Table rows whose title column reads like talk titles: each row is a talk (see _table_columns)."""
        blocks = self.doc.blocks
        for i, j in self._runs("row"):
            rows = [blocks[k].cells for k in range(i, j)]
            columns = _table_columns(blocks[i].header, rows)
            anchors = sum(1 for k in range(i, j) if any(href.startswith("#") for _, href in blocks[k].links))
            context = self._context_index(roles, i)
            if (
                anchors * 2 > j - i
                and context is not None
                and roles[context].role in ("talk", "group")
                and not talk_decorated(blocks[context].text)
            ):
                # Rows that link to sections of this page: the post's contents. Its heading is no talk; its rows
                # are talks where they list talks (merged with their written-out sections later).
                roles[context] = _Heading("group" if columns is not None else "nontalk", blocks[context])
                self._contents.add(context)
            role = roles[context].role if context is not None else None
            if columns is not None and self._plain_talk_heading(context, roles):
                roles[context], role = _Heading("group", blocks[context]), "group"  # "Programme" over a table of talks
            named = any(TALKS_COLUMN.search(h) for h in blocks[i].header)
            if columns is not None and (role not in ("talk", "nontalk", "sub") or (role == "sub" and named)):
                # under a recurring section ("### Talks mentioned" in each part), a column named for talks still
                # lists talks
                for k in range(i, j):
                    roles[k] = _Heading("talk", blocks[k])
                    self._row_columns[blocks[k].start] = columns

    def _runs(self, kind: str) -> Iterator[tuple[int, int]]:
        """Each maximal run [i, j) of blocks of one kind (rows: of one table, the same header)."""
        blocks = self.doc.blocks
        i = 0
        while i < len(blocks):
            if blocks[i].kind != kind:
                i += 1
                continue
            j = i + 1
            while j < len(blocks) and blocks[j].kind == kind and blocks[j].header == blocks[i].header:
                j += 1
            yield i, j
            i = j

    def _plain_talk_heading(self, k: int | None, roles: dict[int, _Heading]) -> TypeGuard[int]:
        """A heading taken for a talk that has no talk decoration and is not inside a talk: over a list or table
        of talks it is their group ("Other talks", "Programme"); inside a talk ("Comparison") it stays a part."""
        return (
            k is not None
            and roles[k].role == "talk"
            and self.doc.blocks[k].kind == "heading"
            and not talk_decorated(self.doc.blocks[k].text)
            and not self._parent_is_talk(k)
        )

    def _context_role(self, roles: dict[int, _Heading], i: int) -> str | None:
        """The role of the nearest heading or title line above block i."""
        k = self._context_index(roles, i)
        return roles[k].role if k is not None else None

    def _context_index(self, roles: dict[int, _Heading], i: int) -> int | None:
        for k in range(i - 1, -1, -1):
            if k in roles and self.doc.blocks[k].kind in ("heading", "line"):
                return k
        return None

    def _day_number(self, match: re.Match) -> int | None:
        groups = match.groupdict()
        if groups.get("num"):
            num = groups["num"].lower()
            return int(num) if num.isdigit() else DAY_NUMBER_WORDS[num]
        if groups.get("ord"):
            return DAY_NUMBER_WORDS[groups["ord"].lower()]
        if not groups.get("weekday"):
            return None
        weekday = groups["weekday"].lower()
        return self.weekday_days.setdefault(weekday, len(self.weekday_days) + 1)

    # talks

    def _start_talk(self, block: Block, day: int | None, keynote_scope: bool) -> tuple[Talk, bool]:
        """The talk a heading starts, and whether its kind came from its group rather than its heading."""
        if block.kind == "item":
            heading, notes = item_heading(
                block.text, block.links, block.tail, self._paren_people, self._run_on_people, block.emphasis
            )
        else:
            heading, notes = block.text.partition("\n")[::2]
            if (field := FIELD_TITLE.match(heading)) and not KIND_PREFIX.match(heading):
                heading = field.group("title")  # "Title: Scaling Queues": the field's value
        extra: list[Block] = []
        title_at: int | None = None  # where the title is written, when not in the block itself
        derived = block.start in self._presenter_items or block.start in self._people_notes
        if derived:  # "- Ann Lee showed …": a session the notes give no title, the whole item its text
            page = next(iter(talk_pages(block)), None)  # unless it links the talk's page: its text is the title
            title, kind, notes = page or _derived_title(block.text), None, ""
            derived = page is None
            presenter = PRESENTER.match(block.text)
            speakers = [Speaker(n) for n in split_names(prose_people(presenter.group("people")))] if presenter else []
            if block.start in self._people_notes and (said := PEOPLE_NOTES.match(block.text)):
                org = strip_legal(said.group("org")) if said.group("org") else None
                speakers = [Speaker(name, org) for name in split_names(said.group("people"))]
            extra.append(Block("paragraph", block.text, block.start))
        elif block.kind == "row":
            title, kind, speakers, extra = self._row_talk(block)
        elif block.start in self._people_leads:  # "- **Ann Lee** – Title": the bold names the people
            title, kind, _ = split_heading(_after_lead(block))
            title = title[:-1] if re.search(r"[a-z]{3}\.$", title) else title  # "*Budgets for All.*": it closes
            speakers = speaker_list(block.lead)
        elif block.lead:
            rest = heading[heading.find(block.lead) + len(block.lead) :].strip(" *:")
            label = re.match(r"^\((?P<words>[^()]*)\)\s*", rest)  # "**Title** ([details](…)), Ann Lee (Acme)"
            if label and LINK_LINE_WORDS.fullmatch(label.group("words")):
                rest = re.sub(r"^,\s*", "- ", rest[label.end() :])
            people = block.kind == "item" and split_heading(block.lead + " " + rest)[2]  # a paragraph's is prose
            title, kind, speakers = split_heading(f"{block.lead} {rest}" if people else block.lead)
            said = LEAD_BY.match(rest) if block.kind == "item" and not speakers else None
            if said and plausible_people(said.group("people")):  # "**Title** av *Ann Lee* visade …"
                speakers, rest = (
                    [Speaker(name) for name in split_names(prose_people(said.group("people")))],
                    rest[said.end() :],
                )
            if block.kind == "paragraph" and speakers:  # "*Apache Kafka: The rise of …*" is a title, not people
                title, speakers = KIND_PREFIX.sub("", block.lead).strip(), []
            if not speakers and rest.strip(" -–—|"):
                start = block.start + heading.find(rest) if rest in heading else block.start
                extra.append(Block("paragraph", rest.strip(" -–—|"), start + len(rest) - len(rest.lstrip(" -–—|"))))
        elif block.start in self._field_titles:  # "## Talk 1" over "Topic: Title": the field titles it
            field_title, title_at = self._field_titles[block.start]
            title, kind, speakers = split_heading(field_title)
            kind = kind or kind_in(heading)
        else:
            title, kind, speakers = split_heading(heading, [text for text, _ in block.links])
            first = speaker_first(KIND_PREFIX.sub("", heading.strip())) if self._speaker_first else None
            # "Hidde de Vries - Dialogs & Popovers": a tail of one-word names (or none) names no one whole
            one_word_names = all(len(name.split()) == 1 for p in speakers for name in split_names(p.name))
            if first and (one_word_names or common_words(first[1]) <= common_words(speakers)):
                title, speakers = first  # this notes' layout puts people first: "Ann Lee - Acme - Title"
            if not speakers and self._paren_people and (closing := title_with_paren_people(title)):
                title, speakers = closing  # this notes' layout closes a title with its people: "Title (Ann Lee)"
            if not speakers and self._speaker_colon and (opening := speaker_prefix(title)):
                title, speakers = opening  # this notes' layout opens with the people: "Ann Lee: Title"
            if not speakers and self._comma_people and (tail := comma_people_tail(title)):
                title, speakers = tail  # this notes' layout closes a title with people after commas
        scoped_kind = kind is None
        if block.kind == "heading" and block.level <= self._group_level:
            self._group_kind = None  # a sibling of the group heading, not under it
        if kind is None:
            kind = "keynote" if keynote_scope else (self._group_kind or "talk")
        title_start = title_at if title_at is not None else block.start + max(block.text.find(title), 0)
        talk = Talk(title=title, kind=kind, day=day, position=len(self.talks), start=title_start, speakers=speakers)
        talk.title_derived = derived
        talk.slides.extend(href for text, href in block.links if href and SLIDES.match(f"link to {text}"))
        talk.blocks.extend(extra)
        if notes.strip():
            # The notes as written in the block: the heading may have been rebuilt ("Title by Ann Lee").
            offset = block.text.find(notes.strip())
            offset = offset if offset >= 0 else len(heading) + 1 + (len(notes) - len(notes.lstrip()))
            talk.blocks.append(Block("paragraph", notes.strip(), block.start + offset))
        self.talks.append(talk)
        return talk, scoped_kind

    def _row_talk(self, block: Block) -> tuple[str, str | None, list[Speaker], list[Block]]:
        """A table row → title, kind, speakers, and its other cells as the talk's text."""
        title_col, speaker_col, org_col, labels = self._row_columns[block.start]
        width = max(len(block.header), 1 + max(c for c in (title_col, speaker_col, org_col, *labels) if c is not None))
        cells = block.cells + [""] * (width - len(block.cells))  # a row may be shorter than the table
        title, kind, speakers = split_heading(cells[title_col])
        if not speakers and self._paren_people and (said := title_with_paren_people(title)):
            title, speakers = said  # "Title (Ann Lee)" in the title column
        if speaker_col is not None and speakers:  # the speakers have their own column: this cell is all title
            title = split_heading(KIND_PREFIX.sub("", cells[title_col]), [cells[title_col]])[0]
        if speaker_col is not None and cells[speaker_col]:
            org = strip_legal(cells[org_col]) if org_col is not None and cells[org_col].strip() else None
            people = speaker_list(re.sub(r"\s*·\s*", "; ", cells[speaker_col]))
            speakers = [Speaker(p.name, org or p.affiliation) for p in people] or [
                Speaker(name, org) for name in split_names(cells[speaker_col]) if plausible_people(name)
            ]
        used = {title_col, speaker_col, org_col, *labels}  # labels: "Watch Here", "Slides", the same in each row
        extra = []
        for n, cell in enumerate(cells):
            if n not in used and cell and not URL.fullmatch(cell) and not TIME_OR_NUMBER.fullmatch(cell):
                extra.append(Block("paragraph", cell, block.start + max(block.text.find(cell), 0)))
        return title, kind, speakers, extra

    @staticmethod
    def _note_slides(talk: Talk, block: Block) -> bool:
        """Record a "Link to slides" block; True when the block was one."""
        if not SLIDES.match(block.text.strip()):
            return False
        talk.has_slides = True
        talk.slides = list(dict.fromkeys([*talk.slides, *(href for _, href in block.links if href)]))
        return True

    @staticmethod
    def _under(block: Block, group: Block) -> bool:
        """The block is one of the group's own talks: an item or row of its list, or a deeper heading."""
        return (
            block.kind in ("item", "row")
            or bool(block.lead)
            or (block.kind == "heading" and group.kind == "heading" and block.level > group.level)
        )

    def _talks_mentioned_in_prose(self, day: int | None, fewest: int = 2) -> None:
        """Notes with no talk found by their structure: the talks their paragraphs and items name in passing or
        say someone presented (_talks_mentioned), when they name two or more in all, even one per paragraph (a
        list whose items each link a talk's page; `fewest` in all). The paragraphs naming none are left for the
        people presenting (_presenter_sessions), and all of them are when the notes name fewer."""
        everything = self.outside
        prose = [b for b in everything if b.kind in ("paragraph", "line", "item") and not (b.chrome or b.aside)]
        taken = {id(b) for b in prose}
        self.outside = [b for b in everything if id(b) not in taken]
        if self._talks_mentioned(prose, day, keynote_scope=False, presenters=True, spread=True, fewest=fewest):
            self.outside.sort(key=lambda block: block.start)
        else:
            self.outside = everything

    def _talks_mentioned(
        self,
        blocks: list[Block],
        day: int | None,
        keynote_scope: bool,
        presenters: bool = True,
        spread: bool = False,
        fewest: int = 2,
    ) -> bool:
        """Prose (under a day or group heading, or notes with no structure) that names talks in passing
        (mentioned_talks): two or more in one paragraph, or, with `spread`, `fewest` or more in all the blocks
        together. One talk per mention, with the text from the sentence naming it to the next mention's (a list item
        naming one talk: the whole item). A
        paragraph naming none goes on with the last talk only when it opens as a continuation ("He also …");
        otherwise it is the author's own story (dinner, travel), in no talk."""
        mentions = [(block, mentioned_talks(block, presenters)) for block in blocks]
        counts = [len(found) for _, found in mentions]
        if (sum(counts) if spread else max(counts, default=0)) < (fewest if spread else 2):
            # a talk per paragraph at most: the paragraphs are the sessions (below); one alone, named with who gave
            # it, is kept for the last resort
            self._one_mention = spread and sum(counts) == 1 and any(m.people for _, found in mentions for m in found)
            return False
        current: Talk | None = None
        for block, found in mentions:
            if not found:
                if current is not None and CONTINUATION.match(block.text):
                    current.blocks.append(block)
                else:
                    self.outside.append(block)
                continue
            # a list item naming one talk is all about it; in a paragraph, its text starts with the sentence naming it
            whole = block.kind == "item" and len(found) == 1
            cuts = [0] if whole else [sentence_start(block.text, m.start) for m in found]
            if block.text[: cuts[0]].strip():
                self.outside.append(block_piece(block, 0, cuts[0]))
            pieces = [block_piece(block, a, b) for a, b in zip(cuts, [*cuts[1:], len(block.text)], strict=True)]
            for mention, piece in zip(found, pieces, strict=True):
                kind = mention.kind if mention.kind != "talk" or not keynote_scope else "keynote"
                current = Talk(mention.title, kind, day, 0, block.start + mention.start)
                current.blocks = [piece] if piece.text.strip() else []
                current.speakers = [Speaker(name, mention.organisation) for name in mention.people]
                self._add_talk(current)
        return True

    def _flush_untitled(self, blocks: list[Block], group: Block | None, day: int | None, keynote_scope: bool) -> None:
        """Text right under a day/group heading: one session per paragraph that starts a new subject."""
        if not blocks or group is None or self._talks_mentioned(blocks, day, keynote_scope):
            return
        sessions: list[list[Block]] = []
        for block in blocks:
            if ENUMERATED_SESSIONS.search(block.text):  # "The workshop track covered A, B and C.": three sessions
                self.outside.append(block)
                self._enumeration_days[block.start] = day
                continue
            presents = block.kind == "item" and opens_with_presenter(block.text)  # "- Ann Lee showed …": her session
            if sessions and (
                (block.kind == "item" and not presents)
                or CONTINUATION.match(block.text)
                or self._same_people(sessions[-1], block)
            ):
                sessions[-1].append(block)
            else:
                sessions.append([block])
        sessions = self._presenters_paragraphs(sessions)
        # Under "Keynotes" (not a day) several sessions each take a title from their own words, and a first
        # paragraph about the sessions in plural that names no one presenting introduces them.
        day_section = bool(DAY_HEADING.match(group.text.strip()))
        opening = " ".join(b.text for b in sessions[0]) if sessions else ""
        introduces = not day_section and len(sessions) >= 3 and INTRODUCES_SESSIONS.search(opening)
        if introduces and not names_a_presenter(opening):
            self.outside.extend(sessions.pop(0))  # "The morning opened with four presentations …"
        own_titles = len(sessions) >= 2 and not day_section
        for n, session in enumerate(sessions):
            in_prose = presented_in_prose(split_sentences(session[0].text)[0].text) if session[0].text.strip() else None
            title = in_prose[1] if in_prose and in_prose[1] else _derived_title(session[0].text)
            kind = "keynote" if keynote_scope else "talk"
            first = next(iter(mentioned_talks(session[0], presenters=False)), None)
            if first and not SENTENCE_OPENER.sub("", session[0].text[: first.start]).strip():
                # the paragraph opens with the talk it is about: "Ann Lee's talk on X: …", "Then the Kafka keynote …"
                title, in_prose = first.title, (list(first.people), first.title)
                kind = first.kind if kind == "talk" else kind
            named = named_in_block(session[0]) if session[0].kind == "paragraph" and not in_prose else []
            by_name = len(named) == 1 and bool(named[0].groupdict().get("people"))  # "… Title by **Ann Lee** …"
            if by_name:
                title = " ".join(named[0].group("title").split())
                in_prose = (split_names(prose_people(named[0].group("people"))), title)
            captioned = None if by_name or in_prose else _captioned_session(session[0])
            if captioned is not None:
                title, in_prose, by_name = captioned[0], ([s.name for s in captioned[1]], captioned[0]), True
            title = group.text.strip() if n == 0 and not own_titles and not by_name else title
            talk = Talk(
                title=title,
                kind=kind,
                day=day,
                position=len(self.talks),
                start=group.start if n == 0 and names_more_than_a_day(title) else session[0].start,
                blocks=session,
                title_derived=captioned is None and not (n == 0 and names_more_than_a_day(title)),
                speakers=[Speaker(name) for name in in_prose[0]] if in_prose else _presenters(session[0]),
            )
            self._add_talk(talk)

    def _presenters_paragraphs(self, sessions: list[list[Block]]) -> list[list[Block]]:
        """Where most paragraphs of a section open with someone presenting ("Tatiana Mac opened the day with …",
        "Next, Jason Lee gave a talk on …"), those are the sessions: a paragraph before the first introduces them,
        and one that names no presenter goes on with the session before it."""
        firsts = [split_sentences(s[0].text)[0].text if s[0].text.strip() else "" for s in sessions]
        opens = [opens_with_presenter(first) or opens_with_person_acting(first) for first in firsts]
        if len(sessions) < 3 or sum(opens) < 3 or sum(opens) < 0.6 * len(sessions):
            return sessions
        kept: list[list[Block]] = []
        for session, presented in zip(sessions, opens, strict=True):
            if presented:
                kept.append(session)
            elif kept:
                kept[-1].extend(session)
            else:
                self.outside.extend(session)
        return kept

    def _merge_contents_entries(self) -> None:
        """A talk listed first with no text of its own ("- Keynotes / - Title – Ann Lee") and written out later under
        the same title (or that title and a subtitle) is one talk: the entry was the post's contents. Its speakers,
        kind and day carry over. An entry for a section that is no talk is dropped."""
        written: dict[str, Talk] = {}
        for talk in reversed(self.talks):
            key = heading_label(talk.title)
            later = None  # looked for only where it is used: a scan of every title per talk was quadratic
            if not talk.blocks:
                later = written.get(key) or next((t for k, t in written.items() if k.startswith(key + " ")), None)
            if not talk.blocks and key in self._nontalk_labels:
                self.talks.remove(talk)  # a contents entry for the travel notes or the sponsors: no talk
            elif later is not None and not talk.blocks:
                later.speakers = later.speakers or talk.speakers
                later.kind = later.kind if later.kind != "talk" else talk.kind
                later.day = later.day if later.day is not None else talk.day
                self.talks.remove(talk)
            elif talk.blocks:
                written.setdefault(key, talk)
        for position, talk in enumerate(self.talks):
            talk.position = position

    def _titles_that_name_people(self) -> None:
        """A talk titled only with a person's name is theirs: "Keynote: Ann Lee", or "### Ann Lee" over text that
        opens with her ("Ann talked about …", "She showed …"). Its title is then the first line of its text when
        that is a short title ("- Scaling Queues"), else "Ann Lee's keynote". A title that closes with
        "with Ann Lee" over text that opens with her names her too."""
        for talk in self.talks:
            said = WITH_PEOPLE.match(talk.title) if not talk.speakers else None
            people = said.group("people") if said else ""
            if said and plausible_people(people) and opens_with(talk.body_text.strip(), people):
                talk.title, talk.speakers = said.group("title"), [Speaker(n) for n in split_names(people)]
                continue
            name = talk.title.strip()
            if (
                talk.speakers
                or talk.title_derived
                or not (2 <= len(name.split()) <= 3 and plausible_people(name))
                or kind_in(name)  # "Tokyo Keynote": a session's name
            ):
                continue
            body = talk.body_text.strip()
            first = talk.blocks[0] if talk.blocks else None
            titled_below = first is not None and first.kind in ("item", "line") and _title_like(first.text.strip())
            if not (opens_with(body, name) or (talk.kind == "keynote" and titled_below)):
                continue  # "Keynote: Fearless Concurrency" over "The talk covered …" is a title
            if first is not None and titled_below:
                talk.title, talk.start, talk.blocks = first.text.strip(), first.start, talk.blocks[1:]
            elif body:
                talk.title, talk.title_derived = f"{name}'s {talk.kind}", True
            else:
                continue
            talk.speakers = [Speaker(name)]

    def _merge_part_lines(self) -> None:
        """In plain text whose talks have titles of several words, a bare one-word title line without people,
        link or kind ("Attitude", "Action") is a part of the talk above it, not a talk: its line and text join it."""
        if self.doc.format != "text":
            return
        one_word = {id(t) for t in self.talks if len(t.title.split()) == 1}
        if len(self.talks) - len(one_word) < max(2, len(one_word)):
            return
        owner: Talk | None = None
        for talk in list(self.talks):
            if owner is not None and id(talk) in one_word and not (talk.speakers or talk.title_derived or talk.slides):
                self.talks.remove(talk)
                owner.blocks += [Block("line", talk.title, talk.start), *talk.blocks]
            else:
                owner = talk

    def _single_session(self) -> NotesDocument | None:
        """Notes of one session: the document's only top heading, then (before any other heading) a field that
        names who gave it ("Instructor - Ann Lee", "Speaker: Ann Lee") and no such field anywhere else. The
        whole document is that session; its sections are its parts ("Closures", "Decorators")."""
        blocks = self.doc.blocks
        if (
            not blocks
            or blocks[0].kind != "heading"
            or any(b.kind == "heading" and b.level <= blocks[0].level for b in blocks[1:])
        ):
            return None
        opening = list(itertools.takewhile(lambda b: b.kind != "heading", blocks[1:]))
        fields = [m for b in blocks for m in [SESSION_PEOPLE.match(b.text.strip())] if m]
        if len(fields) != 1 or not any(SESSION_PEOPLE.match(b.text.strip()) for b in opening):
            return None
        people = speaker_list(fields[0].group("people")) or [Speaker(n) for n in split_names(fields[0].group("people"))]
        if not people or not all(plausible_people(p.name) for p in people):
            return None
        title, kind, _ = split_heading(blocks[0].text)
        kind = kind or kind_in(" ".join(b.text for b in opening)) or "talk"
        body = [b for b in blocks[1:] if not SESSION_PEOPLE.match(b.text.strip())]
        said = DAY_IN_TEXT.search(" ".join(b.text for b in body))
        day = self._day_number(said) if said else None
        talk = Talk(title, kind, day, 0, blocks[0].start, blocks=body, speakers=people)
        split_affiliations(talk)
        return NotesDocument(self.name, self.doc.format, self.doc.text, blocks[0].text.strip(), [talk], [])

    def _drop_commentary_headings(self) -> None:
        """Where most talks are list items or rows that name their speakers, a heading with no speaker, link or
        kind over prose alone is not a talk of another shape but the author's commentary ("Themes", "Key
        characteristics"): it goes with the text outside the talks."""
        starts = [b.start for b in self.doc.blocks]

        def source(talk: Talk) -> Block:
            return self.doc.blocks[max(bisect_right(starts, talk.start) - 1, 0)]

        decorated = [t for t in self.talks if t.speakers and source(t).kind in ("item", "row")]
        commentary = [
            t
            for t in self.talks
            if source(t).kind == "heading"
            and source(t).level < BOLD_HEADING_LEVEL  # a section's heading, not a bold line or a term
            and not (t.speakers or source(t).links or t.title_derived or t.kind != "talk")
            and all(b.kind == "paragraph" for b in t.blocks)
            and not (t.blocks and (speaker_field(t.blocks[0].text) or SESSION_PEOPLE.match(t.blocks[0].text)))
        ]
        if len(decorated) >= max(2, len(commentary)):
            for talk in commentary:
                self.talks.remove(talk)
                self.outside.extend([source(talk), *talk.blocks])
            self.outside.sort(key=lambda block: block.start)

    def _enumerated_sessions(self, day: int | None) -> None:
        """Outside any talk, "The workshop track covered A, B and C." names three sessions of that kind."""
        for block in list(self.outside):
            for match in ENUMERATED_SESSIONS.finditer(block.text):
                kind = split_heading(match.group("kind") or match.group("kind2"))[1] or "talk"
                items = match.group("items")
                for item in re.finditer(r"[^,;]+?(?=\s*(?:,|;|\band\b|$))", items.replace(" and ", ", ")):
                    title = item.group().strip(" .")
                    title = re.sub(r"^(?:and|or)\s+", "", title)
                    at = block.text.find(title, match.start("items"))
                    if len(title.split()) >= 2 and at >= 0:
                        when = self._enumeration_days.get(block.start, day)
                        self._add_talk(Talk(title, kind, when, 0, block.start + at))

    def _prose_talks(self, day: int | None, follow: bool) -> None:
        """A paragraph outside every talk that names talks in prose ("Marta Lind gave a talk called 'DNS at the
        Edge'", "Ann Lee spoke on “Paging Less”", "„Paging Less“ von Ann Lee") starts them, each from the sentence
        that names it. Where no heading, line, list or table named a talk (`follow`), the paragraphs after it are
        the last one's text."""
        current: Talk | None = None
        for block in list(self.outside):
            named = named_in_block(block)
            if current is not None and current.blocks and current.blocks[0].kind == "item" and block.kind != "item":
                current = None  # the list of talks has ended: a paragraph after it is no item's text
            if named:
                self.outside.remove(block)
                for talk in talks_named(block, named, day):
                    if current is not None and current.title.casefold() == talk.title.casefold():
                        join_talks(current, talk)
                        continue
                    current = talk
                    self._add_talk(current)
            elif (
                follow
                and current is not None
                and block.kind in ("paragraph", "item", "line")
                and not ENUMERATED_SESSIONS.search(block.text)
            ):
                self.outside.remove(block)
                opening = opening_mention(block)
                if opening is None:
                    current.blocks.append(block)
                    continue
                # "Finally, a talk on storing large sets …": the paragraph opens with the next talk it names
                title = opening.title[:1].upper() + opening.title[1:]
                current = Talk(title, opening.kind, day, 0, block.start, blocks=[block], title_derived=True)
                current.speakers = [Speaker(name, opening.organisation) for name in opening.people]
                self._add_talk(current)

    def _sections_naming_talks(self) -> None:
        """A section under the author's own heading ("Book Ends", "Day 1 highlights", a conference's name: no
        speakers, no kind) whose opening paragraph names two talks or more in prose ("Amy Tobey (opening plenary:
        The Endgame of SRE), Alex Hidalgo (closing plenary: …)") is no talk: the talks are the ones it names, each
        from its sentence; the rest of the section is the author's commentary. So is one whose items, or whose
        paragraphs, name two talks or more between them."""
        for section in [t for t in self.talks if t.blocks and not t.speakers and not talk_decorated(t.title)]:
            opening = section.blocks[0]
            named = named_in_block(opening)
            if len({m.group("title").strip().casefold() for m in named}) >= 2:
                talks = talks_named(opening, named, section.day)
                self.outside.extend(section.blocks[1:])
            else:
                talks, rest = items_naming_talks(section) or paragraphs_naming_talks(section) or ([], [])
                if not talks:
                    continue
                self.outside.extend(rest)
            self.talks.remove(section)
            for talk in talks:
                same = next((t for t in self.talks if t.title.casefold() == talk.title.casefold()), None)
                if same is not None:
                    join_talks(same, talk)
                else:
                    self._add_talk(talk)

    def _presenter_sessions(self, day: int | None) -> None:
        """Notes that name no talk at all, only people presenting ("Tab Atkins of the CSS working group talked
        about …", "Jessica Dillon told how Bugsnag was built", "Next up was Marta Lind, on DNS failover"): each
        sentence that says someone presented starts a session, titled from its subject or the sentence, and the
        sentences after it are its text."""
        for block in list(self.outside):
            if block.kind not in ("paragraph", "item", "line"):
                continue
            starts = []
            for sentence in split_sentences(block.text, block.start):
                said = PRESENTER.match(block.text, sentence.start - block.start)
                if said and plausible_people(said.group("people")):
                    starts.append(said.start())
                elif presented_in_prose(sentence.text) or (
                    sentence.start == block.start and opens_with_person_acting(sentence.text)
                ):
                    starts.append(sentence.start - block.start)
            if not starts:
                if self.talks and self.talks[-1].title_derived and self.talks[-1].blocks[-1].end <= block.start:
                    self.talks[-1].blocks.append(block)  # the session goes on
                    self.outside.remove(block)
                continue
            self.outside.remove(block)
            lead, pieces = pieces_at(block, starts)
            if lead is not None:  # text before the first presenter continues the last session
                (self.talks[-1].blocks if self.talks and self.talks[-1].title_derived else self.outside).append(lead)
            for piece in pieces:
                said = PRESENTER.match(piece.text) or PERSON_ACTING.match(piece.text)
                in_prose = None if said else presented_in_prose(split_sentences(piece.text)[0].text)
                people = split_names(said.group("people")) if said else (in_prose[0] if in_prose else [])
                if self.talks and (not people or people == [s.name for s in self.talks[-1].speakers]):
                    self.talks[-1].blocks.append(piece)  # the same people again: the same session
                    continue
                said_from = said.start("people") if said else 0  # "On Tuesday Ann Lee gave …": from her name
                title = in_prose[1] if in_prose and in_prose[1] else _derived_title(piece.text[said_from:])
                kind = kind_in(split_sentences(piece.text)[0].text) or "talk"  # "… gave a strong keynote"
                talk = Talk(title, kind, day, 0, piece.start, blocks=[piece], title_derived=True)
                talk.speakers = [Speaker(name) for name in people]
                self._add_talk(talk)

    def _prose_beside_plain_headings(self) -> bool:
        """The talks found are only plain headings (no speakers, no decoration), while three or more paragraphs
        outside them open with someone presenting: the prose holds the sessions, the headings are the author's."""
        if any(t.speakers or t.title_derived or talk_decorated(t.title) for t in self.talks):
            return False
        presenting = [
            b
            for b in self.outside
            if b.kind == "paragraph" and (names_a_presenter(b.text) or opens_with_person_acting(b.text))
        ]
        return len(presenting) >= 3

    def _untitled_commentary(self) -> None:
        """Where the notes also list their talks with titles and speakers ("## The talks" in prose, then "1. **Ann
        Lee** - *Title*"), the paragraphs that became untitled talks are the author's words about those talks: each
        joins the talk whose speaker it names, and one that names none, or several, is the author's own text."""
        titled = [t for t in self.talks if not t.title_derived and t.speakers]
        untitled = [t for t in self.talks if t.title_derived]
        if len(titled) < 3 or not untitled:
            return
        owners = Counter(name for talk in titled for name in _names_to_find(talk))
        names = {name: talk for talk in titled for name in _names_to_find(talk) if owners[name] == 1}
        found: dict[int, list[Talk]] = {}
        for talk in untitled:
            text = talk.body_text
            named = {id(t): t for name, t in names.items() if re.search(rf"\b{re.escape(name)}\b", text)}
            found[id(talk)] = list(named.values())
        if sum(len(talks) == 1 for talks in found.values()) < 2:
            return  # no sign that the untitled talks speak of the listed ones
        for talk in untitled:
            self.talks.remove(talk)
            if len(said := found[id(talk)]) == 1:
                said[0].blocks = sorted(said[0].blocks + talk.blocks, key=lambda block: block.start)
            else:
                self.outside.extend(talk.blocks)

    def _add_talk(self, talk: Talk) -> None:
        """A talk found out of order, in its place by offset (numbered once, at the end of run)."""
        insort(self.talks, talk, key=lambda t: t.start)

    @staticmethod
    def _same_people(session: list[Block], block: Block) -> bool:
        names = set(
            re.findall(
                r"\b[A-Z][a-z]{2,}\b(?= [A-Z][a-z]+\b (?:started|talked|told|showed|presented|described|explained|gave))",
                " ".join(b.text for b in session),
            )
        )
        return any(re.search(rf"\b{re.escape(n)}\b", block.text) for n in names)

    @staticmethod
    def _kind_from_body(talk: Talk) -> str:
        opening = " ".join(b.text for b in talk.blocks[:3]).lower()
        if re.search(r"\b(?:tutorial|workshop|hands-on lab)\b", opening):
            return "tutorial"
        if re.search(r"\bpanel(?:ists)?\b", talk.title.lower()):
            return "panel"
        return talk.kind


# "Ophir Lojkine presenting SQLPage: web apps in SQL": a photo's caption that names the session on stage.
PRESENTING = re.compile(
    rf"^(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)\s+(?:presenting|presents)\s+(?P<title>[A-Z0-9].+)$"
)


def _presenters(block: Block) -> list[Speaker]:
    """The people a paragraph opens with presenting ("Next, Tom Reyes gave a talk on …"): its session's speakers."""
    first = split_sentences(block.text)[0].text if block.text.strip() else ""
    said = PRESENTER.match(first)
    people = said.group("people") if said else ""
    return [Speaker(name) for name in split_names(prose_people(people))] if people and plausible_people(people) else []


def _captioned_session(block: Block) -> tuple[str, list[Speaker]] | None:
    """A one-line paragraph between the notes' sentences that only names a session and its people ("Title — by
    Ann Lee", "Ann Lee presenting Title"), as a photo's caption does: the session's title and people."""
    line = block.text.strip()
    if block.kind != "paragraph" or "\n" in line or len(line) > 160 or line.endswith((".", "!")):
        return None
    said = PRESENTING.match(line)
    if said and plausible_people(" ".join(w.title() if len(w) > 2 else w for w in said.group("people").split())):
        # "Ophir LOJKINE": a surname in capitals is still a name
        return said.group("title"), [Speaker(name) for name in split_names(said.group("people"))]
    title, _, speakers = split_heading(line)
    return (title, speakers) if speakers and heading_like(title) else None


def _names_to_find(talk: Talk) -> set[str]:
    """How the notes may call a talk's speakers in passing: the whole name, the first name, the surname."""
    found = set()
    for speaker in talk.speakers:
        words = speaker.name.split()
        found.add(speaker.name)
        if len(words) >= 2:
            found.update(w for w in (words[0], words[-1]) if len(w) >= 3 and w[0].isupper())
    return found


def _introduces(blocks: list[Block]) -> bool:
    """One sentence that announces what follows ("My thoughts on the talks:"): no session of its own."""
    return len(blocks) == 1 and blocks[0].text.rstrip().endswith(":") and "\n" not in blocks[0].text.strip()


def _after_lead(block: Block) -> str:
    """What follows an item's bold lead-in on its first line, without the separator: "**Ann Lee** – Title" → "Title"."""
    line = block.text.partition("\n")[0]
    return line[line.find(block.lead) + len(block.lead) :].strip(" *_:-–—|")


def _people_lead(block: Block) -> bool:
    """ "**Ann Lee** – Scaling Queues": a bold lead-in that names people, then a title (no sentence) after a dash."""
    line = block.text.partition("\n")[0]
    after = line[line.find(block.lead) + len(block.lead) :].strip(" *_")
    rest = _after_lead(block)
    return bool(re.match(r"^[-–—|:]\s", after)) and _title_like(rest) and bool(speaker_list(block.lead))


def _people_headings(groups: list[tuple[Block, list[Talk]]]) -> None:
    """ "## Ada Brown" over one talk "**Scaling Queues**", twice or more in the notes: each such heading names the
    speakers of the one talk under it."""
    named = [
        (people, talks[0])
        for heading, talks in groups
        if len(talks) == 1
        and not talks[0].speakers
        and not GROUP_HEADING.match(heading.text.strip())
        and (people := byline_speakers(heading.text))
    ]
    if len(named) >= 2:
        for people, talk in named:
            talk.speakers = people


def _talk_line(block: Block) -> bool:
    """A one-line paragraph that reads as a talk's heading with its people, not as a sentence."""
    text = block.text.strip()
    return (
        "\n" not in text
        and len(text.split()) <= 24
        and not text.endswith((".", "!", "?", ":"))
        and bool(split_heading(text, [t for t, _ in block.links])[2])
    )


def _colon_lead(text: str) -> str:
    """ "Scaling queues without tears: Ada explained …" → "Scaling queues without tears"; "" unless the words before
    the colon read as a title (two to twelve words, no sentence, no label, no person's name) and a sentence follows."""
    said = COLON_LEAD.match(text)
    if not said:
        return ""
    title = said.group("title").strip()
    if (
        not 2 <= len(title.split()) <= 12
        or not _title_like(title)
        or COLON_LABEL.match(title)
        or DAY_HEADING.match(title)
        or plausible_people(title)
        or speaker_field(title + ":")
    ):
        return ""
    return title


def _link_only(block: Block) -> bool:
    """A block that is one named link and nothing else (a bare address names nothing)."""
    text = block.text.strip()
    return (
        "\n" not in text
        and len(block.links) == 1
        and block.links[0][0].strip() == text
        and len(text) <= 120
        and not URL.match(text)
        and text != block.links[0][1]
        and not LINK_LINE_WORDS.fullmatch(text)  # "Slides", "video": what is linked, not a title
    )


def _link_line(line: str, links: list[tuple[str, str]]) -> bool:
    """A line that only links material: addresses, short link texts ("video", "Slides") and words that name what
    is linked ("Slides: https://…", "video | slides"), nothing that reads as a title or a sentence."""
    if not links and "://" not in line and "www." not in line:
        return False  # no address and no link: nothing to link
    rest = line.strip()
    for text, _ in sorted(links, key=lambda link: -len(link[0])):
        if text and (URL.fullmatch(text) or len(text.split()) <= 3):
            rest = rest.replace(text, " ")
    rest = URL.sub(" ", rest)
    return rest != line.strip() and LINK_LINE_WORDS.fullmatch(rest) is not None


def _linked_talk_page(block: Block) -> bool:
    """An item that is only a link to a talk's page ("- ["Jenkins as Code"](…/schedule/event/jenkins/) and"): its
    text is a title, whatever its case."""
    bare = ITEM_CLOSE.sub("", block.text.strip())
    return any(bare == text.strip() and TALK_PAGE.search(href) for text, href in block.links)


def _title_like(text: str) -> bool:
    """A list item that reads as a title, not a sentence: short, no closing full stop, not about someone."""
    return heading_like(text) and len(text.split()) <= 12 and not text.endswith(("!", "?"))


def _title_case(text: str) -> bool:
    """Most significant words capitalised, and not a question or a sentence about someone."""
    if SUBHEADING.match(text) or ("," in text and re.search(r",\s+(?:using|with|and|not)\b", text)):
        return False
    words = [w.strip("()[]«»\"'“”‘’:!?") for w in text.split()]
    significant = [w for w in words if w and w.lower() not in SMALL_WORDS and not w.isdigit()]
    if len(significant) < 2:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper() or any(c.isupper() for c in w[1:]))
    return capitalised / len(significant) >= 0.6


def _derived_title(text: str, max_words: int = 10) -> str:
    """A short title from a session's own first words, for sessions the notes give no title."""
    sentence = split_sentences(text)[0].text if text.strip() else text
    sentence = re.sub(r"\s*\([^)]*\)", "", sentence)
    sentence = re.sub(
        r"^(?:then|next(?: up)?|after that|later|finally|first|afterwards)\s*,?\s+", "", sentence, flags=re.I
    )
    lead = re.match(r"^(?:during|in|at|after|before|for)\b[^,]{0,40},\s*", sentence, re.I)
    if lead:
        sentence = sentence[lead.end() :]
    words = sentence.split()
    title = " ".join(words[:max_words]).rstrip(",;:")
    return (title[0].upper() + title[1:] + ("…" if len(words) > max_words else "")) if title else "Untitled session"


def _table_columns(header: list[str], rows: list[list[str]]) -> TableColumns | None:
    """Which column holds talk titles, speakers and their organisations; None when the table lists no talks.
    Column names help when they say so; otherwise the content decides: speakers are names of people, and
    titles are the column of several-word phrases that are neither names, links, times nor numbers."""
    width = max(len(header), *(len(r) for r in rows))
    columns = [[(r[n] if n < len(r) else "") for r in rows] for n in range(width)]
    named = lambda pattern: next((n for n, h in enumerate(header) if re.search(pattern, h, re.I)), None)  # noqa: E731
    speaker = named(r"speaker|presenter|who|author|host|by\b|presented")
    org = named(r"compan|organi[sz]ation|employer|affiliation|org\b")
    title = named(r"\b(?:talks?|titles?|sessions?|presentations?|subjects?|topics?)\b")
    if title is not None and not _varied(columns[title]):
        title = None  # "Presentation" over a column of "Slides" links: the name says what it links to

    def filled(cells: list[str], test) -> float:
        values = [c for c in cells if c]
        return sum(1 for c in values if test(c)) / len(values) if values else 0.0

    if speaker is None:
        speaker = next(
            (n for n, c in enumerate(columns) if n != title and _varied(c) and filled(c, plausible_people) >= 0.6),
            None,
        )
    if title is None and sum(1 for h in header if h.strip()) * 2 < len(header):
        return None  # no column names: a table of facts (place, date, fee), not a programme
    if title is None:
        scores = {
            n: statistics.mean(len(c.split()) for c in cells if c)
            for n, cells in enumerate(columns)
            if n not in (speaker, org)
            and any(cells)
            and filled(cells, lambda c: not (URL.fullmatch(c) or TIME_OR_NUMBER.fullmatch(c))) >= 0.8
        }
        title = max(scores, key=lambda n: scores[n]) if scores else None
        if title is None or scores[title] < 2.5:
            return None
    labels = frozenset(n for n, cells in enumerate(columns) if not _varied(cells))
    return title, speaker, org, labels


def _varied(cells: list[str]) -> bool:
    """A column of titles or names differs from row to row; one that repeats a label ("Watch Here", "Slides")
    in most rows holds link texts, whatever its name."""
    values = [c for c in cells if re.search(r"\w", c)]  # "-" or "–" in a cell: nothing there
    return len(values) < 2 or len(set(values)) * 2 > len(values)
