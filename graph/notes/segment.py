"""Notes document → talks.

The segmenter works on blocks (blocks.py), so every format goes through the same rules. roles.py reads what each
block is (a talk's title, a group, a day, the author's own section); this module assembles the talks from those
roles: each talk's title, kind, day, speakers and text, and the talks that only running text names. What a heading
says besides its title is bylines.py's; talks named in sentences are prose.py's; sections that are not talks by
their content are not_talks.py's; days are days.py's. Where the rules find no talk at all, a learned tagger of
block shapes (start_model.py) says which blocks start talks, and they are assembled here the same way.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from talkgraph.graph.notes.block_features import shape
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
    KIND_PREFIX,
    NAME,
    PRONOUN_START,
    SLIDES,
    URL,
    byline_speakers,
    comma_people_tail,
    common_words,
    heading_label,
    heading_like,
    item_heading,
    kind_in,
    lead_people,
    lone_first_names,
    one_document,
    opens_with,
    plausible_people,
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
from talkgraph.graph.notes.days import DAY_HEADING, DAY_IN_TEXT, DAY_IN_TITLE, names_more_than_a_day
from talkgraph.graph.notes.files import read_notes_text
from talkgraph.graph.notes.not_talks import (
    news_item,
    not_a_talk,
    schedule_filler,
    tag_line,
)
from talkgraph.graph.notes.prose import (
    PERSON_ACTING,
    PRESENTER,
    SENTENCE_OPENER,
    Mention,
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
    person_openings,
    pieces_at,
    presented_in_prose,
    presenters_introduced,
    presenters_of_listed_title,
    prose_people,
    sentence_start,
    talk_decorated,
    talk_in_prose,
    talk_pages,
    talks_named,
    title_from_address,
)
from talkgraph.graph.notes.roles import (
    CHOSEN_SESSIONS,
    FIELD_TITLE,
    GROUP_HEADING,
    LINK_LINE_WORDS,
    PEOPLE_NOTES,
    TIME_OR_NUMBER,
    Roles,
    _Heading,
    after_lead,
    title_like,
)
from talkgraph.graph.notes.sentences import split_sentences
from talkgraph.graph.notes.talks import NotesDocument, Speaker, Talk

CONTINUATION = re.compile(
    r"^(?:in particular|also|moreover|additionally|furthermore|he|she|they|his|her|their|it|this|these|and|but"
    r"|besides|finally|then,? (?:he|she|they))\b",
    re.I,
)
# "**Five Stages of Development** av *Ann Lee* showed …": after a bold title, "by" in a recap's language.
LEAD_BY = re.compile(
    rf"^(?:by|av|von|de|par|di|door|van|por|af)\s+\**(?P<people>{NAME}(?:\s+(?:and|och|und|et|y|og|en|&)\s+{NAME})?)\**"
)
WITH_PEOPLE = re.compile(rf"^(?P<title>.{{3,}}?)\s+with\s+(?P<people>{NAME}(?:(?:\s*[,&]\s*|\s+and\s+){NAME})*)\s*$")
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
# "View the talk over on Youtube", "Watch the recording": where the talk can be seen, no title.
WATCH_LINE = re.compile(r"^(?:view|watch|see)\b.{0,40}\b(?:youtube|vimeo|video|recording|slides)\b", re.I)
# "Several", "Some good", "Many of the": a share of the sessions, whose subjects are what they had in common.
SOME_OF_THEM = re.compile(
    r"\b(?:several|some|many|a\s+few|few|lots\s+of|plenty\s+of|numerous|multiple|various)\s+"
    r"(?:of\s+the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
# A question word in what the sessions were on: a clause ("how Acme and others use X, related tools and …"), not
# a list of subjects ("What's New in Java 14, Project Loom and …", capitalised, is one).
CLAUSE_WORD = re.compile(r"\b(?:how|what|why|which|who|whether)\s")
# "four half-hour presentations", "a strong line-up of keynotes": text about the sessions of a group, in plural.
INTRODUCES_SESSIONS = re.compile(r"\b(?:talks|presentations|sessions|keynotes|workshops|speakers|line-?up)\b", re.I)
# "Initech sent two speakers this year:", "From Acme Cloud we had three talks:": an affiliation for a list.
LEAD_IN_ORGANISATION = re.compile(
    r"^(?:from\s+)?(?P<org>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2})\s+(?:sent|brought|had|fielded|gave|contributed)"
    r"\s+(?:\w+\s+){0,2}(?:speakers|talks|presenters|people|engineers|sessions)\b[^.:]*:$"
)
# "Instructor - Ann Lee", "Speakers: Ann Lee & Tom Reyes": a field naming who gave the session the notes are of.
SESSION_PEOPLE = re.compile(
    r"^(?P<role>(?i:speakers?|presenters?|instructors?|teachers?|trainers?|facilitators?|hosts?))\s*[:\-–—]\s+"
    r"(?P<people>[A-ZÀ-Ý][^\n]{2,120})$"
)


def parse_file(path: str | Path) -> NotesDocument:
    """A notes file in any encoding read_notes_text recognises (BOM, UTF-8, detected code pages)."""
    path = Path(path)
    return parse_notes(read_notes_text(path).text, name=path.name)


def parse_notes(
    text: str, name: str = "notes.txt", fmt: Format | None = None, *, learned: bool = True
) -> NotesDocument:
    """The talks of a notes text, by the segmenter's rules; where they find none and `learned`, by the blocks the
    learned start tagger picks."""
    with one_document():
        return _parse_notes(text, name, fmt, learned=learned)


def _parse_notes(text: str, name: str, fmt: Format | None, *, learned: bool) -> NotesDocument:
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
    if not notes.talks and learned and (tagged := _tagged_talks(document, name)) is not None:
        return tagged
    if not notes.talks:
        notes.warnings.append(f"{name}: no talk found (no heading, title line, list or table of talks)")
    return notes


def _tagged_talks(document: BlockDocument, name: str) -> NotesDocument | None:
    """The talks that start where the learned tagger says, but only those whose titles read as titles: a start
    whose title is a sentence ("The speakers were Ann Lee and …") is text, and the talks are assembled again
    without it."""
    from talkgraph.graph.notes.start_model import start_model  # noqa: PLC0415 - numpy: only when the rules fail

    starts = set(start_model().starts(document.blocks, document.format))
    while starts:
        tagged = _Segmenter(document, name, starts=starts).run()
        prose = {_block_at(document.blocks, t.start) for t in tagged.talks if not _reads_as_title(t.title)}
        if not tagged.talks:
            return None
        if not prose & starts:
            tagged.warnings.append(
                f"{name}: the rules know no layout of these notes; {len(tagged.talks)} talk(s) found by the learned "
                "tagger of block shapes (check the titles)"
            )
            return tagged
        starts -= prose
    return None


def _without_material(title: str) -> str:
    """ "Scaling Queues (Recording/Slides)": the parenthesis names the talk's material, not part of its title."""
    said = MATERIAL_IN_PARENTHESES.search(title)
    return title[: said.start()] if said and said.start() and LINK_LINE_WORDS.fullmatch(said.group(1)) else title


