"""Read a notes file of any format into one plain text made of blocks.

Every format (plain text, Markdown, HTML) becomes the same thing: a list of
blocks (headings, bare lines, paragraphs, list items) over one plain text, with
character offsets into that text. The segmenter (graph/notes.py) then only
deals with blocks, never with a format. For plain text the plain text is the
file itself, so offsets point into the file the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from docutils import nodes
from docutils.core import publish_doctree
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from talkgraph.graph.errors import TalkgraphError

BlockKind = Literal["heading", "line", "paragraph", "item", "row"]
Format = Literal["text", "markdown", "html", "rst"]

BULLET = re.compile(r"^[ \t]*(?:[•●◦▪▸►‣·*+]|-(?=\s)|–(?=\s)|\d{1,2}[.)](?=\s))\s*")
# A schedule's time of day ("9:00", "10.45", "2 pm", "14h30", "9:00-9:30", "Noon"); a bare number is a row's number.
TIME_OF_DAY = re.compile(
    r"(?i)\s*(?:(?:\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s*[-–—]\s*\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?)?|noon|midday)\s*"
)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
BOLD_HEADING_LEVEL = 7  # below every real heading level: a bold title nests under h1-h6 groups
# A reStructuredText section title: a line underlined (and maybe overlined) with one punctuation character.
RST_HEADING = re.compile(r"^[^\s].*\n([=\-~^\"'`#*+:.])\1{2,}[ \t]*$", re.M)
# YAML ("---") or TOML ("+++") front matter of a static-site post.
FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.S)
PERMALINK = re.compile(r"^\s*[#¶§🔗]\s*$")  # the mark of a link to a heading's own anchor
HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][\w.#:-]+(?:\s+[#.][\w.#:-]+)*\}\s*$")  # "## Talks {#talks}" (kramdown)
HUGO_REF = re.compile(r"\{\{[<%]\s*(?:rel)?ref\s+\"(?P<path>[^\"\s]+)\"\s*[>%]\}\}")
# A static-site template's tag ("{{< youtube id >}}", "{{< figure src=… >}}" over several lines, "{% include x %}"):
# markup of the page, no notes. No brace inside: a tag left open runs to the next closing "}}" (across paragraphs
# too), never past another tag's opening.
TEMPLATE_TAG = re.compile(r"\{\{[<%][^{}]*[>%]\}\}|\{%[^{}%]*%\}")
# Fenced code and code spans, where a template tag is what the notes show ("{% for talk in talks %}").
CODE_IN_MARKDOWN = re.compile(r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[^\n]*$|`[^`\n]+`", re.M | re.S)
SQUASHED_HEADING = re.compile(r"^(#{2,6})([^\s#])", re.M)
# "- [A](…) -- fine.- [B](…) -- also fine.": list items whose line breaks were lost in a copy, one per sentence end
SQUASHED_ITEM = re.compile(r"^([ \t]*[-*+][ \t]+\[.*)$", re.M)
SQUASHED_ITEM_BREAK = re.compile(r"(?<=[.!?)])[-*+][ \t]+(?=\[)")
DASHED = re.compile(r"\s*[-–—]")  # "[Title](…) -- what it was": a dash after a linked lead, not a glossary's colon
# MultiMarkdown / Pelican metadata: "Title: …" / "Date: …" lines opening the file, no fences, up to a blank line
METADATA = re.compile(r"\A(?:[A-Za-z][\w-]{1,20}[ \t]*:[^\n]*\n){2,}(?=[ \t]*\n)")
METADATA_TITLE = re.compile(r"^title\s*:\s*(?P<t>.+?)\s*$", re.M | re.I)
# "TIP", "NOTE:", "[!WARNING]": the label an admonition opens with.
ADMONITION = re.compile(r"^\s*(?:\[!\w+\]|[A-Z]{3,}\b:?)(?:\s|$)")
# A person's profile on a social network: twitter.com/ann, x.com/ann, linkedin.com/in/ann, github.com/ann,
# mastodon.social/@ann, bsky.app/profile/ann.
PROFILE_URL = re.compile(
    r"^https?://(?:www\.)?(?:(?:twitter|x)\.com/\w+|linkedin\.com/(?:in|pub)/[^/?#]+|github\.com/[\w-]+"
    r"|bsky\.app/profile/[^/?#]+|[\w.-]+/@\w+)/?(?:[?#].*)?$",
    re.I,
)
SOCIAL_NETWORK = re.compile(r"^(?:@\w[\w.@-]*|twitter|x|linkedin|github|mastodon|bluesky|bsky|profile)$", re.I)
# A line of a web page's chrome, copied with its text: navigation, share buttons, comment counts, dates, tags.
CHROME_LINE = re.compile(
    r"^(?:skip to (?:main )?content|(?:main )?menu|home|blog|about(?: me| us)?|contact(?: me| us)?|search\W*|archives?"
    r"|categories|tweet|share|(?:share|tweet|e-?mail|print|save) (?:this|it|on \w+)(?: (?:post|article|page))?\W*|e-?mail|print|pocket|reddit|facebook|twitter|linkedin"
    r"|whatsapp|telegram|mastodon|like(?: this)?:?|(?:like )?loading\W*|related(?: posts?| articles?)?:?"
    r"|(?:read|view|show) more\W*|continue reading\W*|leave a (?:reply|comment)|(?:\d+|no) (?:comments?|responses?"
    r"|likes?|shares?|replies)|comments?(?: \(\d+\))?:?|(?:posted|published|written|filed|tagged)(?: (?:in|on|by|under|with))?\b.*"
    r"|tags?:.*|categor(?:y|ies):.*|(?:previous|next|older|newer)(?: posts?| entry| article)?(?!\s*(?:\.\.\.|…))\W*|subscribe\W*"
    r"|follow (?:me|us)\b.*|in [\"“][^\"”]+[\"”]|reply|(?:\d+|one|no) (?:thoughts?|responses?|comments?|replies) (?:on|to)\b.*"
    r"|\d+ min(?:ute)?s? read|listen to this (?:article|post)|[\w .'-]{3,40} says:"
    r"|canonical link|exported from \w+ on\b.*|by [\w .'-]{3,40} on \w+ \d{1,2},? \d{4}\.?"  # a Medium export's end
    r"|https?://(?:www\.)?(?:twitter|x|facebook|linkedin|reddit|pinterest|t\.me|wa\.me|news\.ycombinator)\.\w+/\S*"
    r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun"
    r"|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*$",
    re.I,
)
# Links between a blog's posts, written as a heading or a line: "<< Prev ----- Next >>", "« Older posts | Newer »".
PAGER = re.compile(
    r"^(?:[«‹←<\s]*(?:prev(?:ious)?|next|older|newer)(?: posts?| entry| entries| articles?| page| issue)?[»›→>\s]*"
    r"(?:[|·•/–—-]+\s*)?){1,2}$",
    re.I,
)
HTML_TAG = re.compile(r"<(?:html|body|p|h[1-6]|div|article|ul|li)\b", re.I)


class NotesError(TalkgraphError, ValueError):
    """The notes file cannot be read as notes (a clear message, never a traceback)."""

    status = 422


class _NoItems(list):
    """The one empty list that every block without links, code spans, cells or a header shares: most blocks have
    none, and four empty lists were half of a block's memory. It refuses to grow, so no block can fill another's."""

    def _refuse(self, *args, **kwargs):
        raise TypeError("a block's empty list is shared: give the block a list of its own")

    append = extend = insert = remove = pop = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse


NO_ITEMS: list = _NoItems()


def _no_items() -> list:
    return NO_ITEMS


@dataclass(slots=True)  # no __dict__ per block: a 50 MB file holds about 500,000 of them
class Block:
    kind: BlockKind
    text: str
    start: int
    level: int = 0  # heading level (1-6); nesting depth for list items
    links: list[tuple[str, str]] = field(default_factory=_no_items)  # (link text, href)
    code: list[str] = field(default_factory=_no_items)  # inline code spans: names often written as code
    lead: str = ""  # a bold lead-in ("**Title**: description"): the item's own title
    cells: list[str] = field(default_factory=_no_items)  # a table row's cells (kind "row")
    header: list[str] = field(default_factory=_no_items)  # …and its table's column names
    aside: bool = False  # an admonition ("> **TIP** …", "> [!NOTE]"): a remark of the author, in no talk
    tail: str = ""  # a bold or emphasised run closing the first line after other text ("Title **Ann Lee, Acme**")
    chrome: bool = False  # only a web page's chrome (share buttons, a date, "Read more"): in no talk, and ends one
    emphasis: list[str] = field(default_factory=_no_items)  # emphasised runs in prose: "*Title*, by Ann Lee"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class BlockDocument:
    format: Format
    text: str
    blocks: list[Block]


def detect_format(text: str, filename: str = "") -> Format:
    """By extension first, then by content: a saved blog post may be named .txt."""
    name = filename.lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if name.endswith((".rst", ".rest")):
        return "rst"
    head = text[:4000]
    if head.lstrip().lower().startswith(("<!doctype html", "<html")) or len(HTML_TAG.findall(head)) >= 3:
        return "html"
    if len(MARKDOWN_HEADING.findall(text)) >= 2:
        return "markdown"
    if len(RST_HEADING.findall(text)) >= 2:
        return "rst"
    return "text"


def read_blocks(text: str, fmt: Format) -> BlockDocument:
    if "\x00" in text:
        raise NotesError("the file contains NUL characters: it looks binary, not notes")
    reader = {"text": _text_blocks, "markdown": _markdown_blocks, "html": _html_blocks, "rst": _rst_blocks}[fmt]
    document = reader(text)
    _pictograph_bullets(document.blocks)
    return document


# The pictographs people write as bullets or to close a remark ("🌳", "👉", "✅", "😁"): a character class's ranges.
PICTOGRAPHS = "\U0001f300-\U0001faff\u2600-\u27bf"
# A pictograph opening a paragraph, as a bullet ("🌳 [Title - Ann Lee](…)", "👉 …"; "⭐", "⭕" too).
PICTOGRAPH_BULLET = re.compile(rf"^([{PICTOGRAPHS}\u2B50\u2B55])\ufe0f?[ \t]+(?=\S)")


def _pictograph_bullets(blocks: list[Block]) -> None:
    """Paragraphs that open with the same pictograph, two or more: the author's bullets, so each is a list item
    (the pictograph left out of its text)."""
    opened: dict[str, list[tuple[Block, int]]] = {}
    for block in blocks:
        if block.kind == "paragraph" and not block.aside and (bullet := PICTOGRAPH_BULLET.match(block.text)):
            opened.setdefault(bullet.group(1), []).append((block, bullet.end()))
    for bulleted in opened.values():
        if len(bulleted) < 2:
            continue
        for block, end in bulleted:
            block.kind, block.text, block.start = "item", block.text[end:], block.start + end


# -- plain text ---------------------------------------------------------------


def _text_blocks(text: str) -> BlockDocument:
    """Paragraphs are separated by blank lines; bullets are items; a lone short line is a 'line'. Where two or more
    paragraphs open with a short title line right above their sentences, those lines are headings."""
    blocks: list[Block] = []
    paragraphs = []
    for para in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text):
        lines = [(m.start() + para.start(), m.group()) for m in re.finditer(r"[^\n]+", para.group())]
        # a line that only gives a time of day ("09:00" over a title and its speaker) is a slot's time, no text
        lines = [(start, line) for start, line in lines if line.strip() and not TIME_OF_DAY.fullmatch(line)]
        paragraphs.extend(_unwrapped_paragraphs(lines))
    titled = sum(1 for lines in paragraphs if _titled_paragraph(lines)) >= 2
    for lines in paragraphs:
        if not lines:
            continue
        if _chrome("\n".join(line for _, line in lines)):
            start, _ = _strip_span(*lines[0])
            end_start, last = _strip_span(*lines[-1])
            kind: BlockKind = "line" if len(lines) == 1 else "paragraph"
            blocks.append(Block(kind, text[start : end_start + len(last)], start, chrome=True))
            continue
        if titled and _titled_paragraph(lines):
            start, line = _strip_span(*lines[0])
            blocks.append(Block("heading", line, start, BOLD_HEADING_LEVEL))
            lines = lines[1:]
        if any(BULLET.match(line) for _, line in lines):
            blocks.extend(_bullet_items(text, lines))
        elif _lines_of_talks(lines):  # a list written without bullets: each line an item
            blocks.extend(Block("item", line, start) for start, line in (_strip_span(*line) for line in lines))
        elif len(lines) == 1:
            start, line = _strip_span(*lines[0])
            blocks.append(Block("line", line, start))
        else:
            start, _ = _strip_span(*lines[0])
            end_start, last = _strip_span(*lines[-1])
            blocks.append(Block("paragraph", text[start : end_start + len(last)], start))
    return BlockDocument("text", text, blocks)


UNWRAPPED_LINE = 120  # nobody wraps prose wider: a longer line is a whole paragraph written on one line


def _unwrapped_paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Notes written one paragraph per line with no blank line between them ("Title" / its paragraph / "Title"
    / …): each line without a sentence's end starts a paragraph of its own, so that the titled-paragraph rule below
    sees each title over its text; so do a line that ends with a colon and the line after it ("Notes:" / "- …"),
    and a list (bullets and the lines indented under them). Text wrapped at a width, or with one long line, stays
    one paragraph."""
    if sum(len(line) > UNWRAPPED_LINE for _, line in lines) < 2:
        return [lines]
    groups: list[list[tuple[int, str]]] = []
    for start, line in lines:
        bullet = bool(BULLET.match(line))
        in_list = bool(groups) and bool(BULLET.match(groups[-1][0][1]))
        after_colon = bool(groups) and groups[-1][-1][1].rstrip().endswith(":")
        if bullet or (in_list and _indent(line) > _indent(groups[-1][0][1])):
            opens = not in_list  # an item, or an item's own text indented under it
        else:
            opens = (
                in_list
                or after_colon
                or line.rstrip().endswith(":")
                or (len(line) <= UNWRAPPED_LINE and not line.rstrip().endswith((".", ",", ";", "!", "?")))
            )
        if opens or not groups:
            groups.append([(start, line)])
        else:
            groups[-1].append((start, line))
    return groups


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


