"""Sections that are not talks, told by their content rather than a closed word list: thanks and sponsors,
news items, author boxes, tag lines, schedule filler and the event's own life (registration, the party)."""

from __future__ import annotations

import re

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.notes.blocks import Block
from talkgraph.graph.notes.bylines import SMALL_WORDS, byline_speakers, gerund, plausible_people
from talkgraph.graph.notes.days import DAY_IN_TITLE
from talkgraph.graph.notes.prose import SESSION_WORD, names_a_presenter

# "Thanks to our sponsors", "Special thanks", "Sponsored by Acme", "Our sponsors": a section that thanks or names
# the event's sponsors (its vendors are no talk's company).
THANKS_OR_SPONSORS = re.compile(
    r"^(?:(?:a\s+)?(?:special|big|huge|many|warm|final)\s+)?(?:thanks|thank\s+you)\b|^sponsored\s+by\b"
    r"|^(?:(?:our|the|event|conference)\s+)?sponsors?(?:hip)?\b(?!\s+(?:talks?|keynotes?|sessions?)\b)",
    re.I,
)
NAME_LIST = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2}(?:\s*[,/·•|]\s*[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2})+$"
)
SCHEDULE_WORDS = {
    "break", "remarks", "opening", "closing", "doors", "open", "end", "networking", "day", "mingling", "wrap-up",
    "discussion", "introduction", "introductions", "intro", "tbd", "tba", "tbc",
}  # fmt: skip
TAG_LINE = re.compile(r"^(?:tags?|tagged(?: with)?|categories|category|posted in|filed under)\s*:?\s+\S", re.I)
# "Project X joins the incubator", "Widget 2.0 reaches general availability": a sentence-case headline, its
# capitalised subject followed by a lower-case verb in the present tense.
NEWS_HEADLINE = re.compile(
    r"^(?:[A-Z0-9][\w.'’+-]*\s+){1,4}[a-z]{3,}s\s+(?:the|a|an|its|their|version|v?\d|general|[A-Z])\b"
)
# A headline's subject (a name, maybe with a version), then its first lower-case word, in any language.
NEWS_ITEM = re.compile(r"^(?:[A-Z0-9][\w.'’+-]*\s+){1,4}(?P<word>[a-zà-ÿ]{2,})\b")
# Prepositions, articles and conjunctions of English and the languages notes are often written in: a title's
# subject goes on with them ("Kafka 2.0 in production"), a headline's with a verb.
FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "via", "vs", "and", "or",
    "but", "as", "about", "without", "through", "over", "under", "de", "het", "een", "van", "voor", "met", "op",
    "naar", "bij", "uit", "en", "der", "die", "das", "ein", "eine", "von", "zu", "im", "am", "mit", "für", "auf",
    "aus", "und", "oder", "le", "la", "les", "un", "une", "des", "du", "au", "aux", "pour", "avec", "dans", "sur",
    "par", "et", "ou", "el", "los", "las", "del", "con", "para", "por", "y", "o", "il", "lo", "gli", "di", "da",
    "nel", "per", "su", "e", "och", "eller", "för", "med", "på", "av", "till", "från", "i", "ett", "og", "til",
    "fra",
}  # fmt: skip
# A version number or a project's new status: what news about software says.
NEWS_SIGN = re.compile(
    r"\bv?\d+\.\d+(?:\.\d+)?\b|(?i:\b(?:graduat|incubat|sandbox|general(?:ly)? availab|releas|launch|announc"
    r"|beschikbaar|verfügbar|disponible|disponibile|tillgänglig|tilgængelig|tilgjengelig|acquir)\w*)"
)
# "Karin writes about …", "Karin Holm is an engineer …": the opening of an author's box.
AUTHOR_BIO = re.compile(
    r"^(?P<first>[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2}\s+(?:is|writes|works|lives|blogs|loves|has been|spends|tweets)\b"
)
# Words of the event's life rather than of a talk's subject: travel, food, parties, sponsors, welcome notes.
EVENT_LIFE = {
    "welcome", "registration", "badge", "badges", "breakfast", "lunch", "dinner", "coffee", "drinks", "beer",
    "beers", "party", "after-party", "afterparty", "reception", "hotel", "flight", "flights", "airport", "train",
    "venue", "city", "sightseeing", "weather", "pastries", "food", "sponsor", "sponsors", "sponsored", "booth",
    "booths", "swag", "raffle", "dj", "museum", "beach", "tram", "metro", "snacks", "karaoke", "bar", "tickets",
    "visa", "jetlag", "jet-lag", "wifi", "t-shirt", "t-shirts", "stickers", "games", "dancing", "boat",
    "thank", "attendee", "organiser", "organizer", "river", "restaurant", "sunny", "pastry", "hallway",
}  # fmt: skip


