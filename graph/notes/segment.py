"""Notes document → talks.

The segmenter works on blocks (graph/blocks.py), so every format goes through
the same rules: which headings (or bare title lines) start a talk, which only
group talks (days, "Keynotes"), which sections are not talks (travel,
conclusion), and what a heading says besides the title (kind, speakers).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from talkgraph.graph.notes.blocks import Block, BlockDocument, Format, NotesError, detect_format, read_blocks
from talkgraph.graph.notes.sentences import Sentence, split_sentences

KINDS = ("keynote", "talk", "tutorial", "update", "panel", "lightning")

DAY_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_HEADING = re.compile(
    r"^(?:day\s*(?P<num>\d+|one|two|three|four|five)|(?P<ord>first|second|third|fourth)\s+day"
    r"|(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
GROUP_HEADING = re.compile(
    r"^(?:(?:the\s+)?(?:morning|afternoon|evening|opening|closing)?\s*(?:keynotes?|talks?|sessions?|breakouts?"
    r"(?:\s+sessions)?|workshops?|tutorials?|lightning\s+talks?|panels?|presentations?)"
    r"(?:\s+(?:i|we)\s+(?:attended|saw|watched|liked))?"
    r"|(?:morning|afternoon|evening)(?:\s+\w+)?|agenda|schedule|sessions? notes|talk notes)\s*:?$",
    re.I,
)
NON_TALK = re.compile(
    r"^(?:conclusions?|in conclusion|key\s*take\s*-?\s*aways?|take\s*-?\s*aways?|summary|wrap[- ]?up|final thoughts"
    r"|closing thoughts|tl;?\s*dr|travel(?:ling)?|getting there|venue|hotel|sponsors?(?:hip)?|expo(?: hall)?"
    r"|booths?|swag|about(?: me| the author| this blog)?|introduction|intro|contents|table of contents"
    r"|resources|links|references|thanks|acknowledg\w*|further reading|comments?|share this|related posts?"
    r"|social|parties|party|food|networking events?|hallway track|overall|impressions|recap|recent posts|archives?"
    r"|categories|tags|search|subscribe|follow me|popular posts|blogroll|leave a reply|navigation|menu)\b",
    re.I,
)
SUBHEADING = re.compile(
    r"^(?:what|why|how|when|where|who|which|is|are|do|does|can|should|demo|demos|summary|q\s*&\s*a|questions"
    r"|background|problem|solution|architecture|lessons|learnings|overview|slides|video|notes|key points"
    r"|results|next steps|example|examples|use cases?|challenges|goals|motivation|i['’]m|i\s|here|there)\b",
    re.I,
)
SLIDES = re.compile(r"^(?:link to (?:the )?(?:slides?|deck|tutorial|video|recording|talk|code)|slides?:)", re.I)
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
CONTINUATION = re.compile(
    r"^(?:in particular|also|moreover|additionally|furthermore|he|she|they|his|her|their|it|this|these|and|but"
    r"|besides|finally|then,? (?:he|she|they))\b",
    re.I,
)

# Heading decorations: "Keynote: Title", "Title (Any Skill Level)", "#hashtags".
KIND_PREFIX = re.compile(
    r"^(?P<kind>keynote|sponsored keynote|tutorial|workshop|panel|lightning talk|talk|project update)\s*[:\-–—]\s*",
    re.I,
)
SKILL_SUFFIX = re.compile(r"\s*\((?:any|all|beginner|intermediate|advanced|introductory|expert)\b[^)]*\)\s*$", re.I)
HASHTAGS = re.compile(r"(?:\s+#[\w-]+)+\s*$")
# "Title by Speaker", "Title - Speaker, Role, Company", "Title — Speaker (Company)".
NAME = r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:van|von|de|da|del|der|di|le|la|du|[A-ZÀ-Ý][\w'’.-]*)){0,3}"
BY_SPEAKERS = re.compile(
    rf"^(?P<title>.+?)\s+by\s+(?P<people>{NAME}(?:\s*(?:,|&|and)\s*{NAME})*)(?:\s*\((?P<org>[^)]+)\))?\s*$"
)
DASH_SPEAKERS = re.compile(
    rf"^(?P<title>.+?)\s+[-–—|]\s+(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)(?P<rest>(?:\s*,\s*[^,]+){{0,2}}|\s*\((?P<org>[^)]+)\))\s*$"
)
SPEAKER_PREFIX = re.compile(rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*:\s+(?P<title>\S.+)$")


@dataclass
class Speaker:
    name: str
    affiliation: str | None = None


@dataclass
class Talk:
    title: str
    kind: str
    day: int | None
    position: int
    start: int  # offset of the title (or of the first body block for derived titles)
    blocks: list[Block] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    slides: list[str] = field(default_factory=list)
    title_derived: bool = False
    has_slides: bool = False  # the notes link slides (even when they give no address)

    @property
    def sentences(self) -> list[Sentence]:
        title = [] if self.title_derived else [Sentence(self.title, self.start)]
        return title + [s for block in self.blocks for s in split_sentences(block.text, block.start)]

    @property
    def body_text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@dataclass
class NotesDocument:
    name: str
    format: Format
    text: str
    title: str | None
    talks: list[Talk]
    outside: list[Block]  # blocks outside any talk (intro, conclusion): not scored, kept for search

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def parse_file(path: str | Path) -> NotesDocument:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NotesError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesError(f"{path} is not UTF-8 text (byte {exc.start} is invalid)") from None
    return parse_notes(text, name=path.name)


def parse_notes(text: str, name: str = "notes.txt", fmt: Format | None = None) -> NotesDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    document = read_blocks(text, fmt or detect_format(text, name))
    if not document.blocks:
        raise NotesError(f"{name} holds no text")
    return _Segmenter(document, name).run()


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
        self.talks: list[Talk] = []
        self.outside: list[Block] = []
        self.weekday_days: dict[str, int] = {}

    def run(self) -> NotesDocument:
        roles = self._roles()
        title = next((r.block.text for r in roles.values() if r.role == "title"), None)
        day: int | None = None
        keynote_scope = False  # inside a "Day N keynotes"/"Keynotes" group
        current: Talk | None = None
        untitled: list[Block] = []  # body blocks after a group heading, before any talk title
        group_block: Block | None = None
        in_nontalk = False
        talk_level = 99
        scoped_kind = False  # the current talk's kind came from its group, not its heading
        for index, block in enumerate(self.doc.blocks):
            role = roles.get(index)
            if role is not None and (
                role.role == "sub"
                or (
                    role.role == "talk" and current is not None and block.kind == "heading" and block.level > talk_level
                )
            ):
                role = None  # a heading inside a talk ("Demo", "Why?") is part of its text
            if role is None:
                if current is not None:
                    current.blocks.append(block)
                    if self._note_slides(current, block) and keynote_scope and scoped_kind:
                        # Slides mark a breakout after the day's keynotes; the heading dated the keynotes only.
                        keynote_scope, day, current.day, current.kind = False, None, None, "talk"
                elif group_block is not None and not in_nontalk:
                    untitled.append(block)
                else:
                    self.outside.append(block)
                continue
            self._flush_untitled(untitled, group_block, day, keynote_scope)
            untitled, current, in_nontalk = [], None, False
            if role.role == "title":
                continue
            if role.role in ("day", "group"):
                day = role.day if role.role == "day" else day
                keynote_scope = "keynote" in block.text.lower()
                group_block = block
            elif role.role == "nontalk":
                in_nontalk, group_block = True, None
                self.outside.append(block)
            else:
                current, scoped_kind = self._start_talk(block, day, keynote_scope)
                talk_level = block.level if block.kind == "heading" else 99
                if keynote_scope and current.kind in ("talk", "tutorial"):
                    keynote_scope, day, current.day = False, None, None
                group_block = None
        self._flush_untitled(untitled, group_block, day, keynote_scope)
        for talk in self.talks:
            talk.kind = talk.kind if talk.kind != "talk" else self._kind_from_body(talk)
        return NotesDocument(self.name, self.doc.format, self.doc.text, title, self.talks, self.outside)

    # roles of headings and bare lines

    def _roles(self) -> dict[int, _Heading]:
        blocks = self.doc.blocks
        roles: dict[int, _Heading] = {}
        headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        h1 = [i for i in headings if blocks[i].level == 1]
        if len(h1) == 1 and h1[0] == headings[0]:
            roles[h1[0]] = _Heading("title", blocks[h1[0]])
        for i in headings:
            if i in roles:
                continue
            roles[i] = self._heading_role(i)
        if self.doc.format == "text":
            self._line_roles(roles)
        self._talk_item_roles(roles)
        return roles

    def _heading_role(self, i: int) -> _Heading:
        block = self.doc.blocks[i]
        text = block.text.strip()
        day_match = DAY_HEADING.match(text)
        if day_match:
            return _Heading("day", block, self._day_number(day_match))
        if NON_TALK.match(text) and len(text.split()) <= 5:
            return _Heading("nontalk", block)
        if GROUP_HEADING.match(text):
            return _Heading("group", block)
        children = self._child_headings(i)
        body = self._body_before_next_heading(i)
        if children and (not body or (len(children) >= 2 and self._looks_like_group(children))):
            return _Heading("group", block)
        if SUBHEADING.match(text) and self._parent_is_talk(i):
            return _Heading("sub", block)
        return _Heading("talk", block)

    def _child_headings(self, i: int) -> list[Block]:
        level = self.doc.blocks[i].level
        children = []
        for block in self.doc.blocks[i + 1 :]:
            if block.kind == "heading":
                if block.level <= level:
                    break
                children.append(block)
        return children

    def _body_before_next_heading(self, i: int) -> list[Block]:
        body = []
        for block in self.doc.blocks[i + 1 :]:
            if block.kind == "heading":
                break
            body.append(block)
        return body

    @staticmethod
    def _looks_like_group(children: list[Block]) -> bool:
        """Children that read like talk titles (not 'Demo', 'Why?') make their parent a group."""
        top = min(c.level for c in children)
        direct = [c for c in children if c.level == top]
        subheadings = sum(
            1 for c in direct if SUBHEADING.match(c.text) or c.text.endswith("?") or NON_TALK.match(c.text)
        )
        return subheadings < len(direct) / 2

    def _parent_is_talk(self, i: int) -> bool:
        level = self.doc.blocks[i].level
        for block in reversed(self.doc.blocks[:i]):
            if block.kind == "heading" and block.level < level:
                return not (DAY_HEADING.match(block.text) or GROUP_HEADING.match(block.text))
        return False

    def _line_roles(self, roles: dict[int, _Heading]) -> None:
        """Plain text: decide which bare lines are days, groups, talk titles or non-talk sections."""
        blocks = self.doc.blocks
        first = True
        previous_role = None
        for i, block in enumerate(blocks):
            if block.kind != "line":
                previous_role = None
                first = False
                continue
            text = block.text.strip()
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            role = None
            if first and _heading_like(text):
                role = _Heading("title", block)
            elif (m := DAY_HEADING.match(text)) and len(text.split()) <= 6:
                role = _Heading("day", block, self._day_number(m))
            elif GROUP_HEADING.match(text):
                role = _Heading("group", block)
            elif NON_TALK.match(text) and len(text.split()) <= 6 and not text.endswith("."):
                role = _Heading("nontalk", block)
            elif _heading_like(text) and nxt is not None:
                followed_by_link = nxt.kind == "line" and SLIDES.match(nxt.text.strip())
                after_group = previous_role in ("day", "group")
                if followed_by_link or after_group or _title_case(text):
                    role = _Heading("talk", block)
            first = False
            previous_role = role.role if role else None
            if role:
                roles[i] = role

    def _talk_item_roles(self, roles: dict[int, _Heading]) -> None:
        """Bullet lists of talks ("• Title by Speaker"): each matching item starts a talk."""
        blocks = self.doc.blocks
        i = 0
        while i < len(blocks):
            if blocks[i].kind != "item":
                i += 1
                continue
            j = i
            while j < len(blocks) and blocks[j].kind == "item":
                j += 1
            top = min(b.level for b in blocks[i:j])
            items = [k for k in range(i, j) if blocks[k].level == top]
            talk_items = [k for k in items if _split_heading(blocks[k].text.split("\n")[0])[2]]
            if len(talk_items) >= 2 and len(talk_items) >= len(items) * 0.6:
                for k in talk_items:
                    roles[k] = _Heading("talk", blocks[k])
            i = j

    def _day_number(self, match: re.Match) -> int | None:
        if match.group("num"):
            num = match.group("num").lower()
            return int(num) if num.isdigit() else DAY_NUMBER_WORDS[num]
        if match.group("ord"):
            return DAY_NUMBER_WORDS[match.group("ord").lower()]
        weekday = match.group("weekday").lower()
        return self.weekday_days.setdefault(weekday, len(self.weekday_days) + 1)

    # talks

    def _start_talk(self, block: Block, day: int | None, keynote_scope: bool) -> tuple[Talk, bool]:
        """The talk a heading starts, and whether its kind came from its group rather than its heading."""
        heading, _, notes = block.text.partition("\n")  # a talk item's first line is its heading
        title, kind, speakers = _split_heading(heading)
        scoped_kind = kind is None
        if kind is None:
            kind = "keynote" if keynote_scope else "talk"
        title_start = block.start + max(block.text.find(title), 0)
        talk = Talk(title=title, kind=kind, day=day, position=len(self.talks), start=title_start, speakers=speakers)
        talk.slides.extend(href for text, href in block.links if href and SLIDES.match(f"link to {text}"))
        if notes.strip():
            offset = len(heading) + 1 + (len(notes) - len(notes.lstrip()))
            talk.blocks.append(Block("paragraph", notes.strip(), block.start + offset))
        self.talks.append(talk)
        return talk, scoped_kind

    @staticmethod
    def _note_slides(talk: Talk, block: Block) -> bool:
        """Record a "Link to slides" block; True when the block was one."""
        if not SLIDES.match(block.text.strip()):
            return False
        talk.has_slides = True
        talk.slides = list(dict.fromkeys([*talk.slides, *(href for _, href in block.links if href)]))
        return True

    def _flush_untitled(self, blocks: list[Block], group: Block | None, day: int | None, keynote_scope: bool) -> None:
        """Text right under a day/group heading: one session per paragraph that starts a new subject."""
        if not blocks or group is None:
            return
        sessions: list[list[Block]] = []
        for block in blocks:
            if sessions and (
                block.kind == "item" or CONTINUATION.match(block.text) or self._same_people(sessions[-1], block)
            ):
                sessions[-1].append(block)
            else:
                sessions.append([block])
        for n, session in enumerate(sessions):
            title = group.text.strip() if n == 0 else _derived_title(session[0].text)
            talk = Talk(
                title=title,
                kind="keynote" if keynote_scope else "talk",
                day=day,
                position=len(self.talks),
                start=session[0].start,
                blocks=session,
                title_derived=True,
            )
            self.talks.append(talk)
        self.talks.sort(key=lambda t: t.start)
        for position, talk in enumerate(self.talks):
            talk.position = position

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


def _heading_like(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 16
        and not text.endswith((".", ",", ";", ":"))
        and not SLIDES.match(text)
        and not PRONOUN_START.match(text)
    )


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
    sentence = re.sub(r"^(?:then|next|after that|later|finally|first|afterwards)\s*,?\s+", "", sentence, flags=re.I)
    lead = re.match(r"^(?:during|in|at|after|before|for)\b[^,]{0,40},\s*", sentence, re.I)
    if lead:
        sentence = sentence[lead.end() :]
    words = sentence.split()
    title = " ".join(words[:max_words]).rstrip(",;:")
    return (title[0].upper() + title[1:] + ("…" if len(words) > max_words else "")) if title else "Untitled session"


def _split_heading(text: str) -> tuple[str, str | None, list[Speaker]]:
    """Heading text → (title, kind or None, speakers) from the decorations it carries."""
    text = HASHTAGS.sub("", text.strip())
    kind = None
    prefix = KIND_PREFIX.match(text)
    if prefix:
        word = prefix.group("kind").lower()
        kind = {
            "workshop": "tutorial",
            "sponsored keynote": "keynote",
            "lightning talk": "lightning",
            "project update": "update",
        }.get(word, word)
        text = text[prefix.end() :]
    text = SKILL_SUFFIX.sub("", text).strip()
    speakers: list[Speaker] = []
    for pattern in (BY_SPEAKERS, DASH_SPEAKERS):
        match = pattern.match(text)
        if match and _plausible_people(match.group("people")):
            org = match.groupdict().get("org")
            rest = (match.groupdict().get("rest") or "").strip(" ,")
            if not org and rest:
                org = rest.split(",")[-1].strip() or None
            speakers = [
                Speaker(name, org) for name in re.split(r"\s*(?:,|&|\band\b)\s*", match.group("people")) if name
            ]
            text = match.group("title").strip()
            break
    else:
        match = SPEAKER_PREFIX.match(text)
        if match and _plausible_people(match.group("people")) and len(match.group("people").split()) >= 2:
            speakers = [Speaker(name) for name in re.split(r"\s*(?:&|\band\b)\s*", match.group("people"))]
            text = match.group("title").strip()
    if kind is None:
        lowered = text.lower()
        if re.search(r"\bkeynote\b", lowered):
            kind = "keynote"
        elif re.search(r"\b(?:project )?updates?\b", lowered) and "project" in lowered:
            kind = "update"
        elif re.search(r"\b(?:tutorial|workshop)\b", lowered):
            kind = "tutorial"
        elif re.search(r"\bpanel\b", lowered):
            kind = "panel"
    return text.strip(" :-–—"), kind, speakers


def _plausible_people(people: str) -> bool:
    """Names, not the end of a title ("Scaling with Kubernetes Operators")."""
    names = re.split(r"\s*(?:,|&|\band\b)\s*", people)
    for name in names:
        tokens = name.split()
        if not 2 <= len(tokens) <= 4 and not (len(tokens) == 1 and len(names) > 1):
            return False
        if any(t.lower() in SMALL_WORDS or (t.isupper() and len(t) > 1) for t in tokens):
            return False
        if any(re.search(r"[a-z][A-Z]|\d", t) for t in tokens):  # CamelCase or digits: software, not people
            return False
    return True