MATERIAL_IN_PARENTHESES = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*$")


def _reads_as_title(title: str) -> bool:
    return heading_like(title) and not SENTENCE_INSIDE.search(title) and not WEB_ADDRESS.search(title)


def _block_at(blocks: list[Block], offset: int) -> int:
    return max(bisect_right([b.start for b in blocks], offset) - 1, 0)


SENTENCE_INSIDE = re.compile(r"\w[.!?]\s+[A-ZÀ-Ý]")  # "… sprach über Fehlerkultur. Die Aufzeichnung"
WEB_ADDRESS = re.compile(r"\b[\w-]+\.(?:com|org|net|io|dev|co)/\S")  # an embedded post: "Paper pic.twitter.com/x1"

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


def _nothing_after(talk: Talk, started: Block | None) -> bool:
    """The talk holds no text after the block that started it (its notes on that block's own line at most)."""
    return started is not None and all(b.start < started.end for b in talk.blocks)


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


class _Segmenter:
    def __init__(self, document: BlockDocument, name: str, starts: set[int] | None = None):
        self.doc = document
        self.name = name
        self.starts = starts  # the blocks the learned tagger says start talks, in place of the rules' talk roles
        self._one_mention = False  # the prose names one talk in passing, and who gave it (see run's last resort)
        self.talks: list[Talk] = []
        self.outside: list[Block] = []
        self._group_kind: str | None = None  # "Workshops" makes the talks under it tutorials
        self._group_level = 0
        self._enumeration_days: dict[int, int | None] = {}  # the day of an enumeration of sessions under a heading
        self.layout = Roles(document)

    def run(self) -> NotesDocument:
        if self.starts is None and (single := self._single_session()) is not None:
            return single
        roles = self.layout.read()
        if self.starts is not None:
            roles = _learned_roles(roles, self.starts, self.doc.blocks)
        title = next((r.block.text for r in roles.values() if r.role == "title"), None)
        title_day = DAY_IN_TITLE.search(title) if title else None
        day: int | None = self.layout.day_number(title_day) if title_day else None  # a one-day post dates every talk
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
        previous_one_line = one_line_list = False  # the current talk is one of a list of one-line items
        previous_item = None  # the block that started the talk before
        opened_at = -2  # the index of the block that started the current talk
        for index, block in enumerate(self.doc.blocks):
            if block.aside or block.chrome:
                self.outside.append(block)
                current = None if block.chrome else current  # share buttons, "Read more": the article has ended
                continue
            role = roles.get(index)
            if role is not None and role.role == "field":
                continue  # "Topic: Title" under "## Talk 1": the talk's title, read with its heading
            if role is not None and role.role == "byline":
                if current is not None and (not current.speakers or index in self.layout.field_people):
                    listed = byline_speakers(block.text, dashed=True) or [
                        Speaker(block.text.strip())
                    ]  # "- Pierre Zemb" under "Speakers:"
                    current.speakers += [s for s in listed if s not in current.speakers]
                    continue
                if current is not None and index == opened_at + 1 and (listed := byline_speakers(block.text)):
                    # "Same API, Different Execution" over "## Saul Shanabrook": the heading read as "Title, People"
                    # was all title; the byline under it names the people
                    current.title = KIND_PREFIX.sub("", self.doc.blocks[opened_at].text.partition("\n")[0]).strip()
                    current.speakers = listed
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
                if current is not None and one_line_list and block.kind == "paragraph":
                    self.outside.append(block)  # after a list of one-line items: the notes go on, no talk's text
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
                keynote_scope = bool(GROUP_HEADING.match(block.text.strip())) and "keynotes" in block.text.lower()
                continue  # notes titled "Keynotes" hold keynotes
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
                opened_at = index
                if named_group is not None:
                    under_group.setdefault(named_group.start, (named_group, []))[1].append(current)
                # a list item of one line: a title, maybe with its notes on that line
                one_line = block.kind == "item" and "\n" not in block.text.strip()
                one_line_list = (
                    one_line and previous is not None and previous_one_line and _nothing_after(previous, previous_item)
                )
                previous_one_line, previous_item = one_line, block
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
        structured = bool(self.talks)
        self._prose_talks(day, follow=not structured)
        if not self.talks:  # notes in prose alone: the talks its paragraphs name, and the people presenting
            self._talks_mentioned_in_prose(day)
            self._presenter_sessions(day)
        elif not structured:
            self._presenter_sessions(day, acting=False)  # prose that named some talks says who presented others
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
        self._sections_of_introduced_presenters()
        self._listed_talks_named_in_prose()
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
            talk.title = _without_material(talk.title)
            split_affiliations(talk)
            talk.kind = talk.kind if talk.kind != "talk" else self._kind_from_body(talk)
            if talk.day is None and (said := DAY_IN_TEXT.search(talk.body_text)):
                talk.day = self.layout.day_number(said)
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

    # talks

    def _start_talk(self, block: Block, day: int | None, keynote_scope: bool) -> tuple[Talk, bool]:
        """The talk a heading starts, and whether its kind came from its group rather than its heading."""
        if block.kind == "item":
            heading, notes = item_heading(
                block.text, block.links, block.tail, self.layout.paren_people, self.layout.run_on_people, block.emphasis
            )
        else:
            heading, notes = block.text.partition("\n")[::2]
            if (field := FIELD_TITLE.match(heading)) and not KIND_PREFIX.match(heading):
                heading = field.group("title")  # "Title: Scaling Queues": the field's value
        extra: list[Block] = []
        title_at: int | None = None  # where the title is written, when not in the block itself
        derived = block.start in self.layout.presenter_items or block.start in self.layout.people_notes
        if derived:  # "- Ann Lee showed …": a session the notes give no title, the whole item its text
            page = next(iter(talk_pages(block)), None)  # unless it links the talk's page: its text is the title
            title, kind, notes = page or _derived_title(block.text), None, ""
            derived = page is None
            presenter = PRESENTER.match(block.text)
            speakers = [Speaker(n) for n in split_names(prose_people(presenter.group("people")))] if presenter else []
            if block.start in self.layout.people_notes and (said := PEOPLE_NOTES.match(block.text)):
                org = strip_legal(said.group("org")) if said.group("org") else None
                speakers = [Speaker(name, org) for name in split_names(said.group("people"))]
            extra.append(Block("paragraph", block.text, block.start))
        elif block.kind == "row":
            title, kind, speakers, extra = self._row_talk(block)
        elif block.start in self.layout.people_leads:  # "- **Ann Lee** – Title": the bold names the people
            title, kind, _ = split_heading(after_lead(block))
            title = title[:-1] if re.search(r"[a-z]{3}\.$", title) else title  # "*Budgets for All.*": it closes
            speakers = lead_people(block.lead)
        elif block.lead:
            rest = heading[heading.find(block.lead) + len(block.lead) :].strip(" *:")
            label = re.match(r"^\((?P<words>[^()]*)\)\s*", rest)  # "**Title** ([details](…)), Ann Lee (Acme)"
            if label and LINK_LINE_WORDS.fullmatch(label.group("words")):
                rest = re.sub(r"^,\s*", "- ", rest[label.end() :])
            people = block.kind == "item" and split_heading(block.lead + " " + rest)[2]  # a paragraph's is prose
            title, kind, speakers = split_heading(f"{block.lead} {rest}" if people else block.lead)
            said = LEAD_BY.match(rest) if block.kind == "item" and not speakers else None
            after_people = ""  # what follows people named after the lead: the talk's notes
            if said and plausible_people(said.group("people")):  # "**Title** av *Ann Lee* visade …"
                speakers, rest = (
                    [Speaker(name) for name in split_names(prose_people(said.group("people")))],
                    rest[said.end() :],
                )
                after_people = rest
            if block.kind == "paragraph" and speakers:  # "*Apache Kafka: The rise of …*" is a title, not people
                title, speakers = KIND_PREFIX.sub("", block.lead).strip(), []
            if (after_people or not speakers) and rest.strip(" -–—|"):
                start = block.start + heading.find(rest) if rest in heading else block.start
                extra.append(Block("paragraph", rest.strip(" -–—|"), start + len(rest) - len(rest.lstrip(" -–—|"))))
        elif block.start in self.layout.people_sections:  # "## Karen Tracey - Django and the Community" in parts
            title, speakers = self.layout.people_sections[block.start]
            kind = kind_in(heading)
        elif block.start in self.layout.page_titles:  # "Svetlana's [talk about X](…/sessions/x) was …": X
            title, kind, speakers, notes = self.layout.page_titles[block.start], None, [], ""
            extra.append(Block("paragraph", block.text, block.start))
        elif block.start in self.layout.field_titles:  # "## Talk 1" over "Topic: Title": the field titles it
            field_title, title_at = self.layout.field_titles[block.start]
            title, kind, speakers = split_heading(field_title)
            kind = kind or kind_in(heading)
        else:
            title, kind, speakers = split_heading(heading, [text for text, _ in block.links])
            first = speaker_first(KIND_PREFIX.sub("", heading.strip())) if self.layout.speaker_first else None
            # "Hidde de Vries - Dialogs & Popovers": a tail of one-word names (or none) names no one whole
            one_word_names = all(len(name.split()) == 1 for p in speakers for name in split_names(p.name))
            if first and (one_word_names or common_words(first[1]) <= common_words(speakers)):
                title, speakers = first  # this notes' layout puts people first: "Ann Lee - Acme - Title"
            if not speakers and self.layout.paren_people and (closing := title_with_paren_people(title)):
                title, speakers = closing  # this notes' layout closes a title with its people: "Title (Ann Lee)"
            if not speakers and self.layout.speaker_colon and (opening := speaker_prefix(title)):
                title, speakers = opening  # this notes' layout opens with the people: "Ann Lee: Title"
            if not speakers and self.layout.comma_people and (tail := comma_people_tail(title)):
                title, speakers = tail  # this notes' layout closes a title with people after commas
        scoped_kind = kind is None
        if block.kind == "heading" and block.level <= self._group_level:
            self._group_kind = None  # a sibling of the group heading, not under it
        if kind is None:
            kind = "keynote" if keynote_scope else (self._group_kind or "talk")
        if not title and block.start in self.layout.people_sections:  # "## Jacob Kaplan-Moss" over his keynote's parts
            title, derived = f"{speakers[0].name}'s {'keynote' if kind == 'keynote' else 'talk'}", True
        title_start = title_at if title_at is not None else block.start + max(block.text.find(title), 0)
        if slug_title := title_from_address(title):
            title, derived = slug_title, True  # "## https://…/talks/scaling-queues-without-tears": its page's name
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
        title_col, speaker_col, org_col, labels = self.layout.row_columns[block.start]
        width = max(len(block.header), 1 + max(c for c in (title_col, speaker_col, org_col, *labels) if c is not None))
        cells = block.cells + [""] * (width - len(block.cells))  # a row may be shorter than the table
        title, kind, speakers = split_heading(cells[title_col])
        if not speakers and self.layout.paren_people and (said := title_with_paren_people(title)):
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
            cuts = [0] if whole else _mention_cuts(block.text, found)
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
            if (
                n == 0
                and day_section
                and len(sessions) >= 2
                and not (in_prose or first or _presenters(session[0]))
                and FIRST_PERSON.search(session[0].text)
            ):
                self.outside.extend(session)  # "What a day. I sat in on these sessions.": the author opens the day
                continue
            # one session under a heading takes its title, unless the heading names a choice ("Our favourite talks")
            named_by_group = n == 0 and not own_titles and not by_name and not CHOSEN_SESSIONS.match(group.text.strip())
            title = group.text.strip() if named_by_group else title
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
            if not talk.blocks and key in self.layout.nontalk_labels:
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
            titled_below = (
                first is not None
                and first.kind in ("item", "line")
                and title_like(first.text.strip())
                and not WATCH_LINE.match(first.text.strip())
            )
            # "View the talk on YouTube" may come between the name and the text that opens with the person
            opening = next((b for b in talk.blocks[:2] if opens_with(b.text.strip(), name)), None)
            if not (opens_with(body, name) or opening or (talk.kind == "keynote" and titled_below)):
                continue  # "Keynote: Fearless Concurrency" over "The talk covered …" is a title
            named = [m for m in named_in_block(opening) if _names(m, name)] if opening is not None else []
            if first is not None and titled_below:
                talk.title, talk.start, talk.blocks = first.text.strip(), first.start, talk.blocks[1:]
            elif named:  # "Zuzana Kunckova's talk, “The Curse of Knowledge”, …"
                talk.title = " ".join(named[0].group("title").split())
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
        day = self.layout.day_number(said) if said else None
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
                if SOME_OF_THEM.search(block.text, 0, match.start()) or CLAUSE_WORD.search(match.group("items")):
                    continue  # "Several sessions covered …", "talks on how Acme and others use X": no list
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
        left: list[Block] = []  # what stays outside (a list rebuilt once: removing block by block was quadratic)
        for block in self.outside:
            named = named_in_block(block)
            if current is not None and current.blocks and current.blocks[0].kind == "item" and block.kind != "item":
                current = None  # the list of talks has ended: a paragraph after it is no item's text
            if named:
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
                opening = opening_mention(block)
                if opening is None:
                    current.blocks.append(block)
                    continue
                # "Finally, a talk on storing large sets …": the paragraph opens with the next talk it names
                title = opening.title[:1].upper() + opening.title[1:]
                current = Talk(title, opening.kind, day, 0, block.start, blocks=[block], title_derived=True)
                current.speakers = [Speaker(name, opening.organisation) for name in opening.people]
                self._add_talk(current)
            else:
                left.append(block)
        self.outside = left

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

    def _sections_of_introduced_presenters(self) -> None:
        """A section under the author's heading ("Keynote Speakers") that says who gave its sessions, then one
        paragraph or more on each (presenters_introduced): those are the sessions, the opening the author's."""
        for section in [t for t in self.talks if not talk_decorated(t.title)]:
            if (found := presenters_introduced(section)) is None:
                continue
            talks, rest = found
            self.talks.remove(section)
            self.outside.extend(rest)
            for talk in talks:
                self._add_talk(talk)

    def _listed_talks_named_in_prose(self) -> None:
        """A talk that a list named by its title alone (no speaker, no text of its own) takes its speaker from a
        paragraph outside every talk that opens with a person and names that title ("Bridget Kromhout ran an
        in-depth Kubernetes 101 session"), and that paragraph as its text."""
        listed = [t for t in self.talks if not t.speakers and not t.blocks]
        openings = person_openings(self.outside) if listed else []
        for talk in listed:
            if (found := presenters_of_listed_title(talk.title, openings)) is not None:
                block, talk.speakers = found
                self.outside.remove(block)
                talk.blocks.append(block)
                openings = [o for o in openings if o[0] is not block]  # a paragraph is the text of one talk

    def _presenter_sessions(self, day: int | None, acting: bool = True) -> None:
        """Notes that name no talk at all, only people presenting ("Tab Atkins of the CSS working group talked
        about …", "Jessica Dillon told how Bugsnag was built", "Next up was Marta Lind, on DNS failover"): each
        sentence that says someone presented starts a session, titled from its subject or the sentence, and the
        sentences after it are its text. `acting`: also a paragraph that opens with someone doing anything
        ("Ada Rose Cannon took us into …"), where nothing else says what the sessions are ("Tom Reyes organised
        the day" beside talks named in prose is no session)."""
        # The outside list is rebuilt once at the end (removing block by block was quadratic): less the blocks
        # taken into sessions, plus the text before a first presenter that went on with no session (leads).
        taken: set[int] = set()
        leads: list[Block] = []
        for block in self.outside:
            if block.kind not in ("paragraph", "item", "line"):
                continue
            starts = []
            for sentence in split_sentences(block.text, block.start):
                said = PRESENTER.match(block.text, sentence.start - block.start)
                if said and plausible_people(said.group("people")):
                    starts.append(said.start())
                elif presented_in_prose(sentence.text) or (
                    acting and sentence.start == block.start and opens_with_person_acting(sentence.text)
                ):
                    starts.append(sentence.start - block.start)
            if not starts:
                if self.talks and self.talks[-1].title_derived and self.talks[-1].blocks[-1].end <= block.start:
                    self.talks[-1].blocks.append(block)  # the session goes on
                    taken.add(id(block))
                continue
            taken.add(id(block))
            lead, pieces = pieces_at(block, starts)
            if lead is not None:  # text before the first presenter continues the last session
                (self.talks[-1].blocks if self.talks and self.talks[-1].title_derived else leads).append(lead)
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
        self.outside = [b for b in self.outside if id(b) not in taken] + leads

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
        if SAID_TUTORIAL.search(opening):
            return "tutorial"
        if re.search(r"\bpanel(?:ists)?\b", talk.title.lower()):
            return "panel"
        return talk.kind


