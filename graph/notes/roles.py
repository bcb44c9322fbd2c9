"""What each block of a notes document is: a talk's title, a group of talks, a day, the author's own section,
a talk's byline or part; and the layouts the notes use throughout (people first, "Title (Ann Lee)", "Ann Lee:
Title"). Read once per document, before any talk is assembled (segment.py)."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeGuard

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.notes.blocks import (
    Block,
    BlockDocument,
)
from talkgraph.graph.notes.bylines import (
    FIELD_LABEL,
    ITEM_CLOSE,
    LINK_REMARK,
    NAME,
    PEOPLE_FIELD_WORDS,
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
    lead_people,
    plausible_people,
    run_on_title_people,
    speaker_field,
    speaker_first,
    speaker_list,
    speaker_prefix,
    split_heading,
    title_with_paren_people,
)
from talkgraph.graph.notes.days import DAY_HEADING, DAY_NUMBER_WORDS, names_more_than_a_day
from talkgraph.graph.notes.not_talks import (
    THANKS_OR_SPONSORS,
    author_box,
    not_a_talk,
    schedule_filler,
)
from talkgraph.graph.notes.prose import (
    PRESENTER,
    TALK_PAGE,
    names_a_presenter,
    opening_byline,
    opening_mention,
    prose_people,
    talk_decorated,
)
from talkgraph.graph.notes.talks import Speaker

# A session's own page on the event's site ("/sessions/kotlin-coroutines", "/schedule/event/42/").
SESSION_PAGE = re.compile(r"/(?:sessions?|talks?|schedule/(?:event|session|detail))/[\w-]+", re.I)
# "talk about Kotlin Coroutines" as a link's text: the talk word before its subject.
TALK_ABOUT = re.compile(
    r"^(?:(?:his|her|their|the|a)\s+|[A-Z][\w-]*['’]s\s+)?(?:talk|session|keynote|presentation)\s+(?:about|on)\s+", re.I
)
# A link's text that points at the talk without naming it ("his talk here", "the session").
UNNAMED_TALK = re.compile(r"^(?:(?:his|her|their|the|this|that|a|my)\s+)?(?:talk|session|keynote|presentation)\b", re.I)
# Where a talk's recording, slides or schedule page is: a link there names the talk.
RECORDING_OR_PAGE = re.compile(
    rf"youtu\.?be|vimeo\.com|speakerdeck\.com|slideshare\.net|media\.ccc\.de|infoq\.com|{TALK_PAGE.pattern}", re.I
)
# "Key Talks", "My favourite sessions", "Other keynotes": some of the sessions, chosen by the author or left over.
CHOSEN = (
    r"(?:(?:my|our|the|some)\s+)?(?:key|favou?rite|best|top|notable|recommended|must-(?:see|watch)|selected|other"
    r"|more|great|interesting|standout|stand-out)\s+(?:talks|sessions|keynotes|presentations|workshops)"
)
CHOSEN_SESSIONS = re.compile(rf"^{CHOSEN}\s*:?$", re.I)
GROUP_HEADING = re.compile(
    r"^(?:(?:the\s+)?(?:morning|afternoon|evening|opening|closing)?\s*(?:keynotes?|talks?|sessions?|breakouts?"
    r"(?:\s+sessions)?|workshops?|tutorials?|lightning(?:\s+talks?)?|(?:ignite|flash)\s+talks?|ignites|panels?"
    r"|presentations?)"
    r"(?:\s+(?:i|we)\s+(?:attended|saw|watched|liked))?"
    rf"|(?:morning|afternoon|evening)(?:\s+\w+)?|agenda|schedule|sessions? notes|talk notes|{CHOSEN})"
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
    r"|closing thoughts|closure|tl;?\s*dr|travel(?:ling)?|getting there|venue|hotel|sponsors?(?:hip)?|expo(?: hall)?"
    r"|booths?|swag|about(?: me| the author| this blog)?|introductions?|intros?|contents|table of contents"
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
# "Subscribe to my free member list", "Sign up for our newsletter": a form on the page; "My thoughts", "Meta
# information": the author's or the page's own section. Whole headings only ("Thoughts, Prayers and Postmortems",
# "Subscribe to Changes: Live Updates with Postgres" are titles).
PAGE_SECTION = re.compile(
    r"^(?:(?:subscribe|sign\s+up|join)\s+(?:to|for)\s+(?:my|our|the|this)\b[^:]{0,60}\b(?:list|newsletter)"
    r"|(?:(?:my|some|personal)\s+)?thoughts|meta\s*(?:information|data))\s*[.!:]?$",
    re.I,
)
THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)  # a section that speaks of someone
SUBHEADING = re.compile(
    r"^(?:what|why|how|when|where|who|which|is|are|do|does|can|should|demo|demos|summary|q\s*&\s*a|questions"
    r"|background|problem|solution|architecture|lessons|learnings|overview|slides|video|notes|key points"
    r"|results|next steps|example|examples|use cases?|challenges|goals|motivation|i['’]m|i\s|here|there)\b",
    re.I,
)
# "Speaker(s) :", "Intervenant(e)s :", "Sprecher:": a label over the list of a talk's people, in a recap's language.
SPEAKER_FIELD_LABEL = re.compile(rf"^(?i:{PEOPLE_FIELD_WORDS})\s*:\s*$")
TIME_OR_NUMBER = re.compile(r"[\d:.\-–/ hapmAPM]+")
# What a line that only links a talk's material says besides its links: "Slides: …", "video | slides", "(code)".
LINK_LINE_WORDS = re.compile(
    r"(?:[\s|·•,:;!()\[\]/–—-]|\b(?:slides?|vid[eé]os?|vídeos?|recording|deck|code|demo|repo(?:sitory)?|pdf|abstract"
    r"|details|links?|watch|the|la|le|el|die|der|das|and|on|here|youtube|vimeo|speakerdeck|slideshare|github)\b)*",
    re.I,
)
# A link named first for what it links ("Video: cookies with Sherlock", "Slides of the talk"): a talk's material
# under its notes, not a title of its own.
MATERIAL_FIRST = re.compile(
    r"(?:the\s+|la\s+|le\s+)?(?:vid[eé]o|vídeo|slides|recording|replay|folien)\s*(?:[:!–—-]|(?:of|de|du|von)\b|$)",
    re.I,
)  # not "Video Games and Accessibility", "Replay Attacks in OAuth"
# "Title: A sentence …" on a paragraph's first line.
COLON_LEAD = re.compile(r"^(?P<title>[^:.!?\n]{3,90}):\s+(?=[A-Z\"“‘'(])[^\n]{20,}")
# Labels a paragraph opens with that title nothing: "Note:", "Update 2:", "My take:", "Key takeaway:".
COLON_LABEL = re.compile(
    r"^(?i:(?:an?\s+|the\s+|my\s+|our\s+|one\s+|key\s+|big\s+|main\s+|final\s+|quick\s+|side\s+)*(?:note|notes|update|edit"
    r"|disclaimer|tl;?\s*dr|summary|conclusion|takeaways?|lesson|lessons|quote|verdict|bottom line|ps|p\.s|tip|warning"
    r"|slides?|video|recording|speakers?|presenters?|tags?|where|when|venue|location|date|time|why|how|what|result|results)"
    r"\b)"
)
# "Beyond Search (by Honza Král, video)", "Python's Future (Keynote, by Ann Lee)": the byline in a closing parenthesis.
SAID_BY = re.compile(r"^\(?(?i:(?:presented\s+)?by|with)\s")  # a line that says whose the talk is
# "Ann Lee (Acme): what she told.", "Ann Lee - what she told.": people first, then the notes of their session.
PEOPLE_NOTES = re.compile(
    rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*(?:\((?P<org>[^()]{{1,80}})\))?\s*[:\-–—]\s+(?P<notes>\S.*)$"
)
ITEM_LABEL = re.compile(r"^(?P<label>[^:\n]{1,80}?)\s*:\s+\S")  # "Set Goals: decide …", "Ann Lee (Acme): she …"
PARENTHESES = re.compile(r"\s*\([^()]*\)")
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


# A section that sums the event up, whose own headings are its points: themes, take-aways, conclusions (not
# "Topics", which may group talks by their subject).
SUMMARY_HEADING = re.compile(
    r"^(?:(?:my|the|main|key|big|recurring|common|some)\s+)*(?:themes|take\s*-?\s*aways?|conclusions?"
    r"|lessons(?:\s+learn(?:ed|t))?|final\s+thoughts|closing\s+thoughts)\s*:?$",
    re.I,
)


# A table's columns: titles, speakers, organisations, and the columns of link labels repeated in each row.
TableColumns = tuple[int, int | None, int | None, frozenset[int]]


# -- the segmenter ------------------------------------------------------------


@dataclass
class _Heading:
    role: str  # "title" (document), "day", "group", "talk", "nontalk"
    block: Block
    day: int | None = None


def after_lead(block: Block) -> str:
    """What follows an item's bold lead-in on its first line, without the separator: "**Ann Lee** – Title" → "Title"."""
    line = block.text.partition("\n")[0]
    return line[line.find(block.lead) + len(block.lead) :].strip(" *_:-–—|")