def not_a_talk(text: str, body: list[Block]) -> bool:
    """Sections that are not talks, read from their content: a list of names ("Lisbon, Portugal", a tag line
    "Kafka, Conferences, Travel"), a news headline ("Project X joins the incubator"), the author's box, a gallery of
    photos, or a short section about the event itself (food, travel, parties, sponsors) rather than about a
    subject."""
    if (NAME_LIST.match(text) and not byline_speakers(text)) or NEWS_HEADLINE.match(text):
        return True  # "Lisbon, Portugal", a tag line, a headline (but "Ann Lee, Acme" names a speaker)
    if author_box(text, body) or news_item(text, body):
        return True
    if gallery(text, body):
        return True
    if not text and body and THANKS_OR_SPONSORS.match(body[0].text.strip()):
        return True  # "Thanks to Acme and Initech for the coffee." closes the notes
    opening = [b.text for b in body[:2] if b.kind != "heading"]
    if (
        _event_heading(text)
        and not DAY_IN_TITLE.search(text)
        and not any(names_a_presenter(t) or SESSION_WORD.search(t) for t in opening)
    ):
        return True  # "After-party at the Rooftop", "Vendor Booths", "Platinum Sponsors", "Organisers"
    if body and body[0].kind in ("paragraph", "line") and plausible_people(body[0].text.strip()):
        return False  # "Armin Rigo and Maciej Fijalkowski" over notes: who presented it, then the talk's notes
    items = [b.text for b in body if b.kind == "item"]
    if len(items) >= 2 and sum(1 for item in items if NEWS_HEADLINE.match(item) or news_item(item, [])) * 2 > len(
        items
    ):
        return True  # a list of news: "Widget 2.0 reaches general availability", "Project X joins the incubator"
    if len(body) >= 2 and not _event_words(body[0].text) and not any(_event_words(b.text) for b in body[1:-1]):
        body = body[:-1]  # a talk's notes, then "the after-party was at …": the closing paragraph leaves it a talk
    words = " ".join(b.text for b in body[:3]).lower()
    return len(_event_words(words)) >= 2 and len(words.split()) <= 150


def _event_heading(text: str) -> bool:
    """A heading of one to three words about the event's life ("Vendor Booths", "Swag Report"; not "Drinking Beer
    with a Raspberry Pi and PHP"), naming no kind of session ("Sponsor Talks", "Lunch Keynote" are sessions)."""
    words = [w for w in re.findall(r"[a-z-]+", text.lower()) if w not in SMALL_WORDS]
    return 1 <= len(words) <= 3 and bool(_event_words(text)) and not SESSION_WORD.search(text)


def _event_words(text: str) -> set[str]:
    """The words of the event's life a text uses (see EVENT_LIFE), each once."""
    return {stem for w in re.findall(r"[a-z-]+", text.lower()) if (stem := _event_life(w))}


def news_item(text: str, body: list[Block]) -> bool:
    """A news headline in any language: a name (maybe with its version) then a word that is no preposition, article
    or conjunction (a verb: "Istio bereikt versie 1.0", "Widget 2.0 is now available"), a version number or a
    project's status, and a text that names no one: news, not a talk ("Kafka 2.0 in production" is a title)."""
    said = NEWS_ITEM.match(text.strip())
    if not said or said.group("word").lower() in FUNCTION_WORDS or not NEWS_SIGN.search(text):
        return False
    if gerund(text.split()[0]):
        return False  # "Using React Native to launch apps": a title opens with what the talk does, news with a name
    opening = body[0].text if body and body[0].kind != "heading" else ""
    return not any(
        plausible_people(pair) for pair in re.findall(r"(?=\b([A-ZÀ-Ý][a-zà-ÿ'’-]+ [A-ZÀ-Ý][\w'’-]+))", opening)
    )


# A section of photos says so in its heading ("In pictures", "Some impressions", "Fotos", "Bilder"): notes of a talk
# may be its slides' photos too.
PHOTO_WORDS = re.compile(
    r"\b(?:photos?|pictures?|pics|images|impressions|gallery|snapshots|fotos?|bilder|foto's|billeder|kuvat|zdjęcia)\b",
    re.I,
)
FEW_WORDS = 4  # "That's it!", "More soon.": what a gallery may say beside its photos


def gallery(text: str, body: list[Block]) -> bool:
    """A heading that speaks of photos over two pictures or more and nothing else but a few words ("That's it!"):
    the author's photos, no talk's notes."""
    if not PHOTO_WORDS.search(text):
        return False
    blocks = [b for b in body if b.kind != "heading"]
    return sum(1 for b in blocks if b.aside) >= 2 and all(b.aside or len(b.text.split()) <= FEW_WORDS for b in blocks)


def author_box(text: str, body: list[Block]) -> bool:
    """ "Karin Holm" over "Karin writes about operations and lives in Oslo.": a person's name over a text that
    says, in the present tense, who that person is: the post's author box, not a talk."""
    said = AUTHOR_BIO.match(body[0].text.strip()) if body and text else None
    return bool(said and plausible_people(text.strip()) and said.group("first") == text.split()[0])


def schedule_filler(title: str) -> bool:
    """A schedule slot that is no talk: every word of it is about the event's life or its running order
    ("Break", "Coffee break", "Registration and breakfast", "Opening remarks", "Lunch")."""
    if len(title) > 60:
        return False  # a slot of the schedule is named in a few words
    words = [w for w in re.findall(r"[a-z-]+", title.lower()) if w not in SMALL_WORDS]
    return bool(words) and all(_event_life(w) or _plain_form(w, SCHEDULE_WORDS) for w in words)


def tag_line(text: str) -> bool:
    """The post's tags: "Tags: Kafka, Travel", or a line of names most of which are ordinary words ("Kafka,
    Conferences, Travel"; not a list of tools "Jaeger, Zipkin, Tempo")."""
    if TAG_LINE.match(text):
        return True
    names = re.split(r"\s*[,/·•|]\s*", text)
    return bool(NAME_LIST.match(text)) and sum(1 for w in names if is_common_word(w)) * 2 > len(names)


def _event_life(word: str) -> str | None:
    """The word of the event's life this word is, in any of its plain forms ("welcomed", "attendees", "thanked")."""
    return _plain_form(word, EVENT_LIFE)


def _plain_form(word: str, words: set[str]) -> str | None:
    """The one of `words` this word is a plain form of: itself, or with an ending of up to three letters ("opens",
    "welcomed", "sponsorer"), or an -ing form ("welcoming")."""
    stems = (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e" if word.endswith("ing") else word)
    return next((stem for stem in stems if stem in words), None)