# The author speaking of themselves: a day's opening paragraph about the author's day, not about a session.
FIRST_PERSON = re.compile(r"(?<![\w/])I(?:['’](?:m|ve|d))?(?![\w/'’])|\b(?i:my|me)\b")  # not the "I" of "I/O"


# The opening of a talk's notes that says it was a tutorial ("In this workshop", "a hands-on lab"), not one that
# names a part of the programme ("The workshop track covered …", "the tutorial room").
SAID_TUTORIAL = re.compile(
    r"\b(?:tutorial|workshop|hands-on lab)\b(?!\s+(?:tracks?|rooms?|days?|series|programm?e?s?|schedules?)\b)"
)


# "Ophir Lojkine presenting SQLPage: web apps in SQL": a photo's caption that names the session on stage.
PRESENTING = re.compile(
    rf"^(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)\s+(?:presenting|presents)\s+(?P<title>[A-Z0-9].+)$"
)


def _learned_roles(roles: dict[int, _Heading], starts: set[int], blocks: list[Block]) -> dict[int, _Heading]:
    """The rules' roles with their talks (and the fields that title them) replaced by the tagger's starts; the
    document's title, days, groups, sections and bylines read by the rules stay where the tagger starts no talk. A
    heading, line or item of a start's shape that starts none is a section of its own ("4) Going home."): it ends
    the talk before it, as the rules' sections that are no talk do."""
    kept = {i: r for i, r in roles.items() if r.role not in ("talk", "field") and i not in starts}
    talk_shapes = {shape(blocks[i]) for i in starts if blocks[i].kind in ("heading", "line", "item")}
    sections = {
        i: _Heading("nontalk", b)
        for i, b in enumerate(blocks)
        if i not in starts and i not in kept and shape(b) in talk_shapes
    }
    return kept | sections | {i: _Heading("talk", blocks[i]) for i in starts}