def _people_lead(block: Block, among_siblings: bool = False) -> bool:
    """ "**Ann Lee** – Scaling Queues": a bold lead-in that names people, then a title (no sentence) after a dash.
    `among_siblings`: in a list whose items have that layout, where the title may be long or a question."""
    line = block.text.partition("\n")[0]
    after = line[line.find(block.lead) + len(block.lead) :].strip(" *_")
    rest = after_lead(block)
    if not re.match(r"^[-–—|:]\s", after):
        return False
    if among_siblings:
        return heading_like(rest) and bool(lead_people(block.lead))
    return title_like(rest) and bool(speaker_list(block.lead))


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
        or not title_like(title)
        or COLON_LABEL.match(title)
        or DAY_HEADING.match(title)
        or plausible_people(title)
        or speaker_field(title + ":")
    ):
        return ""
    return title


def _lone_name(text: str) -> bool:
    """A line that is one person's full name and nothing else ("> Raj Mehta" under a talk's heading)."""
    text = text.strip()
    return "\n" not in text and 2 <= len(text.split()) <= 3 and plausible_people(text)


def _opens_with_its_people(text: str) -> bool:
    """A text that opens as a session's summary does, with its people at work, each with an employer, named by
    words not all ordinary ("Priya Nair, Director of Advocacy at Initech, argues …"; not "Red Hat (IBM) announced …")."""
    people = opening_byline(text)
    return bool(people) and common_words(people) < 1