# A title line that goes on with its people: "Title - Ann Lee", "Title by Ann Lee", "Title (Ann Lee)",
# "Title, Ann Lee", "Title with Ann Lee".
TITLE_WITH_PEOPLE = re.compile(
    r"\s[-–—|~]\s+[A-Z]|\sby\s+[A-Z]|\s\([A-Z][^()]*\)$|(?:,|\swith)\s+[A-Z][a-z]+\s+[A-Z][\w'’-]+$"
)
# "Keynote: To the moon", "Closing keynote: Paging Less": a line that says it names a session.
SESSION_LABEL = re.compile(r"^(?:[A-Za-z]+\s+)?(?:keynote|talk|tutorial|workshop|panel|session)\s*:\s+\S", re.I)


def _titled_paragraph(lines: list[tuple[int, str]]) -> bool:
    """A short line without a sentence's end, right above sentences that start on the next line: "Tracing 3.0" /
    "Tom explained the new format." (not prose wrapped at a width, whose first line is as long as the others,
    unless the line goes on with people as titles do, "Title - Ann Lee", or says it names a session)."""
    if len(lines) < 2 or BULLET.match(lines[0][1]):
        return False
    first, rest = lines[0][1].strip(), [line.strip() for _, line in lines[1:]]
    decorated = bool(TITLE_WITH_PEOPLE.search(first) or SESSION_LABEL.match(first))
    short = len(first.split()) <= 10 and len(first) <= 60
    return (
        (short or (decorated and len(first.split()) <= 20 and len(first) <= 140))  # a title and its people: longer
        and not first.endswith((".", ",", ";", ":", "!", "?"))
        and (rest[0][:1].isupper() or rest[0][:1].isdigit())
        and rest[-1].endswith((".", "!", "?", ".)", '."'))
        and (len(first) < 0.8 * max(len(line) for line in rest) or decorated)
        and not BULLET.match(rest[0])
    )