def _presenters(block: Block) -> list[Speaker]:
    """The people a paragraph opens with presenting ("Next, Tom Reyes gave a talk on …", "Chris Mills complemented
    …", as _presenters_paragraphs reads them): its session's speakers."""
    first = split_sentences(block.text)[0].text if block.text.strip() else ""
    if opens_with_presenter(first):
        said = PRESENTER.match(first)
    elif opens_with_person_acting(first):
        said = PERSON_ACTING.match(first)
    else:
        return []
    return [Speaker(name) for name in split_names(prose_people(said.group("people")))] if said else []


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


def _names(match: re.Match, name: str) -> bool:
    """A talk named in prose (named_in_block) whose people are this person."""
    people = match.groupdict().get("people") or ""
    return bool(people) and name in split_names(prose_people(people))


def _mention_cuts(text: str, mentions: list[Mention]) -> list[int]:
    """Where each mentioned talk's text starts: at its sentence, or, for a talk named later in the same sentence as
    the one before where either is named with its people ("two stood out: Ann Lee's, on retries, and Tom Reyes's, on
    caches"), where it is named. (Talks named by title alone in one sentence keep it whole: it may say who gave each,
    read later.)"""
    cuts: list[int] = []
    for n, mention in enumerate(mentions):
        cut = sentence_start(text, mention.start)
        if cuts and cut <= cuts[-1]:  # the same sentence as the talk before
            with_people = bool(mention.people) or bool(mentions[n - 1].people)
            apart = mention.start > mentions[n - 1].start  # not one phrase naming two ("the X and Y keynotes")
            cut = mention.start if with_people and apart else cuts[-1]
        cuts.append(cut)
    return cuts


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