def _ordinary_word(word: str) -> bool:
    """A word of the language ("Attitude"), not a name ("Kubernetes") nor a kind of session ("Keynote")."""
    return is_common_word(word) and not kind_in(word)


def _names_its_people(title: str) -> bool:
    """A title line that names its people: "Title by Ann Lee", "Title (Ann Lee)", "Title, Ann Lee"."""
    return bool(split_heading(title)[2] or comma_people_tail(title))


def _link_only(block: Block) -> bool:
    """A block that is one named link and nothing else (a bare address names nothing)."""
    text = block.text.strip()
    return (
        "\n" not in text
        and not block.aside  # a photo linked to its file
        and len(block.links) == 1
        and block.links[0][0].strip() == text
        and len(text) <= 120
        and not URL.match(text)
        and text != block.links[0][1]
        and not LINK_LINE_WORDS.fullmatch(text)  # "Slides", "video": what is linked, not a title
        and not MATERIAL_FIRST.match(text)
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
    unremarked = ITEM_CLOSE.sub("", LINK_REMARK.sub("", bare))  # "[Title](…) (the very best!)": a remark after it
    return any(
        ITEM_CLOSE.sub("", text.strip()) in (bare, unremarked) and TALK_PAGE.search(href) for text, href in block.links
    )


def title_like(text: str) -> bool:
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


class Roles:
    """The roles of a document's blocks (read) and the layouts found while reading them."""

    def __init__(self, document: BlockDocument):
        self.doc = document
        self.weekday_days: dict[str, int] = {}
        self._title_index = -1
        self._recurring: set[str] = set()  # heading texts written more than once: section labels, not titles
        self._known_roles: dict[int, _Heading] = {}
        self._section_labels: set[str] = set()  # recurring labels already seen as a talk's section
        self.row_columns: dict[int, TableColumns] = {}
        self._bylines: set[int] = set()  # headings that only name the speakers of the heading right above
        self.field_people: set[int] = set()  # items listing the people under a "Speaker(s):" label
        self.nontalk_labels: set[str] = set()  # headings of sections that are no talk
        self._contents: set[int] = set()  # headings over a table of contents
        self.speaker_first = False  # several headings read "Ann Lee - Title": people first is this notes' layout
        self.presenter_items: set[int] = set()  # untitled items that each open with someone presenting
        self.people_notes: set[int] = set()  # untitled items "Ann Lee (Acme): what she told", people first
        self.people_leads: set[int] = set()  # items whose bold lead-in names their people, the title after it
        self.speaker_colon = False  # "Ann Lee: Title" is this notes' layout
        self.comma_people = False  # "Title, Ann Lee, Tom Reyes, Acme" is this notes' layout
        self.run_on_people = False  # "- Title Ann Lee @annlee. Notes": items run their title into their people
        self.field_titles: dict[int, tuple[str, int]] = {}  # a label heading's start → its field's title, and where
        self.page_titles: dict[int, str] = {}  # a paragraph's start → the title of the session page it links
        self.paren_people = False  # most headings or items read "Title (Ann Lee)": a parenthesis holds people
        # A heading's start → the title ("" when none) and people of a session under a group of sessions, whose
        # own sub-headings are its parts ("## Karen Tracey - Django and the Community" under "# Keynotes")
        self.people_sections: dict[int, tuple[str, list[Speaker]]] = {}

    def read(self) -> dict[int, _Heading]:
        """Each block that is more than text, by its index: headings and bare lines first, then the lists, tables
        and paragraphs that can start talks, each decided in the light of the ones before."""
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
        # Headings, list items, and in plain text its short lines, tell whether the notes put people first
        # ("Ann Lee - Title").
        titled = headings + [
            i
            for i, b in enumerate(blocks)
            if (b.kind == "line" and len(b.text) <= 160) or (b.kind == "item" and len(b.text.partition("\n")[0]) <= 160)
        ]
        first = [bool(speaker_first(blocks[i].text)) for i in titled]
        after = [bool(split_heading(blocks[i].text)[2]) for i in titled]
        people_first = sum(1 for f, a in zip(first, after, strict=True) if f and not a)
        ambiguous = sum(1 for f, a in zip(first, after, strict=True) if f and a)
        self.speaker_first = people_first >= 2 or (people_first >= 1 and ambiguous >= 1)
        self.paren_people = self._paren_people_layout()
        self.people_notes = self._people_notes_layout()
        colon_people = [
            b for b in blocks if b.kind in ("heading", "item") and speaker_prefix(b.text.partition("\n")[0])
        ]
        # "Ann Lee: Title" twice or more, or beside other headings that name their people: this notes' layout.
        named = any(split_heading(b.text.partition("\n")[0])[2] for b in blocks if b.kind == "heading" and b.level > 1)
        # Where headings are followed by a line naming their people ("Discovering Python" over "David Beazley"),
        # that is where these notes name people, and "Software Carpentry: Lessons Learned" is a title.
        people_under = sum(
            1
            for b, below in itertools.pairwise(blocks)
            if b.kind == "heading" and below.kind in ("line", "paragraph") and byline_speakers(below.text)
        )
        self.speaker_colon = (len(colon_people) >= 2 or (len(colon_people) == 1 and named)) and people_under < max(
            2, len(colon_people)
        )
        said = [split_heading(b.text.partition("\n")[0]) for b in blocks if b.kind in ("heading", "item", "line")]
        self.comma_people = sum(1 for title, _, people in said if not people and comma_people_tail(title)) >= 2
        self.run_on_people = self._run_on_people_layout()
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
        self._parts_of_summaries(roles)
        self._parts_of_people_sections(roles)
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
        self.nontalk_labels = {heading_label(blocks[i].text) for i, r in roles.items() if r.role == "nontalk"}
        return roles

    def _parts_of_summaries(self, roles: dict[int, _Heading]) -> None:
        """Under a section that sums the event up ("## Themes", "## Take aways", "## Conclusions"), the headings are
        its points ("### Observability", "### Health checks"), not talks, unless they say they are one (people, a
        kind of session)."""
        blocks = self.doc.blocks
        for i, role in list(roles.items()):
            if (
                role.role != "nontalk"
                or blocks[i].kind != "heading"
                or not SUMMARY_HEADING.match(blocks[i].text.strip())
            ):
                continue
            for j in range(i + 1, len(blocks)):
                if blocks[j].kind == "heading" and blocks[j].level <= blocks[i].level:
                    break
                if j in roles and roles[j].role == "talk" and not talk_decorated(blocks[j].text):
                    roles[j] = _Heading("nontalk", blocks[j])

    def _parts_of_people_sections(self, roles: dict[int, _Heading]) -> None:
        """The headings under a person's session (Roles._people_section) are its parts ("### Why?", "### Puzzle
        Database", "### Summary" under "## Karen Tracey - Django and the Community"), whatever their shape."""
        blocks = self.doc.blocks
        for i, role in list(roles.items()):
            if role.role != "talk" or blocks[i].start not in self.people_sections:
                continue
            for j in range(i + 1, len(blocks)):
                if blocks[j].kind != "heading":
                    continue
                if blocks[j].level <= blocks[i].level:
                    break
                if j in roles and roles[j].role in ("talk", "group", "nontalk"):
                    roles[j] = _Heading("sub", blocks[j])

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
                self.field_people.add(k)

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
            elif above is None and len(pairs) >= 2 and title_like(blocks[i - 1].text):
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
        if not all(plausible_people(m.group("people")) for m in said.values()):
            return set()
        in_lists_of_people = {b.start for b in self._items_of_lists_labelled_by_people()}
        said = {start: m for start, m in said.items() if start in in_lists_of_people}
        if len(said) < 2:
            return set()
        plain = [m for m in said.values() if not m.group("org") or not plausible_people(m.group("org"))]
        sentences = all(m.group("notes").rstrip().endswith((".", "!", "?")) for m in said.values())
        return set(said) if plain and sentences else set()

    def _items_of_lists_labelled_by_people(self) -> Iterator[Block]:
        """The items of each list none of whose items opens with a label that is not a person ("- Visit the
        Booths: …" beside "- Set Goals: …" makes both a tip's label, not a name)."""
        for i, j in self._runs("item"):
            labels = [m.group("label") for b in self.doc.blocks[i:j] if (m := ITEM_LABEL.match(b.text))]
            if all(plausible_people(PARENTHESES.sub("", label)) for label in labels):
                yield from self.doc.blocks[i:j]

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
            return _Heading("day", block, self.day_number(day_match))
        if i + 1 in self._bylines:
            return _Heading("talk", block)  # "Same API, Different Execution" over "## Saul Shanabrook @quansight"
        children = self._child_headings(i)
        groups_talks = self._groups_decorated_talks(children)
        if not talk_decorated(text) and groups_talks:
            return _Heading("group", block)  # "## Black Hat Asia" over "### Presentations" over "#### Title - Ann Lee"
        label = heading_label(text)
        if (
            label in self._recurring
            and not talk_decorated(text)
            and (self._parent_is_talk(i) or self._after_talk(i, label))
        ):
            self._section_labels.add(label)
            return _Heading("sub", block)  # "Key points", "Impression" under every talk: parts of each talk
        if (
            (NON_TALK.match(text) and len(text.split()) <= 5)
            or (THANKS_OR_SPONSORS.match(text) and len(text.split()) <= 8)
            or PAGE_SECTION.match(text)
        ):
            return _Heading("nontalk", block)
        body = self._body_before_next_heading(i)
        if children and body and not groups_talks and (said := self._people_section(i, body, children)):
            self.people_sections[block.start] = said
            return _Heading("talk", block)  # "## Jacob Kaplan-Moss" under "# Keynotes": his keynote, in parts
        if children and not self._looks_like_group(children) and body:
            return _Heading("talk", block)  # "Keynote" with its text and its own "Key points": one talk
        if not children and LABEL_HEADING.match(text) and self._one_session(body):
            return _Heading("talk", block)  # "### Keynote" over "Ann Lee showed …": one untitled keynote, not a group
        if GROUP_HEADING.match(text) or DATED_SECTION.match(text):
            return _Heading("group", block)
        top = min((c.level for c in children), default=0)
        if not talk_decorated(text) and not_a_talk(text, body):
            return _Heading("nontalk", block)
        if any(talk_decorated(c.text) for c in children if c.level == top):
            return _Heading("group", block)  # its children carry talk decorations: it groups talks
        if talk_decorated(text):
            return _Heading("talk", block)  # "Title by Speaker", "Keynote: Title": its sub-headings are its parts
        if children and any(names_a_presenter(b.text) for b in body[:2] if b.kind != "heading"):
            return _Heading("talk", block)  # its own text says who presented it: its sub-headings are its parts
        if children and self._opens_with_byline(i):
            return _Heading("talk", block)  # "> Ann Lee, Tom Reyes @Acme" under it: a talk, its sub-headings parts
        if children and (not body or (len(children) >= 2 and self._looks_like_group(children))):
            return _Heading("group", block)
        if SUBHEADING.match(text) and self._parent_is_talk(i):
            return _Heading("sub", block)
        return _Heading("talk", block)

    @staticmethod
    def _one_session(body: list[Block]) -> bool:
        """The text under a heading that names one session's kind ("Opening keynote"): its notes name who presented
        it, or its prose names no one presenting at all; paragraphs naming presenters further on are sessions."""
        if any(names_a_presenter(b.text) for b in body[:3]):
            return True
        prose = [b for b in body if b.kind != "heading" and not b.aside]
        return (
            bool(prose)
            and all(b.kind == "paragraph" and not b.lead for b in prose)
            and not any(names_a_presenter(b.text) for b in prose)
            and not any(opening_mention(b) for b in prose[1:])  # "Then a talk on chaos engineering …"
        )

    def _people_section(self, i: int, body: list[Block], children: list[Block]) -> tuple[str, list[Speaker]] | None:
        """The title ("" for none) and people of a heading that names people, right under a heading that groups
        sessions ("Keynotes", "Talks"): that person's session, and the headings under it its parts. Its people
        come after the title ("Clean Architecture - Robert Martin") or first ("Karen Tracey - Django and the
        Community"), where a name has a word that is no ordinary one or the section speaks of him or her (not
        "Event Sourcing - Lessons Learned"); or they are all it says ("Jacob Kaplan-Moss" over "He looked into …"),
        where both hold and a heading beside it names its people too ("Frontend Performance" over "She opened the
        track" beside "Machine Learning" is a track)."""
        parent = self._parents.get(i)
        if parent is None or not GROUP_HEADING.match(self.doc.blocks[parent].text.strip()):
            return None
        text = self.doc.blocks[i].text.strip()
        about = " ".join(b.text for b in (*body, *children))
        spoken_of = bool(THIRD_PERSON.search(about))
        title, _, people = split_heading(text)
        said = (title, people) if people else speaker_first(text)
        if said and said[0]:
            return said if common_words(said[1]) < 1 or spoken_of else None
        if not _lone_name(text) or kind_in(text) or not spoken_of:
            return None
        people = [Speaker(text)]
        return ("", people) if common_words(people) < 1 and self._beside_people(i) else None

    def _beside_people(self, i: int) -> bool:
        """Another heading under the same parent, at the same level, names its people."""
        key = (self._parents.get(i), self.doc.blocks[i].level)
        return self._people_headings[key] - (i in self._people_headings_at) > 0

    @cached_property
    def _people_headings_at(self) -> set[int]:
        """The headings that name their people, after their title or first ("Title - Ann Lee", "Ann Lee - Title")."""
        return {
            j
            for j, b in enumerate(self.doc.blocks)
            if b.kind == "heading" and (split_heading(b.text)[2] or speaker_first(b.text))
        }

    @cached_property
    def _people_headings(self) -> Counter[tuple[int | None, int]]:
        """How many headings name their people, by parent and level."""
        return Counter((self._parents.get(j), self.doc.blocks[j].level) for j in self._people_headings_at)

    @cached_property
    def _parents(self) -> dict[int, int]:
        """Each heading's index → the index of the nearest heading above it of a higher level, in one pass."""
        parents: dict[int, int] = {}
        above: list[int] = []  # the open headings, each of a higher level than the one after it
        for j, block in enumerate(self.doc.blocks):
            if block.kind != "heading":
                continue
            while above and self.doc.blocks[above[-1]].level >= block.level:
                above.pop()
            if above:
                parents[j] = above[-1]
            above.append(j)
        return parents

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
        j = self._parents.get(i)
        if j is None:
            return False
        if j in self._known_roles:  # decided already (headings are read in order): trust that
            return self._known_roles[j].role in ("talk", "sub")
        block = self.doc.blocks[j]
        return not (DAY_HEADING.match(block.text) or GROUP_HEADING.match(block.text) or j == self._title_index)

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
                role = _Heading("day", block, self.day_number(m))
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
                # "Observability is expensive" over "Chris Cooney, Director … at Coralogix, argues …"
                presented = nxt.kind in ("line", "paragraph") and _opens_with_its_people(nxt.text)
                if followed_by_link or after_group or presented or _title_case(text):
                    role = _Heading("talk", block)
            first = False
            previous_role = role.role if role else None
            if role:
                roles[i] = role
        self._decorated_line_runs(roles)
        self._sibling_lines(roles)
        self._one_word_parts(roles)

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

    def _one_word_parts(self, roles: dict[int, _Heading]) -> None:
        """Where two or more title lines name their people ("Habits for Agility, Kent Beck", "Title by Neil Ford"),
        a line of one ordinary word after such a title, up to the next line of another role ("Attitude", "Action";
        not "Kubernetes", nor after "Day 2"), is a part of that talk."""
        blocks = self.doc.blocks
        lines = sorted(i for i in roles if blocks[i].kind == "line")
        named = {i for i in lines if roles[i].role == "talk" and _names_its_people(blocks[i].text.strip())}
        if len(named) < 2:
            return
        owner: int | None = None  # the talk line whose parts the lines after it are
        for i in lines:
            words = blocks[i].text.strip().split()
            if i in named:
                owner = i
            elif owner is not None and roles[i].role == "talk" and len(words) == 1 and _ordinary_word(words[0]):
                roles[i] = _Heading("sub", blocks[i])
            else:
                owner = None

    def _talk_item_roles(self, roles: dict[int, _Heading]) -> None:
        """Lists of talks ("• Title by Speaker", "- **Title**: what it was about"): each such item starts a talk
        when most items of the list have that shape. Bold lead-ins inside a talk are its points, not talks."""
        blocks = self.doc.blocks
        for i, j in self._runs("item"):
            top = min(b.level for b in blocks[i:j])
            items = [k for k in range(i, j) if blocks[k].level == top]
            labels = {k: label for k in items if (label := self._item_label(blocks[k])) is not None}
            if len(labels) < len(items):
                labels = self._groups_by_their_items(items, j, labels)
            if len(labels) < len(items) or not any(blocks[m].level > top for m in range(i, j)):
                self._talk_items(roles, items, self._context_role(roles, i))
                continue
            for k, end in zip(items, [*items[1:], j], strict=True):  # "- Keynotes", "• Day 1:" over their talks
                roles[k] = labels[k]
                self._talk_items(roles, [m for m in range(k + 1, end) if blocks[m].level == top + 1], "group")

    def _groups_by_their_items(self, items: list[int], j: int, labels: dict[int, _Heading]) -> dict[int, _Heading]:
        """Short one-line items, each over items that mostly name their speakers ("* Föredrag" over "Title -
        *Speaker*" lines): each groups talks whatever its word, in any language. Else the labels as they were."""
        blocks = self.doc.blocks
        children = {
            k: [m for m in range(k + 1, end) if blocks[m].level == blocks[k].level + 1]
            for k, end in zip(items, [*items[1:], j], strict=True)
        }
        every_child = [m for k in items for m in children[k]]
        with_people = [m for m in every_child if self._item_names_people(blocks[m])]
        if (
            len(with_people) < 2
            or len(with_people) < len(every_child) * 0.6
            or any(not children[k] or "\n" in blocks[k].text or len(blocks[k].text.split()) > 3 for k in items)
        ):
            return labels
        return {k: labels.get(k, _Heading("group", blocks[k])) for k in items}

    def _item_names_people(self, item: Block) -> bool:
        """The item names who presented: a person's notes follow it, or its heading ends in people."""
        return bool(
            item.start in self.people_notes
            or split_heading(self._item_heading_of(item), [text for text, _ in item.links])[2]
            or (self.speaker_colon and speaker_prefix(item.text.partition("\n")[0]))
        )

    def _item_label(self, block: Block) -> _Heading | None:
        """A list item that only names a group of talks ("Keynotes") or a day ("Day 2:"), as a heading would."""
        text = block.text.strip()
        if "\n" in text:
            return None
        if (day := DAY_HEADING.match(text)) and not names_more_than_a_day(text):
            return _Heading("day", block, self.day_number(day))
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
        with_people = [k for k in items if self._item_names_people(blocks[k])]
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
            or (grouped and "\n" not in blocks[k].text and (title_like(blocks[k].text) or self._has_sub_items(k)))
            or (titled and "\n" not in blocks[k].text and title_like(blocks[k].text) and _title_case(blocks[k].text))
            or _linked_talk_page(blocks[k])
        ]
        if context in (None, "title", "talk") and self._presenter_list(roles, items):
            return
        # "Day 2" over one "Title (Ann Lee)"; anywhere but in a talk, "- notes … [Title - Ann Lee, Acme](video)"
        lone = (
            len(items) == 1
            and with_people == items
            and (grouped or (context != "talk" and self._linked_byline(blocks[items[0]])))
        )
        if not lone and (len(talk_items) < 2 or len(talk_items) < len(items) * 0.6):
            return
        if grouped or titled:  # a list of titles: its other one-line items are titles too
            one_line = [k for k in items if "\n" not in blocks[k].text and heading_like(blocks[k].text)]
            talk_items = [k for k in items if k in talk_items or k in one_line]
        for k in talk_items:
            roles[k] = _Heading("talk", blocks[k])
        # Two items or more whose lead names people before a title make it the list's layout: then its other items
        # whose lead names people have it too, whatever their title's length (most of the list's leads must).
        led = [k for k in talk_items if blocks[k].lead]
        people_leads = [k for k in led if _people_lead(blocks[k], among_siblings=True)]
        if sum(1 for k in people_leads if _people_lead(blocks[k])) >= 2 and len(people_leads) * 2 > len(led):
            self.people_leads.update(blocks[k].start for k in people_leads)
        for k in labels:
            roles[k] = _Heading("group", blocks[k])  # "Keynotes" among the titles: it groups the ones after it
        for k in fillers:
            roles[k] = _Heading("nontalk", blocks[k])
        if self._plain_talk_heading(above, roles):
            roles[above] = _Heading("group", blocks[above])  # "Other talks" over a list of talks

    def _linked_byline(self, item: Block) -> bool:
        """The item's title is the text of a link to a talk's page or recording, its people after it or inside it
        ("[Title - Ann Lee, Acme](youtube…)"; not a blog post or a photo linked so)."""
        heading = self._item_heading_of(item)
        return any(
            (heading == text.strip() or heading.startswith(f"{text.strip()} by ")) and RECORDING_OR_PAGE.search(href)
            for text, href in item.links
        )

    def _list_alone_under(self, k: int | None, items: list[int], roles: dict[int, _Heading]) -> bool:
        """Heading k is a plain heading whose section is these items, after one paragraph at most ("## Liveblogs",
        "The ones I posted:", then the list): it heads the list, it is no talk of its own."""
        if not self._plain_talk_heading(k, roles):
            return False
        body = self._body_before_next_heading(k)
        return sum(1 for b in body if b.kind != "item") <= 1 and sum(1 for b in body if b.kind == "item") == len(items)

    def _item_heading_of(self, item: Block) -> str:
        """An item's heading (item_heading) as the notes' layouts read it."""
        return item_heading(item.text, item.links, item.tail, self.paren_people, self.run_on_people, item.emphasis)[0]

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
            self.presenter_items.add(blocks[k].start)
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
                and blocks[i].start not in self.field_titles  # "## Talk 1" over "Topic: Title" names its talk
                and blocks[i].start not in self.people_sections  # a person's session in parts
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
            after is not None
            and after.kind in ("paragraph", "line")
            and (byline_heading(after.text) or (_lone_name(after.text) and self._names_under_headings >= 3))
        )

    @cached_property
    def _names_under_headings(self) -> int:
        """How many headings have a line right under them that only names people: three or more make a lone name
        there ("> Raj Mehta") this notes' byline, as it is under its siblings."""
        blocks = self.doc.blocks
        return sum(
            1
            for b, after in itertools.pairwise(blocks)
            if b.kind == "heading"
            and after.kind in ("paragraph", "line")
            and (_lone_name(after.text) or byline_heading(after.text))
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
            self.field_titles[blocks[i].start] = (title, blocks[k].start + blocks[k].text.find(title))

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
        pages = {i: title for i in range(len(self.doc.blocks)) if i not in roles and (title := self._page_linked(i))}
        self._talks_where_a_section_holds_two(roles, list(pages))
        self.page_titles.update({self.doc.blocks[i].start: t for i, t in pages.items() if roles.get(i) is not None})

    def _page_linked(self, i: int) -> str:
        """A paragraph of prose that links one session's page on the schedule ("Svetlana's [talk about Kotlin
        Coroutines](…/sessions/kotlin-coroutines) was …"): that session's title, from the link's text ("" if none)."""
        block = self.doc.blocks[i]
        if block.kind != "paragraph" or block.aside or block.chrome or block.lead:
            return ""
        linked = [text.strip() for text, href in block.links if SESSION_PAGE.search(href)]
        title = TALK_ABOUT.sub("", linked[0]) if len(linked) == 1 else ""
        named = len(title.split()) >= 2 and not LINK_LINE_WORDS.fullmatch(title) and not UNNAMED_TALK.match(title)
        return title if named else ""

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
            and title_like(text)
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
            not title_like(title)
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
                    self.row_columns[blocks[k].start] = columns

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

    def day_number(self, match: re.Match) -> int | None:
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