# People after a title's separator or in its closing parenthesis ("Title - Ann Lee", "Title | Ann Lee", "Title (Ann
# Lee)"), not after "by" or "with", which prose uses too ("Walked to the venue by Lake Erie").
LISTED_PEOPLE = re.compile(r"\s[-–—|~]\s+[A-Z]|\s\([A-Z][^()]*\)$")


def _lines_of_talks(lines: list[tuple[int, str]]) -> bool:
    """Lines that each name a talk, one a line, with no bullets ("09:00 Title - Ann Lee, Acme" / "Coffee break" /
    …): two or more, most of them naming their people after a separator or a slot's time, none ending a sentence
    or longer than a title and its people are written."""
    from talkgraph.graph.notes.bylines import split_heading  # noqa: PLC0415 - bylines' Talk imports blocks

    texts = [line.strip() for _, line in lines]
    if len(texts) < 2 or not all(len(line) <= 160 and not line.endswith((".", ",", ";", ":", "!")) for line in texts):
        return False
    named = sum(
        1 for line in texts if (TIME_OF_DAY.match(line) or LISTED_PEOPLE.search(line)) and split_heading(line)[2]
    )
    return named >= 2 and named * 2 >= len(texts)


def _bullet_items(text: str, lines: list[tuple[int, str]]) -> list[Block]:
    """Each bullet line starts an item; lines without a bullet continue the item (or paragraph) before, unless
    they are written left of the bullets, which ends the list."""
    items: list[Block] = []
    marker_indent = 0
    for start, line in lines:
        marker = BULLET.match(line)
        body_start, body = _strip_span(
            start + (marker.end() if marker else 0), line[marker.end() :] if marker else line
        )
        indent = _indent(line)
        if marker:
            marker_indent = indent
            items.append(Block("item", body, body_start, level=indent // 2))
        elif items and items[-1].kind == "item" and indent < marker_indent:
            items.append(Block("paragraph", body, body_start))  # written left of the bullets: the list has ended
        elif items:
            last = items[-1]
            items[-1] = Block(last.kind, text[last.start : body_start + len(body)], last.start, last.level)
        else:
            items.append(Block("paragraph", body, body_start))
    return items


def _strip_span(start: int, line: str) -> tuple[int, str]:
    stripped = line.strip()
    return start + (len(line) - len(line.lstrip())), stripped


# -- built text for Markdown and HTML -----------------------------------------


class _TextBuilder:
    """Joins blocks with blank lines and records where each one starts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def add(
        self,
        kind: BlockKind,
        text: str,
        level: int = 0,
        links: list[tuple[str, str]] | None = None,
        code: list[str] | None = None,
        **extra,
    ) -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text.replace(CELL_BREAK, "\n")).strip()  # a cell's break
        text = re.sub(r" ?\n ?", "\n", text)
        if not text:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        if not extra.get("emphasis"):
            extra.pop("emphasis", None)  # most blocks have none: they share the empty list
        self.blocks.append(Block(kind, text, self.length, level, links or NO_ITEMS, code or NO_ITEMS, **extra))
        self.parts.append(text)
        self.length += len(text)

    def document(self, fmt: Format) -> BlockDocument:
        return BlockDocument(fmt, "".join(self.parts), self.blocks)


CellMarks = tuple[list[tuple[str, str]], list[str], str]  # a Markdown table cell's links, code spans and bold lead-in


def _markdown_blocks(text: str) -> BlockDocument:
    builder = _TextBuilder()
    title, body = _front_matter(text)
    if body is not text:  # a static-site post: its front matter's title is the document's title, the rest no notes
        text = _titled_body(title, body)
    elif (metadata := METADATA.match(text)) and (field := METADATA_TITLE.search(metadata.group())):
        text = _titled_body(field.group("t"), text[metadata.end() :])  # the same, in the unfenced MultiMarkdown form
    text = SQUASHED_HEADING.sub(r"\1 \2", text)  # "##Day 1": a heading whose space was forgotten
    text = HUGO_REF.sub(r"\g<path>", text)  # "[Title]({{< ref "/talk.md" >}})": a Hugo post's link to its own page
    text = _without_template_tags(text)
    text = SQUASHED_ITEM.sub(lambda m: SQUASHED_ITEM_BREAK.sub(lambda b: "\n" + b.group(), m.group()), text)
    tokens = MarkdownIt("commonmark").enable("table").use(deflist_plugin).parse(text)
    pending: tuple[BlockKind, int] = ("paragraph", 0)
    depth = quoted = 0
    item_paragraphs: list[int] = []  # per open list item, its paragraphs so far
    header: list[str] = []
    row: list[str] | None = None
    row_cells: list[CellMarks] = []  # per cell: its links, code, bold lead-in
    table: list[tuple[list[str], list[CellMarks]]] = []  # its body rows: their texts and their cells' marks
    for n, token in enumerate(tokens):
        if token.type == "heading_open" and token.markup == "-" and "\n" in tokens[n + 1].content:
            pending = ("paragraph", 0)  # lines over a "---" slide break: a paragraph, not a setext heading
        elif token.type == "heading_open":
            pending = ("heading", int(token.tag[1]))
        elif token.type == "dt_open":  # a definition list's term titles what follows, like a bold line
            pending = ("heading", BOLD_HEADING_LEVEL)
        elif token.type == "bullet_list_open" or token.type == "ordered_list_open":
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type in ("blockquote_open", "blockquote_close"):
            quoted += 1 if token.type == "blockquote_open" else -1
        elif token.type == "list_item_open":
            item_paragraphs.append(0)
        elif token.type == "list_item_close":
            item_paragraphs.pop()
        elif token.type == "paragraph_open":
            # An item's first paragraph is the item; its later ones ("1. [Title](…)" then an indented paragraph
            # about it) are text about the item, as a paragraph under a heading is.
            pending = ("item", depth - 1) if depth and not item_paragraphs[-1] else ("paragraph", 0)
            if item_paragraphs:
                item_paragraphs[-1] += 1
        elif token.type == "tr_open":
            row, row_cells = [], []
        elif token.type == "tr_close" and row is not None:
            if not header:
                header = row
            elif any(row):
                table.append((row, row_cells))
            row = None
        elif token.type == "table_close":
            _add_markdown_table(builder, header, table)
            header, table = [], []
        elif token.type == "inline" and row is not None:
            plain, links, code = _inline_text(token.children or [])
            cell = re.sub(r"\s+", " ", plain).strip()
            bold = _leading_bold(token.children or []) or _leading_bold(token.children or [], "link")
            row.append(cell)
            row_cells.append((links, code, bold.strip() if bold and _is_lead_in(bold, cell) else ""))
        elif token.type == "inline":
            plain, links, code = _inline_text(token.children or [])
            plain = HEADING_ATTRIBUTES.sub("", plain) if pending[0] == "heading" else plain
            children = token.children or []
            # Bold at the start of a quote is an admonition's label ("> **TIP**"), never a title.
            bold = _leading_bold(children) if pending[0] in ("paragraph", "item") and not quoted else None
            first, _, rest = plain.partition("\n")
            if pending[0] == "paragraph" and bold is not None and is_bold_heading(bold, first):
                builder.add("heading", first, BOLD_HEADING_LEVEL, links, code)
                builder.add("paragraph", rest, 0, links, code)
            else:
                lead = bold.strip() if pending[0] == "item" and bold and _is_lead_in(bold, first) else ""
                if pending[0] == "item" and not lead and (linked := _leading_bold(children, "link")):
                    lead = linked.strip() if _is_lead_in(linked, first) and DASHED.match(first[len(linked) :]) else ""
                if pending[0] == "paragraph" and not quoted:
                    lead = _paragraph_lead(_leading_bold(children, "em") or bold, first)
                    if not lead and rest.strip() and links and first.strip() == links[0][0] and _heading_words(first):
                        lead = first.strip()  # "[Title](video)" on a line of its own, the notes below it
                aside = bool(quoted and ADMONITION.match(plain)) or _figure(children)
                tail = _trailing_emphasis(children) if pending[0] in ("paragraph", "item") else ""
                if pending[0] == "paragraph" and _chrome(plain, fields=False):
                    builder.add("paragraph", plain, 0, links, code, chrome=True)  # a copied page's share buttons
                elif pending[0] == "paragraph" and not quoted and not lead and _lines_of_titles(plain):
                    for line in plain.split("\n"):  # titles one per line, written without bullets: a list
                        builder.add(
                            "item", line, 0, [lk for lk in links if lk[0] in line], [c for c in code if c in line]
                        )
                else:
                    emphasis = _emphasised_runs(children)
                    chrome = _pager(plain.strip())
                    builder.add(
                        pending[0],
                        plain,
                        pending[1],
                        links,
                        code,
                        lead=lead,
                        aside=aside,
                        tail=tail,
                        emphasis=emphasis,
                        chrome=chrome,
                    )
            pending = ("paragraph", 0)
        elif token.type in ("fence", "code_block"):
            builder.add("paragraph", token.content)
        elif token.type == "html_block":
            _add_html(token.content, builder)  # "<h3>Title</h3><p><strong>Ann Lee</strong> showed …</p>" in Markdown
    return builder.document("markdown")


def _add_markdown_table(
    builder: _TextBuilder,
    header: list[str],
    rows: list[tuple[list[str], list[CellMarks]]],
) -> None:
    """A table's body rows as "row" blocks with its column names; a schedule laid out as a grid (see schedule_grid)
    as one item per talk cell."""
    if rows and schedule_grid(header, [texts for texts, _ in rows]):
        for texts, cells in rows:
            for text, (links, code, lead) in list(zip(texts, cells, strict=True))[1:]:  # after the slot's time
                builder.add("item", text, 0, links, code, lead=lead)
        return
    for texts, cells in rows:
        links = [link for cell_links, _, _ in cells for link in cell_links]
        code = [span for _, cell_code, _ in cells for span in cell_code]
        builder.add("row", " | ".join(c for c in texts if c), 0, links, code, cells=texts, header=header)


def _without_template_tags(text: str) -> str:
    """The Markdown without its template tags (TEMPLATE_TAG), except inside code."""
    if "{{" not in text and "{%" not in text:
        return text
    pieces, last = [], 0
    for code in CODE_IN_MARKDOWN.finditer(text):
        pieces += [TEMPLATE_TAG.sub("", text[last : code.start()]), code.group()]
        last = code.end()
    return "".join([*pieces, TEMPLATE_TAG.sub("", text[last:])])


def _front_matter(text: str) -> tuple[str | None, str]:
    """A static-site post's front matter ("---" YAML or "+++" TOML) → its title, if it gives one, and the text after
    it (the text itself when it has none)."""
    front = FRONT_MATTER.match(text)
    if not front:
        return None, text
    title = re.search(r"^title\s*[:=]\s*[\"']?(?P<t>.+?)[\"']?\s*$", front.group("body"), re.M)
    return (title.group("t") if title else None), text[front.end() :]


def _titled_body(title: str | None, rest: str) -> str:
    """A post's body under its metadata's title as a level-1 heading, unless the body opens with its own."""
    has_own = re.match(r"\s*#\s", rest)
    return (f"# {title}\n\n" if title and not has_own else "") + rest


def _pager(text: str) -> bool:
    """Links to the previous and next post ("<< Prev ----- Next >>", "« Older posts"), not a section "Next"."""
    return bool(PAGER.match(text)) and (bool(re.search(r"[«‹←<»›→>]", text)) or len(text.split()) > 1)


def _chrome(text: str, fields: bool = True) -> bool:
    """Every line of the text is a web page's chrome (see CHROME_LINE). Without `fields`, a line alone that only
    gives tags or categories is not: in Markdown or HTML notes, "Tags: Quill, paper" may be a talk's own."""
    first = text.find("\n")
    if (first if first >= 0 else len(text)) > 100 or (len(text) > 100 and any(len(s) > 100 for s in text.split("\n"))):
        return False  # chrome is short: a menu's entry, a button, a date, a tag line
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not fields and len(lines) == 1 and re.match(r"(?i)(?:tags?|categor(?:y|ies))\s*:", lines[0]):
        return False
    return bool(lines) and all(CHROME_LINE.match(line) for line in lines)


def _is_lead_in(bold: str, first_line: str) -> bool:
    """A list item that opens with a bold title: "**Title**", "**Title**: what it was about", "**Title** - Speaker"."""
    bold = bold.strip().rstrip(":")
    rest = first_line.strip()[len(bold) :].lstrip("*").strip() if first_line.strip().startswith(bold) else None
    return (
        bool(bold)
        and rest is not None
        and 1 <= len(bold.split()) <= 16
        and not bold.endswith(".")
        and not (bold.isupper() and len(bold.split()) == 1)  # "**NOTE**" labels, it does not title
        and (not rest or rest[0] in ":-–—|(" or bool(re.match(r"(?:by|av|von|de|par|di|door|van|por|af)\s", rest)))
    )


def _paragraph_lead(emphasis: str | None, first_line: str) -> str:
    """A paragraph that opens with an emphasised title and a dash or colon before its text: "*Title* – Ann Lee
    showed …". Only a candidate: the segmenter takes such paragraphs for talks where several share the shape."""
    if not emphasis:
        return ""
    title = emphasis.strip()
    rest = first_line.strip()[len(title) :].strip() if first_line.strip().startswith(title) else ""
    words = title.split()
    if not 2 <= len(words) <= 16 or title.endswith((".", ":")) or not re.match(r"^[-–—:]\s+\S", rest):
        return ""
    return title


def _lines_of_titles(text: str) -> bool:
    """Three or more short lines, each opening with a capital and none ending a sentence: a list of titles."""
    lines = [line.strip() for line in text.split("\n")]
    return len(lines) >= 3 and all(
        line[:1].isupper() and (_heading_words(line) or len(line.split()) == 1) for line in lines
    )


def _heading_words(line: str) -> bool:
    """Two to sixteen words that do not end a sentence: a line that can title what follows."""
    return 2 <= len(line.split()) <= 16 and not line.strip().endswith((".", ",", ";", ":"))


def _leading_bold(children, tag: str = "strong") -> str | None:
    """The text of a **bold** (or, with tag "em", *emphasised*; with "link", [linked]) run that opens a paragraph,
    if one does."""
    children = [c for c in children if not (c.type == "text" and not c.content)]
    if not children or children[0].type != f"{tag}_open":
        return None
    text: list[str] = []
    for child in children[1:]:
        if child.type == f"{tag}_close":
            return "".join(text)
        text.append(child.content if child.type in ("text", "code_inline") else "")
    return None


def is_bold_heading(bold: str, first_line: str) -> bool:
    """A paragraph that opens with a bold title and little else on its line is a heading in disguise:
    "**Scaling Kafka**", "**Scaling Kafka** by Ann Lee" — not "**Note:** …" or a bold phrase in a sentence."""
    bold = bold.strip()
    rest = first_line.strip()[len(bold) :].strip() if first_line.strip().startswith(bold) else None
    if not bold or rest is None or bold.endswith((":", ".")):
        return False
    if len(bold.split()) > 16:  # longer only as a whole line that names its people, several with their employers
        from talkgraph.graph.notes.bylines import split_heading  # noqa: PLC0415 - bylines' Talk imports blocks

        return not rest and len(bold.split()) <= 48 and bool(split_heading(bold)[2])
    if bold.isupper() and len(bold.split()) == 1:  # "**NOTE**", "**TIP**": a label, not a title
        return False
    return not rest or (
        bool(re.match(r"^(?:by\b|[-–—|(])", rest)) and len(rest.split()) <= 10 and not rest.endswith(".")
    )


def _trailing_emphasis(children) -> str:
    """The text of a **bold** or *emphasised* run that closes the first line after other text, if one does:
    "Zero-Copy Queues **Ann Lee, Acme**" → "Ann Lee, Acme"."""
    line = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            break
        line.append(child)
    while line and line[-1].type == "text" and not line[-1].content.strip():
        line.pop()
    if not line or line[-1].type not in ("strong_close", "em_close"):
        return ""
    opening = line[-1].type.replace("_close", "_open")
    start = max((n for n, child in enumerate(line) if child.type == opening), default=None)
    if start is None or not "".join(c.content for c in line[:start] if c.type in ("text", "code_inline")).strip():
        return ""
    return "".join(c.content for c in line[start + 1 : -1] if c.type in ("text", "code_inline")).strip()


def profile_link(text: str, href: str) -> bool:
    """A link to someone's social profile named only by the network or the handle ("[Twitter](https://twitter.com/
    ann)"): it says where to follow a speaker, never who employs them, so the text keeps the address instead."""
    return bool(SOCIAL_NETWORK.match(text.strip()) and PROFILE_URL.match(href.strip()))


def _emphasised_runs(children) -> list[str]:
    """The text of each outermost emphasised or bold run of a Markdown paragraph, in order."""
    runs: list[str] = []
    depth = 0
    for child in children:
        if child.type in ("em_open", "strong_open"):
            depth += 1
            if depth == 1:
                runs.append("")
        elif child.type in ("em_close", "strong_close"):
            depth -= 1
        elif depth and child.type in ("text", "code_inline"):
            runs[-1] += child.content
    return [run.strip() for run in runs if run.strip()]


FIGURE_PARTS = ("image", "text", "softbreak", "hardbreak", "link_close")
# The address of a picture: a photo linked to its full-size file ("[![Photo](thumb.jpg)](full.jpg)").
PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#].*)?$", re.I)


def _figure(children) -> bool:
    """A paragraph of images alone, maybe with an emphasised caption ("![paste](bus.jpg)" over "_Bus start_") or
    each linked to its full-size file: a figure beside the notes, not their text, so no talk's and no talk of its
    own (a thumbnail linked to a video may be a talk's: its alt text names it)."""
    emphasis = 0
    for child in children:
        if child.type in ("em_open", "strong_open", "em_close", "strong_close"):
            emphasis += 1 if child.type.endswith("open") else -1
        elif child.type == "link_open" and PICTURE_FILE.search(child.attrGet("href") or ""):
            continue
        elif (child.type == "text" and child.content.strip() and not emphasis) or child.type not in FIGURE_PARTS:
            return False
    return any(child.type == "image" for child in children)


def _inline_text(children) -> tuple[str, list[tuple[str, str]], list[str]]:
    """Markdown inline tokens → plain text, (link text, href) pairs and code spans. A profile link's text is its
    address (see profile_link), which linking reads as an address, not as a name."""
    out: list[str] = []
    links: list[tuple[str, str]] = []
    code = [child.content for child in children if child.type == "code_inline"]
    href = None
    link_start = 0
    for child in children:
        tag = _inline_tag(child.content) if child.type == "html_inline" else None
        tag_href = _inline_href(child.content) if tag == "a" else None
        if child.type in ("text", "code_inline") or (child.type == "html_inline" and tag is None):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or tag == "br":
            out.append("\n")
        elif child.type == "link_open" or tag_href is not None:
            href = child.attrGet("href") if child.type == "link_open" else tag_href
            link_start = len("".join(out))
        elif (child.type == "link_close" or tag == "/a") and href is not None:
            link_text = "".join(out)[link_start:]
            if profile_link(link_text, str(href)):
                out[:] = ["".join(out)[:link_start], str(href)]
                link_text = str(href)
            links.append((" ".join(link_text.split()), str(href)))  # a link text may wrap across lines
            href = None
        elif child.type == "image":
            out.append(child.content)
    plain = "".join(out)
    if "][" in plain:  # "[Title][4]" whose definition the notes lack (a copy cut short): still a link's text
        links += [(" ".join(m.group("text").split()), "") for m in UNRESOLVED_REFERENCE.finditer(plain)]
        plain = UNRESOLVED_REFERENCE.sub(lambda m: m.group("text"), plain)
    return plain, links, code


# An HTML tag inside Markdown ("<a href=…>", "</sub>", "<br/>", "<!-- … -->"): read, never rendered. Its name, or
# "/name" for a closing tag; "!" for a comment, which a reader of the page never sees.
INLINE_TAG = re.compile(r"^<(?:(?P<name>/?[A-Za-z][\w-]*)(?:\s[^<>]*)?/?|!--.*--)>$", re.S)
# Tags that only format the text around them: read as their text. Any other tag ("<img …>", "<script>") stays
# literal text, as it was written, for the pages to escape.
FORMATTING_TAGS = {
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "em", "font", "i", "ins", "kbd", "mark", "q", "s",
    "samp", "small", "span", "strong", "sub", "sup", "tt", "u", "wbr",
}  # fmt: skip


def _inline_tag(html: str) -> str | None:
    """What an inline HTML token is, if it is a formatting tag or a comment (anything else is the notes' text)."""
    tag = INLINE_TAG.match(html.strip())
    if not tag:
        return None
    if not tag.group("name"):
        return "!"
    name = tag.group("name").lower()
    return name if name.lstrip("/") in FORMATTING_TAGS else None


def _inline_href(html: str) -> str | None:
    """The address of an "<a href=…>" tag, read by the HTML parser the HTML reader uses."""
    anchor = HTMLParser(html + "</a>").css_first("a")
    return anchor.attributes.get("href") if anchor is not None else None


# "[Paging Less][4]", not "grid[row][col]" (an index in code or prose) nor "[x][y]" (one lower-case word).
UNRESOLVED_REFERENCE = re.compile(
    r"(?<![\w\]])\[(?P<text>(?=[^\[\]]*(?:[A-Z]|\s\S))[^\[\]]{2,300})\]\[[^\[\]\n]{0,40}\]"
)


_HTML_SKIP = (
    "script, style, noscript, nav, footer, aside, form, iframe, svg, template, button, body > header, select, "
    "textarea, object, video, audio, canvas, map, noembed, "
    "[class*=sidebar], [id*=sidebar], [class*=widget], [class*=comment], [id*=comments], [class*=share], "
    "[class*=related], [class*=breadcrumb], [class*=cookie], [class*=newsletter], [role=navigation], [role=banner]"
)
_HTML_BLOCKS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "pre",
    "blockquote",
    "dt",
    "dd",
    "td",
    "th",
    "figcaption",
}


MAX_HTML_DEPTH = 200  # a saved blog post nests about 30 deep; the walker below recurses once per level
CONTAINER_DEPTH = MAX_HTML_DEPTH // 2  # plain containers deeper than this are unwrapped


def _html_blocks(text: str) -> BlockDocument:
    """Headings, paragraphs and list items of the main content; chrome and scripts dropped."""
    builder = _TextBuilder()
    _add_html(text, builder)
    return builder.document("html")


def _add_html(text: str, builder: _TextBuilder) -> None:
    """The blocks of an HTML page, or of a fragment of HTML written inside Markdown, added to `builder`."""
    tree = HTMLParser(text)
    for node in tree.css(_HTML_SKIP):
        node.decompose()
    for br in tree.css("td br, th br"):
        br.replace_with(CELL_BREAK if _element_follows(br) else " ")  # see _cell_text
    for br in tree.css("br"):
        br.replace_with("\n")  # a line break, not nothing: "<b>Title</b><br>Ann Lee" is two lines
    for link in tree.css("a[href]"):
        href = link.attributes.get("href") or ""
        if PERMALINK.match(link.text()) and href.startswith("#"):
            link.decompose()  # "Keynote <a href="#keynote">#</a>": a heading's permalink, no part of its text
        elif profile_link(link.text(), href):
            link.replace_with(href)  # see profile_link
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is not None:
        _flatten_deep_html(root)
        _walk_container(root, builder, depth=0)


def _flatten_deep_html(root: Node) -> None:
    """Unwrap plain containers (div, span, section …) nested deeper than CONTAINER_DEPTH, keeping their
    content: the walker never recurses past MAX_HTML_DEPTH, and a deep page still gives its talks. Lists
    nested deeper than that carry no notes anyone wrote, and are refused with a clear message."""
    deep = [node for node, depth in _element_depths(root) if depth > CONTAINER_DEPTH]
    for node in deep:
        if node.tag not in _HTML_BLOCKS and node.tag not in ("ul", "ol"):
            node.unwrap()
    if any(depth > MAX_HTML_DEPTH for _, depth in _element_depths(root)):
        raise NotesError(f"the HTML nests lists or blocks more than {MAX_HTML_DEPTH} levels deep: it is not notes")


def _element_depths(root: Node):
    """Every element under root with its depth, without recursion (any depth is safe)."""
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.iter(include_text=False):
            yield child, depth + 1
            stack.append((child, depth + 1))


def _html_bold_heading(paragraph: Node) -> bool:
    """The paragraph's first line is a bold title ("<b>Title</b>", "<b>Title</b><br>Ann Lee<br>…")."""
    first = next(iter(paragraph.iter(include_text=True)), None)
    if first is None or first.tag not in ("strong", "b"):
        return False
    text = paragraph.text(separator="").strip()
    return is_bold_heading(first.text(separator=""), text.split("\n")[0])


def _html_lead(item: Node, text: str) -> str:
    """The bold lead-in of a list item, if it opens with one."""
    first = next(iter(item.iter(include_text=True)), None)
    if first is None or first.tag not in ("strong", "b"):
        return ""
    bold = first.text(separator="").strip()
    return bold.rstrip(":") if _is_lead_in(bold, text.strip().split("\n")[0]) else ""


TAIL_TAGS = frozenset(["strong", "b", "em", "i", "span", "small", "cite"])  # elements that may close an item apart
MARKED_UP_TAIL_TAGS = frozenset(["span", "small", "cite"])  # …which hold people only when they read as names
PEOPLE_CLASS = re.compile(r"(?i)speaker|author|presenter|person|people|name|byline|host")  # and their class allows


def _html_tail(item: Node) -> str:
    """The bold, emphasised or otherwise marked-up element that closes a list item after other text ("Title
    <b>Ann Lee</b>", "<a>Title</a> <span class="speaker">Ann Lee</span>")."""
    from talkgraph.graph.notes.bylines import kind_in, plausible_people  # noqa: PLC0415 - bylines' Talk imports blocks

    parts = [n for n in item.iter(include_text=True) if n.tag != "-text" or (n.text_content or "").strip()]
    if len(parts) < 2 or parts[-1].tag not in TAIL_TAGS or "\n" in item.text(separator="").strip():
        return ""
    tail = parts[-1].text(separator="").strip()
    if parts[-1].tag in MARKED_UP_TAIL_TAGS:
        named_for = parts[-1].attributes.get("class") or ""
        if (named_for and not PEOPLE_CLASS.search(named_for)) or not plausible_people(tail) or kind_in(tail):
            return ""  # "<span class=room>Janson Hall</span>", "<small>Lightning Talk</small>": no one's name
    return tail


class _LaidRow(NamedTuple):
    """A table's row as read: a heading spanning the table (no `row`), or a body row with its texts by column and
    each of its own cells with the column it starts in."""

    text: str
    texts: list[str]
    row: Node | None
    placed: list[tuple[Node, int]]


def _html_table(table: Node, builder: _TextBuilder) -> None:
    """Each body row becomes a "row" block with its cells and the table's column names. A row of one cell
    ("Day 1 - Thursday", spanning the table) heads the rows after it, as a heading would. A schedule laid out as a
    grid (see schedule_grid) gives each of its cells instead, as an item: there a cell is a talk."""
    rows = [(tr, [cell for cell in tr.iter() if cell.tag in ("td", "th")]) for tr in table.css("tr")]
    header: list[str] = []
    named_by_th = any(_header_row(cells) for _, cells in rows)
    carried: dict[int, tuple[int, str]] = {}  # column → (rows still to cover, text) of a cell spanning rows
    several_columns = any(len(cells) > 1 for _, cells in rows)  # (in a table of one column, each row is a row)
    laid_out: list[_LaidRow] = []  # its spanning headings and body rows, in order
    for n, (tr, cells) in enumerate(rows):
        own = [_cell_text(cell) for cell in cells]
        filled_own = [text for text in own if text]
        if (
            len(filled_own) == 1
            and several_columns
            and not carried
            and (len(cells) == 1 or _span(cells[0], "colspan") > 1)
        ):
            laid_out.append(_LaidRow(filled_own[0], [], None, []))
            continue
        texts, columns = _row_texts(cells, own, carried)
        # a two-way table's row of column names has an empty corner: "| | Room A | Room B |" over "| 9:00 | … | … |"
        corner = not header and not any(r.placed for r in laid_out) and len(filled_own) >= 2 and not own[0]
        if _header_row(cells) or (not named_by_th and (n == 0 or corner)):
            header = texts  # written without <th>, column names are the first row, or the first with an empty corner
            continue
        if any(texts):
            text = " | ".join(t for t in texts if t)
            laid_out.append(_LaidRow(text, texts, tr, list(zip(cells, columns, strict=True))))
    body = [r.texts for r in laid_out if r.row is not None]
    grid = bool(body) and schedule_grid(header, body)
    for r in laid_out:
        if r.row is None:
            builder.add("heading", r.text, BOLD_HEADING_LEVEL - 1)
        elif grid:
            for cell, column in r.placed:
                if column > 0:  # the first column is the slot's time
                    _add_grid_cell(cell, builder)
        else:
            builder.add("row", r.text, 0, _html_links(r.row), _html_code(r.row), cells=r.texts, header=header)


# A column name that says what field of a talk, or of its slot, the column gives: not a room or a track of talks.
FIELD_COLUMN = re.compile(
    r"(?i)\s*(?:talks?|titles?|sessions?|presentations?|subjects?|topics?|speakers?|presenters?|who|what|authors?"
    r"|hosts?|by|compan(?:y|ies)|organi[sz]ations?|affiliations?|employers?|abstracts?|descriptions?|summary|notes?"
    r"|slides|videos?|links?|materials?|level|type|kind|format|duration|length|language|rooms?|tracks?|locations?"
    r"|venues?|stages?|halls?|where|when|times?|dates?|days?|slots?)\s*"
)


def schedule_grid(header: list[str], rows: list[list[str]]) -> bool:
    """A schedule laid out as a grid: the first column gives each row's time of day, every other column is a room or
    a track, and each cell is a talk. Not a table whose columns are the fields of one talk a row ("Time | Title |
    Speaker"): those name a field, or hold a column of people's names."""
    from talkgraph.graph.notes.bylines import plausible_people  # noqa: PLC0415 - bylines' Talk imports blocks

    width = max(len(header), *(len(row) for row in rows))
    times = [row[0] for row in rows if row and row[0]]
    if width < 3 or len(times) < 2 or sum(1 for t in times if TIME_OF_DAY.fullmatch(t)) * 5 < len(times) * 4:
        return False
    names = [name for name in header[1:] if name.strip()]
    if any(FIELD_COLUMN.fullmatch(name) for name in names) or not _names_tracks(names):
        return False
    tracks = [[row[n] for row in rows if n < len(row) and row[n]] for n in range(1, width)]
    return all(sum(1 for cell in cells if plausible_people(cell)) * 2 <= len(cells) for cells in tracks)


# A column of a grid: a room, a track, a stage, a day ("Room A", "Talk Track 1", "Main Hall", "Salle 2", "Tuesday").
TRACK_NAME = re.compile(
    r"(?i)\b(?:rooms?|tracks?|halls?|stages?|salle|saal|sala|sal|aula|auditorium|theat(?:re|er)|ballroom|lab|studio"
    r"|workshops?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|day\s*\d)\b"
)


def _names_tracks(names: list[str]) -> bool:
    """Column names that name rooms, tracks or days: each says so (TRACK_NAME), or all share their first word and
    differ after it ("Blue 1", "Blue 2")."""
    if len(names) < 2:
        return False
    if all(TRACK_NAME.search(name) for name in names):
        return True
    firsts = {name.split()[0].lower() for name in names}
    return len(firsts) == 1 and all(len(name.split()) >= 2 for name in names) and len(set(names)) == len(names)


def _add_grid_cell(cell: Node, builder: _TextBuilder) -> None:
    """A schedule grid's cell as an item: its talk, or, where each of its lines opens with a bold lead-in or names
    its people ("<b>Ann Lee</b> - Title<br><b>Tom Reyes</b> - Title"), each line's talk."""
    from talkgraph.graph.notes.bylines import split_heading  # noqa: PLC0415 - bylines' Talk imports blocks

    parts = _cell_parts(cell)
    if not parts:
        return
    bold = [b.text(separator=" ").strip() for b in cell.css("b, strong")]
    leads = [next((b.rstrip(":") for b in bold if b and _is_lead_in(b, part)), "") for part in parts]
    talks = list(zip(parts, leads, strict=True))
    if len(parts) < 2 or not all(lead or split_heading(part)[2] for part, lead in talks):
        talks = [(", ".join(parts), leads[0])]  # one talk over several lines: "Title<br><b>Ann Lee</b>"
    links, code = _html_links(cell), _html_code(cell)
    for talk, lead in talks:
        builder.add("item", talk, 0, [lk for lk in links if lk[0] in talk], [c for c in code if c in talk], lead=lead)


def _row_texts(cells: list[Node], own: list[str], carried: dict[int, tuple[int, str]]) -> tuple[list[str], list[int]]:
    """A row's texts by column (`own`: its cells' texts): a cell spanning columns or rows (a talk for every room,
    a time slot) stands in each column and row it covers, so every column holds one kind of thing. Also the
    column each of the row's own cells starts in."""
    texts: list[str] = []
    columns: list[int] = []
    for cell, text in zip(cells, own, strict=True):
        while len(texts) in carried:
            texts.append(_carry(carried, len(texts)))
        columns.append(len(texts))
        spans = _span(cell, "colspan")
        if (rows := _span(cell, "rowspan")) > 1:
            carried.update((len(texts) + n, (rows - 1, text)) for n in range(spans))
        texts += [text] * spans
    for column in sorted(c for c in carried if c >= len(texts)):  # a short row still has the cells above it
        texts += [""] * (column - len(texts))
        texts.append(_carry(carried, column))
    return texts, columns


def _carry(carried: dict[int, tuple[int, str]], column: int) -> str:
    left, text = carried.pop(column)
    if left > 1:
        carried[column] = (left - 1, text)
    return text


def _span(cell: Node, attribute: str) -> int:
    """A cell's colspan or rowspan as written ("2", " 3 "), within what a page can mean (1 when it is no number)."""
    digits = re.match(r"\s*(\d{1,4})", cell.attributes.get(attribute) or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


MAX_SPAN = 50


def _header_row(cells: list[Node]) -> bool:
    """A row of column names: two cells or more, all <th>."""
    return len(cells) >= 2 and all(cell.tag == "th" for cell in cells)


CELL_BREAK = "\u2028"  # a <br> inside a table cell before an element of its own, told apart from the page's breaks


def _element_follows(br: Node) -> bool:
    """ "Ann Lee<br><b>Acme</b>": the break starts a part of the cell of its own (an employer, a speaker); in
    "Queues All the<br>Way Down" it only wraps the text."""
    node = br.next
    while node is not None and node.tag == "-text" and not (node.text_content or "").strip():
        node = node.next
    return node is not None and node.tag != "-text"


def _cell_text(cell: Node) -> str:
    """A cell's text on one line; its parts after a <br> of their own ("Ann Lee<br><b>Acme</b>") joined by commas."""
    return ", ".join(_cell_parts(cell))


def _cell_parts(cell: Node) -> list[str]:
    """A cell's parts, each on one line: its text split at its own breaks (CELL_BREAK), empty parts dropped."""
    parts = (re.sub(r"\s+", " ", part).strip() for part in cell.text(separator=" ").split(CELL_BREAK))
    return [part for part in parts if part]


def _walk_html(node: Node, builder: _TextBuilder, depth: int) -> None:
    for child in node.iter(include_text=False):
        _walk_html_element(child, builder, depth)


def _walk_html_element(child: Node, builder: _TextBuilder, depth: int) -> None:
    tag = child.tag
    if tag in ("ul", "ol"):
        _walk_html(child, builder, depth + 1)
    elif tag == "table":
        _html_table(child, builder)
    elif tag == "dl" and _timed_terms(child):
        for slot in child.css("dd"):  # a schedule: each time of day over its talk
            text = slot.text(separator="")
            builder.add("item", text, 0, _html_links(slot), _html_code(slot))
    elif tag == "dt":
        builder.add("heading", child.text(separator=" "), BOLD_HEADING_LEVEL)
    elif tag in _HTML_BLOCKS:
        nested = [n for n in child.iter(include_text=False) if n.tag in ("ul", "ol", "p")]
        links = _html_links(child)
        code = _html_code(child)
        if tag == "li" and nested:
            own = "".join(t.text_content or "" for t in child.iter(include_text=True) if t.tag == "-text")
            builder.add("item", own, depth - 1, links, code)
            _walk_html(child, builder, depth)
        elif tag.startswith("h") and len(tag) == 2:
            builder.add("heading", child.text(separator=" "), int(tag[1]), links, code)
        elif tag == "p" and _html_bold_heading(child):
            first, _, rest = child.text(separator="").strip().partition("\n")
            builder.add("heading", first, BOLD_HEADING_LEVEL, links, code)
            builder.add("paragraph", rest, 0, links, code)
        else:
            kind: BlockKind = "item" if tag == "li" else "paragraph"
            text = child.text(separator="")
            lead = _html_lead(child, text) if tag == "li" else ""
            tail = _html_tail(child) if tag == "li" else ""
            chrome = tag == "p" and _chrome(text, fields=False)  # "Share this:", "Read more" in the page's main part
            emphasis = _html_emphasis(child)
            aside = tag == "figcaption"  # a photo's caption beside the notes, as in Markdown (_figure)
            builder.add(
                kind,
                text,
                max(depth - 1, 0),
                links,
                code,
                lead=lead,
                tail=tail,
                chrome=chrome,
                emphasis=emphasis,
                aside=aside,
            )
    else:
        _walk_container(child, builder, depth)


def _timed_terms(definitions: Node) -> bool:
    """A definition list whose terms are times of day ("<dt>09:00</dt><dd>Title - Ann Lee</dd>"): a schedule."""
    terms = [term.text(separator=" ") for term in definitions.css("dt")]
    return len(terms) >= 2 and sum(1 for term in terms if TIME_OF_DAY.fullmatch(term)) * 5 >= len(terms) * 4


def _html_emphasis(node: Node) -> list[str]:
    """The text of each outermost emphasised or bold element of an HTML node (itself, or inside it), in order."""
    marks = ("em", "i", "strong", "b")
    if node.tag in marks:
        runs = [node]
    else:
        runs = [n for n in node.css(",".join(marks)) if not any(p.tag in marks for p in _ancestors(n, node))]
    return [text for n in runs if (text := n.text(separator="").strip())]


def _ancestors(node: Node, top: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None and parent is not top:
        yield parent
        parent = parent.parent


def _html_code(node: Node) -> list[str]:
    """The inline code spans inside an HTML node: names often written as code."""
    return [c.text(strip=True) for c in node.css("code")]


def _html_links(node: Node) -> list[tuple[str, str]]:
    anchors = [node] if node.tag == "a" else node.css("a")
    return [(a.text(strip=True), a.attributes.get("href") or "") for a in anchors]


# Elements that flow inside a line: a container's runs of them (and of bare text) are paragraphs of their own.
_HTML_INLINE = frozenset(
    [
        "-text",
        "a",
        "abbr",
        "b",
        "bdi",
        "cite",
        "code",
        "del",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
    ]
)


def _walk_container(node: Node, builder: _TextBuilder, depth: int) -> None:
    """A div, section or the like. Text written straight into it is read as paragraphs, one per run of inline
    content between its block children (Blogger writes whole posts as `<div><b>Title</b></div><div>notes</div>`);
    the block children are walked as usual."""
    run: list[Node] = []
    for child in node.iter(include_text=True):
        if child.tag in _HTML_INLINE:
            run.append(child)
            continue
        _add_inline_run(run, builder)
        run = []
        if child.tag != "-comment":
            _walk_html_element(child, builder, depth)
    _add_inline_run(run, builder)


def _add_inline_run(run: list[Node], builder: _TextBuilder) -> None:
    """A run of inline content as a paragraph, or as a heading and its paragraph when it opens with a bold title
    (the same reading as a <p>: see _html_bold_heading)."""
    text = "".join((n.text_content or "") if n.tag == "-text" else n.text(separator="") for n in run).strip()
    if not text:
        return
    links = [link for n in run if n.tag != "-text" for link in _html_links(n)]
    code = [c.text(strip=True) for n in run if n.tag != "-text" for c in ([n] if n.tag == "code" else n.css("code"))]
    first = next((n for n in run if n.tag != "-text" or (n.text_content or "").strip()), None)
    if first is not None and first.tag in ("b", "strong"):
        title, _, rest = text.partition("\n")
        if is_bold_heading(first.text(separator=""), title):
            builder.add("heading", title, BOLD_HEADING_LEVEL, links, code)
            builder.add("paragraph", rest, 0, links, code)
            return
    emphasis = [run_text for n in run if n.tag != "-text" for run_text in _html_emphasis(n)]
    builder.add("paragraph", text, 0, links, code, chrome=_chrome(text, fields=False), emphasis=emphasis)


# -- reStructuredText -----------------------------------------------------------


def _rst_blocks(text: str) -> BlockDocument:
    """Parsed by docutils: sections (levels by nesting), paragraphs, list items, definition terms, tables."""
    settings = {"report_level": 5, "halt_level": 5, "doctitle_xform": False, "file_insertion_enabled": False}
    title, text = _front_matter(text)  # a post of a static site written in reStructuredText
    try:
        tree = publish_doctree(text, settings_overrides={**settings, "raw_enabled": False})
    except Exception as exc:  # docutils raises its own SystemMessage and friends on broken markup
        raise NotesError(f"cannot read the reStructuredText: {exc}") from None
    builder = _TextBuilder()
    if title:
        builder.add("heading", title, 1)
    _walk_rst(tree, builder, section=0, depth=0)
    return builder.document("rst")


def _walk_rst(node: nodes.Element, builder: _TextBuilder, section: int, depth: int) -> None:
    for child in node.children:
        links = [(r.astext(), r.get("refuri", "")) for r in child.findall(nodes.reference)] if child.children else []
        if isinstance(child, nodes.section):
            _walk_rst(child, builder, section + 1, depth)
        elif isinstance(child, nodes.title):
            builder.add("heading", child.astext(), min(section, 6), links)
        elif isinstance(child, nodes.term):
            builder.add("heading", child.astext(), BOLD_HEADING_LEVEL, links)
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            _walk_rst(child, builder, section, depth + 1)
        elif isinstance(child, nodes.list_item):
            first = child.children[0] if child.children else None
            if isinstance(first, nodes.paragraph):
                code = [c.astext() for c in first.findall(nodes.literal)]
                bold = first.children[0] if first.children and isinstance(first.children[0], nodes.strong) else None
                line = first.astext().split("\n")[0]
                lead = bold.astext() if bold is not None and _is_lead_in(bold.astext(), line) else ""
                builder.add("item", first.astext(), depth - 1, links, code, lead=lead.rstrip(":"))
                rest = nodes.Element()
                rest.children = child.children[1:]
                _walk_rst(rest, builder, section, depth)
            else:
                _walk_rst(child, builder, section, depth)
        elif isinstance(child, nodes.table):
            rows = [
                [re.sub(r"\s+", " ", entry.astext()).strip() for entry in row.findall(nodes.entry)]
                for row in child.findall(nodes.row)
            ]
            for cells in rows[1:]:
                builder.add("row", " | ".join(c for c in cells if c), 0, links, cells=cells, header=rows[0])
        elif isinstance(child, (nodes.paragraph, nodes.literal_block, nodes.line_block)):
            code = [c.astext() for c in child.findall(nodes.literal)]
            emphasis = [e.astext() for e in child.findall(lambda n: isinstance(n, (nodes.emphasis, nodes.strong)))]
            builder.add(
                "item" if depth else "paragraph", child.astext(), max(depth - 1, 0), links, code, emphasis=emphasis
            )
        elif isinstance(child, (nodes.system_message, nodes.comment, nodes.substitution_definition, nodes.target)):
            continue
        elif isinstance(child, nodes.Element):
            _walk_rst(child, builder, section, depth)
