"""Notes document → talks.

The segmenter works on blocks (graph/blocks.py), so every format goes through
the same rules: which headings (or bare title lines) start a talk, which only
group talks (days, "Keynotes"), which sections are not talks (travel,
conclusion), and what a heading says besides the title (kind, speakers).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import statistics
import unicodedata
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TypeGuard

from talkgraph.graph.linking.english import is_common_word
from talkgraph.graph.notes.blocks import (
    BOLD_HEADING_LEVEL,
    PROFILE_URL,
    Block,
    BlockDocument,
    Format,
    NotesError,
    detect_format,
    read_blocks,
)
from talkgraph.graph.notes.files import read_notes_text
from talkgraph.graph.notes.sentences import Sentence, split_sentences

KINDS = ("keynote", "talk", "tutorial", "update", "panel", "lightning")

# Day numbers and ordinals in English and in the languages notes are often written in (German, French, Spanish,
# Italian, Dutch, Swedish, Danish/Norwegian).
DAY_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "un": 1, "deux": 2, "trois": 3, "quatre": 4,
    "uno": 1, "dos": 2, "tres": 3, "tre": 3, "een": 1, "twee": 2, "drie": 3,
    "ett": 1, "två": 2, "fyra": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
    "erster": 1, "zweiter": 2, "dritter": 3, "erste": 1, "zweite": 2, "dritte": 3,
    "premier": 1, "première": 1, "deuxième": 2, "troisième": 3, "primer": 1, "segundo": 2, "tercer": 3,
    "primo": 1, "secondo": 2, "terzo": 3, "eerste": 1, "tweede": 2, "derde": 3,
    "första": 1, "andra": 2, "tredje": 3, "første": 1, "anden": 2, "andre": 2,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5,
}  # fmt: skip
DAY_NUMBER = r"(?:\d+|one|two|three|four|five|eins|zwei|drei|vier|un|deux|trois|quatre|uno|dos|tres|tre|een|twee|drie|ett|två|fyra|iii|ii|iv|i|v)"
DAY_ORDINAL = (
    r"(?:first|second|third|fourth|erster?|zweiter?|dritter?|premi[eè]re?|deuxième|troisième|primer|segundo|tercer"
    r"|primo|secondo|terzo|eerste|tweede|derde|första|andra|tredje|første|anden|andre)"
)
# Month names and their short forms: a day heading may give its date ("Day I: 14th December, 2023").
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag"
    r"|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|maandag|dinsdag|woensdag|donderdag|vrijdag|måndag|tisdag|onsdag"
    r"|torsdag|fredag|mandag|tirsdag)"
)
# "Day 2", and the same word in the languages notes are often written in (Jour 1, Tag 2, Dag 3, Día 1 …).
DAY_WORD = r"(?:day|jour|journée|tag|dag|día|dia|giorno|dzień|päivä|den|dagur)"
DAY_HEADING = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)?\s*[|:,–—-]?\s*"  # "2019-01-24 | Thursday"
    rf"(?:{DAY_WORD}\s*(?P<num>{DAY_NUMBER})|(?P<ord>{DAY_ORDINAL})\s+{DAY_WORD}(?:en|e|o)?"
    rf"|(?P<weekday>{WEEKDAY}))\b",
    re.I,
)
# "… – Day Two" in a one-day post's title; "on day 2" in a talk's text.
DAY_IN_TITLE = re.compile(
    rf"\b{DAY_WORD}\s*(?P<num>{DAY_NUMBER})\b|\b(?P<ord>{DAY_ORDINAL})\s+{DAY_WORD}(?:en|e|o)?\b", re.I
)
DAY_IN_TEXT = re.compile(
    r"\bon\s+(?:the\s+)?(?:day\s*(?P<num>\d+|one|two|three|four|five)|(?P<ord>first|second|third|fourth)\s+day)\b", re.I
)
GROUP_HEADING = re.compile(
    r"^(?:(?:the\s+)?(?:morning|afternoon|evening|opening|closing)?\s*(?:keynotes?|talks?|sessions?|breakouts?"
    r"(?:\s+sessions)?|workshops?|tutorials?|lightning(?:\s+talks?)?|(?:ignite|flash)\s+talks?|ignites|panels?"
    r"|presentations?)"
    r"(?:\s+(?:i|we)\s+(?:attended|saw|watched|liked))?"
    r"|(?:morning|afternoon|evening)(?:\s+\w+)?|agenda|schedule|sessions? notes|talk notes)"
    r"(?:(?<=s)\s*\([^()]{1,40}\))?\s*:?$",  # "Ignite Talks (each 5 minutes)"; "Keynote (Slides)" is one
    re.I,
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
    # the same sections in the languages notes are often written in (German, French, Spanish, Italian, Dutch,
    # Scandinavian): conclusion, summary, thanks, news, travel
    r"|fazit|zusammenfassung|schlusswort|danke|dank|anreise|neuigkeiten|nachrichten|en résumé|résumé|bilan|merci"
    r"|remerciements|actualités|nouvelles|voyage|conclusi[oó]n|resumen|gracias|noticias|viaje|conclusioni|riassunto"
    r"|grazie|notizie|viaggio|conclusie|tot slot|samenvatting|afsluiting|bedankt|nieuws|reis|sammanfattning"
    r"|slutsats|avslutning|tack|nyheter|resa|opsummering|konklusion|afslutning|nyheder|oppsummering|konklusjon)\b"
    r"(?=\s*(?:$|[:–—\-&,(!.]|and\b|\d|(?:topics|sessions|ideas|board|notes)\s*$))",  # the whole heading, or its head before punctuation: not "Search at Scale"
    re.I,
)
# "Thanks to our sponsors", "Special thanks", "Sponsored by Acme", "Our sponsors": a section that thanks or names
# the event's sponsors (its vendors are no talk's company).
THANKS_OR_SPONSORS = re.compile(
    r"^(?:(?:a\s+)?(?:special|big|huge|many|warm|final)\s+)?(?:thanks|thank\s+you)\b|^sponsored\s+by\b"
    r"|^(?:(?:our|the|event|conference)\s+)?sponsors?(?:hip)?\b(?!\s+(?:talks?|keynotes?|sessions?)\b)",
    re.I,
)
SUBHEADING = re.compile(
    r"^(?:what|why|how|when|where|who|which|is|are|do|does|can|should|demo|demos|summary|q\s*&\s*a|questions"
    r"|background|problem|solution|architecture|lessons|learnings|overview|slides|video|notes|key points"
    r"|results|next steps|example|examples|use cases?|challenges|goals|motivation|i['’]m|i\s|here|there)\b",
    re.I,
)
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
CONTINUATION = re.compile(
    r"^(?:in particular|also|moreover|additionally|furthermore|he|she|they|his|her|their|it|this|these|and|but"
    r"|besides|finally|then,? (?:he|she|they))\b",
    re.I,
)

# Heading decorations: "Keynote: Title", "Title (Any Skill Level)", "#hashtags".
KIND_PREFIX = re.compile(
    r"^(?:(?i:opening|closing|starting|final|morning|afternoon|evening|first|second|third|last)\s+"
    r"(?=(?i:keynote|talk|tutorial|workshop|panel)\s*:))?"  # "Closing keynote: Title", not "… - Ann Lee"
    r"(?P<kind>keynote|sponsored keynote|sponsor(?:ed)? (?:talk|session)|tutorial|workshop|panel|lightning talk|talk"
    r"|project update)\s*[:\-–—]\s*",
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
# "Title: Ann Lee of Acme went through …": a list item that names its talk, then says who gave it.
PRESENTED_ITEM = re.compile(
    rf"^(?P<title>[^:]{{3,140}}):\s+(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)"
    rf"(?:\s+(?:of|from|at)\s+(?P<org>{ORG_NAME}))?,?\s+(?:talked|spoke|presented|showed|gave|explained|described"
    r"|walked|went|shared|demonstrated|introduced|covered|discussed|argued|told|took)\b"
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
    r"\b(?:engineer|developer|architect|cto|ceo|cfo|coo|cio|ciso|founder|co-founder|director|manager|lead|head|vp"
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
NAME_TOKEN = re.compile(r"^[A-ZÀ-ÝĀ-Ž][\w'’.-]*$")  # "Lind", "O'Neil", "Jr.": no colon, no digit-led word
SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|La|Le|Van|Von)(?=[A-Z][a-z])")
TIME_OR_NUMBER = re.compile(r"[\d:.\-–/ hapmAPM]+")
URL = re.compile(r"(?:https?://|www\.)\S+")
# What a line that only links a talk's material says besides its links: "Slides: …", "video | slides", "(code)".
LINK_LINE_WORDS = re.compile(
    r"(?:[\s|·•,:;()\[\]/–—-]|\b(?:slides?|video|recording|deck|code|demo|repo(?:sitory)?|pdf|abstract|details|links?|watch"
    r"|the|and|on|here|youtube|vimeo|speakerdeck|slideshare|github)\b)*",
    re.I,
)
# "Lisbon, Portugal", "Kafka, Conferences, Travel": names separated by commas, nothing that reads as a title.
# "Saul Lee @quansight", "Moussa Ali Ph.D. @Xandr (mlinfra on his shirt)": a name, then a social handle.
HANDLE_BYLINE = re.compile(
    rf"^(?P<name>{NAME}?)(?:,?\s+(?:Ph\.?\s?D\.?|MSc|MBA))?\s+@(?P<handle>[A-Za-z][\w-]*(?:\.[A-Za-z]+)?)(?:\s+\([^()]*\))?$"
)
NAME_LIST = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2}(?:\s*[,/·•|]\s*[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){0,2})+$"
)
SCHEDULE_WORDS = {
    "break", "remarks", "opening", "closing", "doors", "open", "end", "networking", "day", "mingling", "wrap-up",
    "discussion", "introduction", "introductions", "intro",
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
# A word for a session of the programme: a text that uses it is about the talks.
SESSION_WORD = re.compile(
    r"\b(?:talks?|keynotes?|sessions?|workshops?|tutorials?|demos?|panels?|presentations?|speakers?)\b", re.I
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
# "Fast Builds by Andrew": a title, "by", and one capitalised word.
LONE_BY = re.compile(r"^(?P<title>.{3,}?)\s+by\s+(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)$")
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
# "gave a talk called 'DNS at the Edge'", "the keynote, titled “Paging Less”": a talk named in prose.
TALK_CALLED = re.compile(
    r"\b(?P<kind>talk|keynote|session|presentation|workshop|tutorial|lightning talk)\b[,:]?\s+"
    r"(?:(?:was\s+)?(?:called|titled|entitled|named|on|about)\s+)?[\"“‘'«»](?P<title>[^\"”’'»«]{3,120})[\"”’'»«]",
    re.I,
)
# "Ann Lee spoke too, on “Paging Less”", "presented about 'Queues'": a presenting verb, then the quoted title.
SPOKE_ON = re.compile(
    r"\b(?:spoke|talked|presented|lectured)\b[^.\"“‘'«»]{0,20}?\b(?:on|about)\s+[\"“‘'«»](?P<title>[^\"”’'»«]{3,120})[\"”’'»«]"
)
# "„WARNING is a waste of my time“ von Schlomo Schapiro", "“Paging Less” by Ann Lee": a quoted title and its speakers.
QUOTED_BY = re.compile(
    rf"[\"“„«»](?P<title>[^\"”“»«]{{3,120}})[\"”“»«]\s+(?:by|von|de|par|di|door|av|from)\s+(?P<people>{NAME}(?:\s+(?:&|and|und|et)\s+{NAME})?)"
)
# What closes an item of a list after its title: '… and', '….', a comma; after a closing quote only, for a quoted title.
ITEM_CLOSE = re.compile(r"(?:[\s,.;:]|\band\b)+$")
QUOTED_ITEM_CLOSE = re.compile(rf"(?<=[\"”“»’]){ITEM_CLOSE.pattern}")
QUOTE = re.compile(r"[\"“”„«»‘’']")  # any quote mark: a paragraph without one names no quoted title
# A title in double or typographic quotes (not straight single quotes, which also close a possessive).
QUOTED_TITLE = r"[\"“„«»‘](?P<title>[^\"”“»«’]{3,120})[\"”“»«’]"  # »…« too, as German and Danish quote
SENTENCE_OPENER = re.compile(r"^(?:(?:Then|Next|Later|Finally|Also|First|Afterwards|Meanwhile|After|And|But|So)\s+)+")
PROSE_PEOPLE = rf"(?<![\w'’.-])(?P<people>{NAME}(?:\s+(?:&|and)\s+{NAME})?)(?!\w)"  # whole words
# "Marta Lind presented “DNS at the Edge”", "Then came Ann Lee (Acme) with “Paging Less”", "Ann Lee's talk, “Paging
# Less”, …", "Ann Lee from Acme opened with a keynote called “Paging Less”", "Ann Lee gave another excellent talk on
# alerting, “Paging Less”": people, then how they presented, then the quoted title.
PEOPLE_QUOTED = re.compile(
    rf"{PROSE_PEOPLE}(?:\s*\([^)]{{1,60}}\)|\s+(?:from|of|at)\s+(?:the\s+)?{ORG_NAME})?"
    r"(?:['’]s(?:\s+(?:opening|closing|lightning))?\s+(?P<kind>talk|keynote|session|presentation|workshop|tutorial)"
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
    r"|whose\s+(?:[\w-]+\s+){0,4}(?:talk|keynote|session|presentation))\b"
)
# Someone presenting, said in prose rather than as a sentence's subject with a presenting verb.
PRESENTED_IN_PROSE = (
    re.compile(
        r"\b(?i:next(?:\s+up)?|up\s+next|first(?:\s+up)?|then|last(?:\s+up)?|finally|after\s+(?:that|lunch|the\s+break))"
        rf"\s*(?:(?i:was|came)\s+|,\s*){PROSE_PEOPLE}\s*,?\s+(?:on|about|with|who\s+\w+\s+(?:on|about))\s+"
        r"(?P<subject>[^.;:!?]{3,160})"
    ),
    re.compile(
        rf"\b(?i:heard|learned|learnt)\s+from\s+{PROSE_PEOPLE}\s+(?:about|on|how)\s+(?P<subject>[^.;:!?]{{3,160}})"
    ),
    re.compile(
        rf"{PROSE_PEOPLE}['’]s\s+(?:\w+\s+)?(?i:talk|session|keynote|presentation|workshop)\s+(?:on|about)\s+"
        r"(?P<subject>[^.;:!?,]{3,160})"
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
# "One talk stood out: Beyond Security: Leveraging OPA by Ann Lee.", "Ann Lee's session on Expanding Reach",
# "the talk by Ann Lee and Tom Reyes, From HPC to AI, …": a talk named in a sentence, with its speakers.
PROSE_TALK = (
    re.compile(
        rf"\b(?:talk|session|keynote|presentation)\b[^.:]{{0,40}}:\s+(?P<title>{TITLE_RUN}?)\s+by\s+"
        rf"(?P<people>{NAME}(?:\s+and\s+{NAME})?)\s*[.,;]"
    ),
    re.compile(
        rf"(?P<people>{NAME})['’]s\s+(?:\w+\s+)?(?:talk|session|keynote|presentation)\s+(?:on|about)\s+"
        rf"(?P<title>{TITLE_RUN})"
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
# Talks named in passing, with no title of their own: "Guido's keynote", "Jonathan Ellis's talk on database
# scalability", "Mark Shuttleworth gave his keynote", "Ann Lee came next with her talk about retries", "a talk on
# teaching compilers", "the Neo4j talk", "my own talk".
TALK_NOUN = r"(?:lightning\s+talk|talk|keynote|presentation|tutorial|workshop|panel)"
SUBJECT = (  # what a talk was on: up to a clause's end, a relative pronoun, a copula or "and" opening a new clause
    r"(?P<subject>[^.;:!?,\"“”]{3,80}?)(?=\s*(?:[.;:!?,\"“”]|\s(?:which|that|where|was|were|is"
    r"|and\s+(?:then|I|we|an?|the|his|her|their|what|how|why))\b|$))"
)
MENTIONED_TALK = (
    re.compile(
        rf"{PROSE_PEOPLE}['’]s?\s+(?:(?:own|opening|closing|lightning|first|last|second|final)\s+)?"
        rf"(?P<kind>{TALK_NOUN})\b(?!s)(?:\s+(?:on|about)\s+{SUBJECT})?"
    ),
    re.compile(
        rf"{PROSE_PEOPLE}\s+(?:gave|delivered|presented|(?:came|was)\s+next\s+with|(?:followed|opened|closed|continued)"
        rf"\s+with)\s+(?:his|her|their)\s+(?:own\s+)?(?P<kind>{TALK_NOUN})\b(?:\s+(?:on|about)\s+{SUBJECT})?"
    ),
    re.compile(rf"\b(?i:an?|one)\s+(?:\w+\s+)?(?P<kind>{TALK_NOUN})\s+(?:on|about)\s+{SUBJECT}"),
    re.compile(rf"\b(?P<own>[Mm]y\s+(?:own\s+)?)(?P<kind>{TALK_NOUN})\b(?!s)"),
    # "the talk by Ann Lee on retries", "der Keynote von Ann Lee", "den Erfahrungsbericht von Tom Reyes über DevOps",
    # "la conférence de Ann Lee sur TLS", "föredraget av Ann Lee om köer": a talk word, its speaker, its subject.
    re.compile(
        rf"\b(?P<kind>(?i:{TALK_WORDS}|erfahrungsbericht|beitrag|workshop))\w{{0,3}},?\s+"
        rf"(?:(?i:by|from|von|de|di|par|av|van|door|af)\s+){PROSE_PEOPLE}"
        rf"(?:,?\s+(?P<prep>on|about|über|zu|zum|zur|sur|sobre|om|over|su|sul|sulla)\s+{SUBJECT})?"
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
# "Ann Lee (Acme): what she told.", "Ann Lee - what she told.": people first, then the notes of their session.
PEOPLE_NOTES = re.compile(
    rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*(?:\((?P<org>[^()]{{1,80}})\))?\s*[:\-–—]\s+(?P<notes>\S.*)$"
)
# "Title (Ann Lee): notes", "Title (Ann Lee, Acme) - notes": a title, its people in parentheses, then the notes.
TITLE_PAREN_PEOPLE = re.compile(
    r"^(?P<title>[^():]{3,140}?)\s*\((?P<people>[^()]{3,120})\)(?:\s*[:\-–—]\s+(?P<notes>\S.*))?\s*$"
)
HEADING_NUMBER = re.compile(r"^(?:#?\d{1,2}[.)]|\d{1,2}\s+[-–—])\s+(?=\S)")
# "Instructor - Ann Lee", "Speakers: Ann Lee & Tom Reyes": a field naming who gave the session the notes are of.
SESSION_PEOPLE = re.compile(
    r"^(?P<role>(?i:speakers?|presenters?|instructors?|teachers?|trainers?|facilitators?|hosts?))\s*[:\-–—]\s+"
    r"(?P<people>[A-ZÀ-Ý][^\n]{2,120})$"
)
# "Talk: Scaling Queues", "Title: …", "Session - …": a talk's title given as a field of the notes.
FIELD_TITLE = re.compile(
    r"^(?:talk|title|session|presentation|keynote|workshop|tutorial)\s*[:\-–—]\s+(?P<title>[^\n]{3,160})$", re.I | re.M
)
# "Session: Title", "Presentation – Title": a label that names no kind of its own before a title.
SESSION_LABEL = re.compile(r"^(?i:session|presentation|vortrag|föredrag|conférence|charla)\s*[:–—]\s+")
# "## Talk 1", "## Keynote-Speaker", "## Evening Keynote", "## Workshop": a heading that only labels a session.
LABEL_HEADING = re.compile(
    r"^(?:(?:opening|closing|morning|afternoon|evening|first|second|third|last|final)\s+)?"
    r"(?:keynote|talk|session|workshop|tutorial|presentation|panel|lightning\s+talk|ignite(?:\s+talk)?)"
    r"(?:[\s-]+(?:speaker|\d+|[ivx]+))?\s*:?$",
    re.I,
)
# "Topic: Reporting on Reliability" opening the text under "## Talk 1": the session's title, its heading a label.
SESSION_FIELD = re.compile(r"^(?i:topic|title|thema|titel|sujet|tema|talk|session)\s*:\s+(?P<title>[^\n]{3,160})$")
SPEAKER_PREFIX = re.compile(rf"^(?P<people>{NAME}(?:\s*(?:&|and)\s*{NAME})*)\s*:\s+(?P<title>\S.+)$")


# A table's columns: titles, speakers, organisations, and the columns of link labels repeated in each row.
TableColumns = tuple[int, int | None, int | None, frozenset[int]]


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
    organisations: list[str] = field(default_factory=list)  # said once for a list of talks ("Initech sent …:")

    _split: tuple[tuple, list[Sentence]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        """The title (unless derived) and the sentences of every block; split once for as long as they stay put
        (linking, speakers, organisations and candidates each read them)."""
        key = (self.title, self.start, self.title_derived, tuple((b.start, b.text) for b in self.blocks))
        if self._split is None or self._split[0] != key:
            title = [] if self.title_derived else [Sentence(self.title, self.start)]
            self._split = key, title + [s for block in self.blocks for s in split_sentences(block.text, block.start)]
        return list(self._split[1])

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
    warnings: list[str] = field(default_factory=list)  # what a reader should know (e.g. no talk found)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


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
    if PRONOUN_START.match(title) or CLAUSE_OPENING.match(title) or FINITE_VERB.search(title) or _news_item(text, []):
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
                    listed = _byline(block.text) or [Speaker(block.text.strip())]  # "- Pierre Zemb" under "Speakers:"
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
                self._group_kind = _split_heading(block.text)[1] if role.role == "group" else None
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
        for talk in self.talks:
            if (talk.title_derived or not talk.speakers) and (in_prose := _talk_in_prose(talk)):
                talk.title, talk.speakers, talk.title_derived = in_prose[0], in_prose[1], False
        _lone_first_names(self.talks)
        tagged = _tagged_bylines([t.blocks[0].text for t in self.talks if t.blocks and not t.speakers])
        for talk in self.talks:
            for n, block in enumerate(talk.blocks[:4] if not talk.speakers else []):  # a byline opens the text
                if block.kind in ("paragraph", "line", "item"):
                    talk.speakers = _byline(block.text, tagged, dashed=True)
                    if n and block.kind == "item" and talk.blocks[n - 1].kind == "item":
                        # a list's later item names the speaker only with an employer ("Mia Chen, Initech" under
                        # "Length 25:00"), not as three capitalised words of notes ("Structured Widget Streaming")
                        talk.speakers = [s for s in talk.speakers if s.affiliation]
                    if not talk.speakers and n == 0:  # "Ann Lee" on the first line of the notes, the rest below
                        talk.speakers = _byline(block.text.split("\n")[0], tagged, dashed=True)
                    if talk.speakers:
                        break
            talk.speakers = talk.speakers or _opening_people(talk)
            _split_affiliations(talk)
            talk.kind = talk.kind if talk.kind != "talk" else self._kind_from_body(talk)
            if talk.day is None and (said := DAY_IN_TEXT.search(talk.body_text)):
                talk.day = self._day_number(said)
            while len(talk.blocks) > 1 and talk.blocks[-1].kind == "paragraph" and _not_a_talk("", talk.blocks[-1:]):
                self.outside.append(talk.blocks.pop())  # "the after-party was at …" closes the notes, not the talk
        for talk in [t for t in self.talks if not t.speakers and not t.title_derived and _schedule_filler(t.title)]:
            self.talks.remove(talk)  # "Break", "Lunch", "Opening remarks": a slot of the schedule, no talk
            self.outside.extend(talk.blocks)
        for position, talk in enumerate(self.talks):
            talk.position = position
        last = self.talks[-1] if self.talks else None
        if last is not None and last.blocks and _tag_line(last.blocks[-1].text.strip()):
            self.outside.append(last.blocks.pop())  # "Kafka, Conferences, Travel" closes the post, not its last talk
        return NotesDocument(self.name, self.doc.format, self.doc.text, title, self.talks, self.outside)

    # roles of headings and bare lines

    def _roles(self) -> dict[int, _Heading]:
        blocks = self.doc.blocks
        roles: dict[int, _Heading] = {}
        headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        self._known_roles = roles
        labels = Counter(_label(blocks[i].text) for i in headings)
        self._recurring = {label for label, n in labels.items() if n >= 2 and label}
        for i in headings:
            above = blocks[i - 1] if i > 0 else None
            if (
                above is not None
                and above.kind == "heading"
                and above.level < blocks[i].level
                and _byline_heading(blocks[i].text)
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
                and _plausible_people(blocks[i].text.strip())  # names alone: "Mariel Frank", "Li Jin, Hyonjee Joo"
            ):
                roles[i] = _Heading("byline", blocks[i])  # "## Mariel Frank" beside "## Saul Lee @quansight"
                self._bylines.add(i)
        headings = [i for i in headings if i not in self._bylines]
        # Headings, and in plain text its short lines, tell whether the notes put people first ("Ann Lee - Title").
        titled = headings + [i for i, b in enumerate(blocks) if b.kind == "line" and len(b.text) <= 160]
        first = [bool(_speaker_first(blocks[i].text)) for i in titled]
        after = [bool(_split_heading(blocks[i].text)[2]) for i in titled]
        people_first = sum(1 for f, a in zip(first, after, strict=True) if f and not a)
        ambiguous = sum(1 for f, a in zip(first, after, strict=True) if f and a)
        self._speaker_first = people_first >= 2 or (people_first >= 1 and ambiguous >= 1)
        self._paren_people = self._paren_people_layout()
        self._people_notes = self._people_notes_layout()
        colon_people = [
            b for b in blocks if b.kind in ("heading", "item") and _speaker_prefix(b.text.partition("\n")[0])
        ]
        # "Ann Lee: Title" twice or more, or beside other headings that name their people: this notes' layout.
        named = any(_split_heading(b.text.partition("\n")[0])[2] for b in blocks if b.kind == "heading" and b.level > 1)
        self._speaker_colon = len(colon_people) >= 2 or (len(colon_people) == 1 and named)
        said = [_split_heading(b.text.partition("\n")[0]) for b in blocks if b.kind in ("heading", "item", "line")]
        self._comma_people = sum(1 for title, _, people in said if not people and _comma_people_tail(title)) >= 2
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
        self._nontalk_labels = {_label(blocks[i].text) for i, r in roles.items() if r.role == "nontalk"}
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
                if blocks[k].kind != "item" or not _plausible_people(" ".join(words)):  # "Cécile MORANGE" too
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
            and _plausible_people(blocks[i].text.strip())
            and not _plausible_people(blocks[i - 1].text.strip())
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
        if len(said) < 2 or not all(_plausible_people(m.group("people")) for m in said.values()):
            return set()
        plain = [m for m in said.values() if not m.group("org") or not _plausible_people(m.group("org"))]
        sentences = all(m.group("notes").rstrip().endswith((".", "!", "?")) for m in said.values())
        return set(said) if plain and sentences else set()

    def _run_on_people_layout(self) -> bool:
        """List items that run their title straight into their people ("- Abstraction distractions Neal Ford",
        "- Sonar Code Metrics Matthew J. McCullough. Notes"): the notes' layout where most items of the notes read
        so and two or more of them surely (with a handle, an initial or two people joined: a to-do list ending on
        "Apache Kafka" has none)."""
        items = [b for b in self.doc.blocks if b.kind == "item" and not b.lead]
        said = [run_on for b in items if (run_on := _run_on_people(b.text.partition("\n")[0]))]
        return sum(1 for run_on in said if run_on.sure) >= 2 and len(said) * 5 >= len(items) * 3

    def _paren_people_layout(self) -> bool:
        """Two or more headings (or list items), and most of their kind, close with people in parentheses
        ("Scaling Queues (Ada Brown)"): then a closing parenthesis of a person's name is the speakers, while alone
        "Scaling Kubernetes (Part Two)" stays a title."""
        for kind in ("heading", "item", "row"):
            blocks = [b for b in self.doc.blocks if b.kind == kind and b.level != 1]
            with_people = sum(
                1 for b in blocks if any(_paren_people(line) for line in (b.cells or [b.text.partition("\n")[0]]))
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
            decorated = [i for i in indices if _decorated(blocks[i].text)]
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
        if not _decorated(text) and self._groups_decorated_talks(children):
            return _Heading("group", block)  # "## Black Hat Asia" over "### Presentations" over "#### Title - Ann Lee"
        label = _label(text)
        if (
            label in self._recurring
            and not _decorated(text)
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
        if GROUP_HEADING.match(text):
            return _Heading("group", block)
        body = self._body_before_next_heading(i)
        top = min((c.level for c in children), default=0)
        if not _decorated(text) and _not_a_talk(text, body):
            return _Heading("nontalk", block)
        if any(_decorated(c.text) for c in children if c.level == top):
            return _Heading("group", block)  # its children carry talk decorations: it groups talks
        if _decorated(text):
            return _Heading("talk", block)  # "Title by Speaker", "Keynote: Title": its sub-headings are its parts
        if children and any(_names_a_presenter(b.text) for b in body[:2] if b.kind != "heading"):
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
            levels.setdefault(child.level, []).append(_decorated(child.text))
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
            or _label(c.text) in self._recurring
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
            if first and _heading_like(text):
                role = _Heading("title", block)
            elif (m := DAY_HEADING.match(text)) and len(text.split()) <= 6:
                role = _Heading("day", block, self._day_number(m))
            elif GROUP_HEADING.match(text):
                role = _Heading("group", block)
            elif (
                (NON_TALK.match(text) or THANKS_OR_SPONSORS.match(text))
                and len(text.split()) <= 6
                and not text.endswith(".")
            ):
                role = _Heading("nontalk", block)
            elif (
                _heading_like(text) and nxt is not None and not _speaker_field(text)
            ):  # "Speaker: Ann Lee" titles nothing
                followed_by_link = nxt.kind == "line" and SLIDES.match(nxt.text.strip())
                after_group = previous_role in ("day", "group")
                if followed_by_link or after_group or _title_case(text):
                    role = _Heading("talk", block)
            first = False
            previous_role = role.role if role else None
            if role:
                roles[i] = role
        self._sibling_lines(roles)

    def _sibling_lines(self, roles: dict[int, _Heading]) -> None:
        """A bare line laid out like the talk titles around it (after a talk's text, before a paragraph) is a
        title too, even when it is not in Title Case ("Tracing 3.0", "Capacity planning with spreadsheets")."""
        blocks = self.doc.blocks

        def body(block: Block) -> bool:
            if block.chrome:
                return False
            return block.kind in ("paragraph", "item") or (block.kind == "line" and not _heading_like(block.text))

        def layout(i: int) -> str | None:
            """What follows a title line: a slides link, or the talk's text straight away."""
            if i + 1 >= len(blocks) or not (i > 0 and (body(blocks[i - 1]) or i - 1 in roles)):
                return None
            nxt = blocks[i + 1]
            if nxt.kind == "line" and _speaker_field(nxt.text) and i + 2 < len(blocks):
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
            and _heading_like(block.text.strip())
            and not block.text.strip().endswith("?")
            and not SUBHEADING.match(block.text.strip())
            and not _author_box(block.text, blocks[i + 1 : i + 2])
            and not _speaker_field(block.text)
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
        if (day := DAY_HEADING.match(text)) and not _names_more_than_a_day(text):
            return _Heading("day", block, self._day_number(day))
        return _Heading("group", block) if GROUP_HEADING.match(text) else None

    def _talk_items(self, roles: dict[int, _Heading], items: list[int], context: str | None) -> None:
        """The items of one list level start talks when most of them have a talk's shape."""
        blocks = self.doc.blocks
        grouped = context in ("group", "day")  # right under "Talks I saw" or "Day 2": a list of titles
        # Outside any section, a list of three or more titles in Title Case is a list of talks too.
        titled = context in (None, "title") and len(items) >= 3
        labels = [k for k in items if GROUP_HEADING.match(blocks[k].text.strip())]
        fillers = [k for k in items if _schedule_filler(blocks[k].text.partition("\n")[0])]  # "Coffee break"
        items = [k for k in items if k not in labels and k not in fillers]
        if not items:
            return
        with_people = [
            k
            for k in items
            if blocks[k].start in self._people_notes
            or _split_heading(self._item_heading_of(blocks[k]), [text for text, _ in blocks[k].links])[2]
            or (self._speaker_colon and _speaker_prefix(blocks[k].text.partition("\n")[0]))
        ]
        above = self._context_index(roles, items[0])
        # Three or more items, each only a link with a title's words ("- [Liveblog: Cloud Native Infrastructure][5]"),
        # outside any talk or under a plain heading: links to the author's notes of each session.
        linked = (
            len(items) >= 3
            and all(_link_only(blocks[k]) and len(blocks[k].text.split()) >= 2 for k in items)
            and all(_heading_like(blocks[k].text) for k in items)
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
            one_line = [k for k in items if "\n" not in blocks[k].text and _heading_like(blocks[k].text)]
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
        """An item's heading (_item_heading) as the notes' layouts read it."""
        return _item_heading(item.text, item.links, item.tail, self._paren_people, self._run_on_people)[0]

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
        presenting = [k for k, m in said.items() if _plausible_people(m.group("people"))]
        people = {_prose_people(said[k].group("people")) for k in presenting}
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
        anchored = {_label(text) for b in blocks for text, href in b.links if href.startswith("#")}
        grouping = {
            blocks[i].level
            for i in headings
            if roles[i].role == "group" and i not in self._contents and self._holds_talks(i, roles)
        }
        for i in headings:
            if (
                blocks[i].level in grouping
                and roles[i].role == "talk"
                and not _decorated(blocks[i].text)
                and blocks[i].start not in self._field_titles  # "## Talk 1" over "Topic: Title" names its talk
                and not self._parent_is_talk(i)
                and not self._holds_talks(i, roles)
                and not any(_names_a_presenter(b.text) for b in self._body_before_next_heading(i)[:2])
                and _label(blocks[i].text) not in anchored  # a contents entry links to it: a talk written out
                and not self._opens_with_byline(i)  # "# Title" over "## Ann Lee @acme": a talk with its byline
            ):
                roles[i] = _Heading("nontalk", blocks[i])

    def _opens_with_byline(self, i: int) -> bool:
        """Heading i is followed at once by a line or heading that only names its speakers with their employers."""
        after = self.doc.blocks[i + 1] if i + 1 < len(self.doc.blocks) else None
        return i + 1 in self._bylines or (
            after is not None and after.kind in ("paragraph", "line") and _byline_heading(after.text)
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
            and not _schedule_filler(text)
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
                _link_line(line, links) or (len(line.split()) <= 10 and _byline(line, dashed=True)) for line in rest
            )
        ):
            return False  # the cheaper test first: most blocks go on with their text
        title = title.strip()
        return not (
            not _title_like(title)
            or _link_line(title, block.links)
            or NON_TALK.match(title)
            or _schedule_filler(title)
            or _speaker_field(title)
            or LINK_LINE_WORDS.fullmatch(title)  # "Video" over its link: what is linked, not a title
            or bool(SAID_BY.match(title) and _byline(title))  # "(by Ann Lee)" over the talk's page: its people
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
                and not _decorated(blocks[context].text)
            ):
                # Rows that link to sections of this page: the post's contents. Its heading is no talk; its rows
                # are talks where they list talks (merged with their written-out sections later).
                roles[context] = _Heading("group" if columns is not None else "nontalk", blocks[context])
                self._contents.add(context)
            role = roles[context].role if context is not None else None
            if columns is not None and self._plain_talk_heading(context, roles):
                roles[context], role = _Heading("group", blocks[context]), "group"  # "Programme" over a table of talks
            if columns is not None and role not in ("talk", "nontalk", "sub"):
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
            and not _decorated(self.doc.blocks[k].text)
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
            heading, notes = _item_heading(block.text, block.links, block.tail, self._paren_people, self._run_on_people)
        else:
            heading, notes = block.text.partition("\n")[::2]
            if (field := FIELD_TITLE.match(heading)) and not KIND_PREFIX.match(heading):
                heading = field.group("title")  # "Title: Scaling Queues": the field's value
        extra: list[Block] = []
        title_at: int | None = None  # where the title is written, when not in the block itself
        derived = block.start in self._presenter_items or block.start in self._people_notes
        if derived:  # "- Ann Lee showed …": a session the notes give no title, the whole item its text
            page = next(iter(_talk_pages(block)), None)  # unless it links the talk's page: its text is the title
            title, kind, notes = page or _derived_title(block.text), None, ""
            derived = page is None
            presenter = PRESENTER.match(block.text)
            speakers = [Speaker(n) for n in _names(_prose_people(presenter.group("people")))] if presenter else []
            if block.start in self._people_notes and (said := PEOPLE_NOTES.match(block.text)):
                org = _strip_legal(said.group("org")) if said.group("org") else None
                speakers = [Speaker(name, org) for name in _names(said.group("people"))]
            extra.append(Block("paragraph", block.text, block.start))
        elif block.kind == "row":
            title, kind, speakers, extra = self._row_talk(block)
        elif block.start in self._people_leads:  # "- **Ann Lee** – Title": the bold names the people
            title, kind, _ = _split_heading(_after_lead(block))
            speakers = _speaker_list(block.lead)
        elif block.lead:
            rest = heading[heading.find(block.lead) + len(block.lead) :].strip(" *:")
            label = re.match(r"^\((?P<words>[^()]*)\)\s*", rest)  # "**Title** ([details](…)), Ann Lee (Acme)"
            if label and LINK_LINE_WORDS.fullmatch(label.group("words")):
                rest = re.sub(r"^,\s*", "- ", rest[label.end() :])
            people = block.kind == "item" and _split_heading(block.lead + " " + rest)[2]  # a paragraph's is prose
            title, kind, speakers = _split_heading(f"{block.lead} {rest}" if people else block.lead)
            said = LEAD_BY.match(rest) if block.kind == "item" and not speakers else None
            if said and _plausible_people(said.group("people")):  # "**Title** av *Ann Lee* visade …"
                speakers, rest = (
                    [Speaker(name) for name in _names(_prose_people(said.group("people")))],
                    rest[said.end() :],
                )
            if block.kind == "paragraph" and speakers:  # "*Apache Kafka: The rise of …*" is a title, not people
                title, speakers = KIND_PREFIX.sub("", block.lead).strip(), []
            if not speakers and rest.strip(" -–—|"):
                start = block.start + heading.find(rest) if rest in heading else block.start
                extra.append(Block("paragraph", rest.strip(" -–—|"), start + len(rest) - len(rest.lstrip(" -–—|"))))
        elif block.start in self._field_titles:  # "## Talk 1" over "Topic: Title": the field titles it
            field_title, title_at = self._field_titles[block.start]
            title, kind, speakers = _split_heading(field_title)
            kind = kind or _kind_in(heading)
        else:
            title, kind, speakers = _split_heading(heading, [text for text, _ in block.links])
            first = _speaker_first(KIND_PREFIX.sub("", heading.strip())) if self._speaker_first else None
            # "Hidde de Vries - Dialogs & Popovers": a tail of one-word names (or none) names no one whole
            one_word_names = all(len(name.split()) == 1 for p in speakers for name in _names(p.name))
            if first and (one_word_names or _common_words(first[1]) <= _common_words(speakers)):
                title, speakers = first  # this notes' layout puts people first: "Ann Lee - Acme - Title"
            if not speakers and self._paren_people and (closing := _paren_people(title)):
                title, speakers = closing  # this notes' layout closes a title with its people: "Title (Ann Lee)"
            if not speakers and self._speaker_colon and (opening := _speaker_prefix(title)):
                title, speakers = opening  # this notes' layout opens with the people: "Ann Lee: Title"
            if not speakers and self._comma_people and (tail := _comma_people_tail(title)):
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
        title, kind, speakers = _split_heading(cells[title_col])
        if not speakers and self._paren_people and (said := _paren_people(title)):
            title, speakers = said  # "Title (Ann Lee)" in the title column
        if speaker_col is not None and speakers:  # the speakers have their own column: this cell is all title
            title = _split_heading(KIND_PREFIX.sub("", cells[title_col]), [cells[title_col]])[0]
        if speaker_col is not None and cells[speaker_col]:
            org = _strip_legal(cells[org_col]) if org_col is not None and cells[org_col].strip() else None
            people = _speaker_list(re.sub(r"\s*·\s*", "; ", cells[speaker_col]))
            speakers = [Speaker(p.name, org or p.affiliation) for p in people] or [
                Speaker(name, org) for name in _names(cells[speaker_col]) if _plausible_people(name)
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
        (_mentioned_talks): two or more in one paragraph, or, with `spread`, `fewest` or more in all the blocks
        together. One talk per mention, with the text from the sentence naming it to the next mention's (a list item
        naming one talk: the whole item). A
        paragraph naming none goes on with the last talk only when it opens as a continuation ("He also …");
        otherwise it is the author's own story (dinner, travel), in no talk."""
        mentions = [(block, _mentioned_talks(block, presenters)) for block in blocks]
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
            cuts = [0] if whole else [_sentence_start(block.text, m.start) for m in found]
            if block.text[: cuts[0]].strip():
                self.outside.append(_piece(block, 0, cuts[0]))
            pieces = [_piece(block, a, b) for a, b in zip(cuts, [*cuts[1:], len(block.text)], strict=True)]
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
            presents = block.kind == "item" and _opens_with_presenter(block.text)  # "- Ann Lee showed …": her session
            if sessions and (
                (block.kind == "item" and not presents)
                or CONTINUATION.match(block.text)
                or self._same_people(sessions[-1], block)
            ):
                sessions[-1].append(block)
            else:
                sessions.append([block])
        # Under "Keynotes" (not a day) several sessions each take a title from their own words, and a first
        # paragraph about the sessions in plural that names no one presenting introduces them.
        day_section = bool(DAY_HEADING.match(group.text.strip()))
        opening = " ".join(b.text for b in sessions[0]) if sessions else ""
        introduces = not day_section and len(sessions) >= 3 and INTRODUCES_SESSIONS.search(opening)
        if introduces and not _names_a_presenter(opening):
            self.outside.extend(sessions.pop(0))  # "The morning opened with four presentations …"
        own_titles = len(sessions) >= 2 and not day_section
        for n, session in enumerate(sessions):
            in_prose = (
                _presented_in_prose(split_sentences(session[0].text)[0].text) if session[0].text.strip() else None
            )
            title = in_prose[1] if in_prose and in_prose[1] else _derived_title(session[0].text)
            kind = "keynote" if keynote_scope else "talk"
            first = next(iter(_mentioned_talks(session[0], presenters=False)), None)
            if first and not SENTENCE_OPENER.sub("", session[0].text[: first.start]).strip():
                # the paragraph opens with the talk it is about: "Ann Lee's talk on X: …", "Then the Kafka keynote …"
                title, in_prose = first.title, (list(first.people), first.title)
                kind = first.kind if kind == "talk" else kind
            named = _named_in_block(session[0]) if session[0].kind == "paragraph" and not in_prose else []
            by_name = len(named) == 1 and bool(named[0].groupdict().get("people"))  # "… Title by **Ann Lee** …"
            if by_name:
                title = " ".join(named[0].group("title").split())
                in_prose = (_names(_prose_people(named[0].group("people"))), title)
            title = group.text.strip() if n == 0 and not own_titles and not by_name else title
            talk = Talk(
                title=title,
                kind=kind,
                day=day,
                position=len(self.talks),
                start=group.start if n == 0 and _names_more_than_a_day(title) else session[0].start,
                blocks=session,
                title_derived=not (n == 0 and _names_more_than_a_day(title)),
                speakers=[Speaker(name) for name in in_prose[0]] if in_prose else [],
            )
            self._add_talk(talk)

    def _merge_contents_entries(self) -> None:
        """A talk listed first with no text of its own ("- Keynotes / - Title – Ann Lee") and written out later under
        the same title (or that title and a subtitle) is one talk: the entry was the post's contents. Its speakers,
        kind and day carry over. An entry for a section that is no talk is dropped."""
        written: dict[str, Talk] = {}
        for talk in reversed(self.talks):
            key = _label(talk.title)
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
            if said and _plausible_people(people) and _opens_with(talk.body_text.strip(), people):
                talk.title, talk.speakers = said.group("title"), [Speaker(n) for n in _names(people)]
                continue
            name = talk.title.strip()
            if (
                talk.speakers
                or talk.title_derived
                or not (2 <= len(name.split()) <= 3 and _plausible_people(name))
                or _kind_in(name)  # "Tokyo Keynote": a session's name
            ):
                continue
            body = talk.body_text.strip()
            first = talk.blocks[0] if talk.blocks else None
            titled_below = first is not None and first.kind in ("item", "line") and _title_like(first.text.strip())
            if not (_opens_with(body, name) or (talk.kind == "keynote" and titled_below)):
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
        people = _speaker_list(fields[0].group("people")) or [Speaker(n) for n in _names(fields[0].group("people"))]
        if not people or not all(_plausible_people(p.name) for p in people):
            return None
        title, kind, _ = _split_heading(blocks[0].text)
        kind = kind or _kind_in(" ".join(b.text for b in opening)) or "talk"
        body = [b for b in blocks[1:] if not SESSION_PEOPLE.match(b.text.strip())]
        said = DAY_IN_TEXT.search(" ".join(b.text for b in body))
        day = self._day_number(said) if said else None
        talk = Talk(title, kind, day, 0, blocks[0].start, blocks=body, speakers=people)
        _split_affiliations(talk)
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
            and not (t.blocks and (_speaker_field(t.blocks[0].text) or SESSION_PEOPLE.match(t.blocks[0].text)))
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
                kind = _split_heading(match.group("kind") or match.group("kind2"))[1] or "talk"
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
            named = _named_in_block(block)
            if current is not None and current.blocks and current.blocks[0].kind == "item" and block.kind != "item":
                current = None  # the list of talks has ended: a paragraph after it is no item's text
            if named:
                self.outside.remove(block)
                for talk in _talks_named(block, named, day):
                    if current is not None and current.title.casefold() == talk.title.casefold():
                        _join(current, talk)
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
                opening = _opening_mention(block)
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
        for section in [t for t in self.talks if t.blocks and not t.speakers and not _decorated(t.title)]:
            opening = section.blocks[0]
            named = _named_in_block(opening)
            if len({m.group("title").strip().casefold() for m in named}) >= 2:
                talks = _talks_named(opening, named, section.day)
                self.outside.extend(section.blocks[1:])
            else:
                talks, rest = _items_naming_talks(section) or _paragraphs_naming_talks(section) or ([], [])
                if not talks:
                    continue
                self.outside.extend(rest)
            self.talks.remove(section)
            for talk in talks:
                same = next((t for t in self.talks if t.title.casefold() == talk.title.casefold()), None)
                if same is not None:
                    _join(same, talk)
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
                if said and _plausible_people(said.group("people")):
                    starts.append(said.start())
                elif _presented_in_prose(sentence.text):
                    starts.append(sentence.start - block.start)
            if not starts:
                if self.talks and self.talks[-1].title_derived and self.talks[-1].blocks[-1].end <= block.start:
                    self.talks[-1].blocks.append(block)  # the session goes on
                    self.outside.remove(block)
                continue
            self.outside.remove(block)
            lead, pieces = _pieces_at(block, starts)
            if lead is not None:  # text before the first presenter continues the last session
                (self.talks[-1].blocks if self.talks and self.talks[-1].title_derived else self.outside).append(lead)
            for piece in pieces:
                said = PRESENTER.match(piece.text)
                in_prose = None if said else _presented_in_prose(split_sentences(piece.text)[0].text)
                people = _names(said.group("people")) if said else (in_prose[0] if in_prose else [])
                if self.talks and (not people or people == [s.name for s in self.talks[-1].speakers]):
                    self.talks[-1].blocks.append(piece)  # the same people again: the same session
                    continue
                said_from = said.start("people") if said else 0  # "On Tuesday Ann Lee gave …": from her name
                title = in_prose[1] if in_prose and in_prose[1] else _derived_title(piece.text[said_from:])
                kind = _kind_in(split_sentences(piece.text)[0].text) or "talk"  # "… gave a strong keynote"
                talk = Talk(title, kind, day, 0, piece.start, blocks=[piece], title_derived=True)
                talk.speakers = [Speaker(name) for name in people]
                self._add_talk(talk)

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
    return bool(re.match(r"^[-–—|:]\s", after)) and _title_like(rest) and bool(_speaker_list(block.lead))


def _paren_people(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues (Ada Brown, Acme)" → the title and the people of its closing parenthesis, if they read so."""
    said = TITLE_PAREN_PEOPLE.match(text.strip())
    if not said or said.group("notes") or not _heading_like(said.group("title")):
        return None
    people = said.group("people")
    speakers = [] if LEGAL_SUFFIX.search(" " + people) else _speaker_list(people)
    return (said.group("title").strip(), speakers) if speakers else None


def _people_headings(groups: list[tuple[Block, list[Talk]]]) -> None:
    """ "## Ada Brown" over one talk "**Scaling Queues**", twice or more in the notes: each such heading names the
    speakers of the one talk under it."""
    named = [
        (people, talks[0])
        for heading, talks in groups
        if len(talks) == 1
        and not talks[0].speakers
        and not GROUP_HEADING.match(heading.text.strip())
        and (people := _byline(heading.text))
    ]
    if len(named) >= 2:
        for people, talk in named:
            talk.speakers = people


def _split_affiliations(talk: Talk) -> None:
    """ "Ann Lee, Acme / Lund University": a speaker of two organisations; the first is her affiliation, the
    other one is the talk's too."""
    for speaker in talk.speakers:
        if speaker.affiliation and " / " in speaker.affiliation:
            first, *others = [o.strip() for o in speaker.affiliation.split(" / ") if o.strip()]
            speaker.affiliation = first
            talk.organisations.extend(o for o in others if o not in talk.organisations)


def _presented_in_prose(sentence: str) -> tuple[list[str], str] | None:
    """The people a sentence says presented, in the phrasings of prose ("The opening talk, from Ana Silva, …", "Next
    up was Marta Lind, on DNS failover", "we heard from Tom Reyes about tracing", "Raj Mehta's session on retry
    budgets"), and the subject it gives their session ("" when it gives none)."""
    for pattern in PRESENTED_IN_PROSE:
        said = pattern.search(sentence)
        if said and _plausible_people(people := _prose_people(said.group("people"))):
            subject = re.split(r"\s+(?:was|is|were|are|had|has|made|got)\b", said.groupdict().get("subject") or "")[0]
            subject = subject.strip(" ,;:")
            words = subject.split()
            subject = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
            return _names(people), (subject[:1].upper() + subject[1:]) if len(words) >= 2 else ""
    return None


def _speaker_field(line: str) -> bool:
    """ "Speaker: Ann Lee (Acme)", "Presenters: Ann Lee & Tom Reyes", "by Ann Lee": a line that only names people,
    said so by its first word."""
    line = line.strip()
    return bool(re.match(r"^(?i:speakers?|presenters?)\s*:|^(?i:presented\s+)?by\s", line)) and bool(_byline(line))


def _names_a_presenter(text: str) -> bool:
    """A sentence of the text has someone presenting as its subject ("Ada Brown talked about queues."), or the text
    opens with a field that names its speakers ("Speaker: Ada Brown")."""
    if _speaker_field(text.strip().partition("\n")[0]):
        return True
    return any(_opens_with_presenter(sentence.text) for sentence in split_sentences(text)[:3])


def _opens_with_presenter(text: str) -> bool:
    """The text opens with someone presenting: "Ann Lee from Acme showed …", "Next, Tom Reyes talked …"."""
    said = PRESENTER.match(text)
    return bool(said and _plausible_people(said.group("people")))


def _talk_line(block: Block) -> bool:
    """A one-line paragraph that reads as a talk's heading with its people, not as a sentence."""
    text = block.text.strip()
    return (
        "\n" not in text
        and len(text.split()) <= 24
        and not text.endswith((".", "!", "?", ":"))
        and bool(_split_heading(text, [t for t, _ in block.links])[2])
    )


def _talk_in_prose(talk: Talk) -> tuple[str, list[Speaker]] | None:
    """A section whose heading is the author's ("Day 1: Finding Focus", "Midweek") and whose text names exactly
    one talk with its speakers: the talk is that one."""
    if _decorated(talk.title):
        return None
    text = " ".join(b.text for b in talk.blocks[:2])  # the section opens by naming it
    found = {
        (m.group("title").strip(" :"), m.group("people")) for pattern in PROSE_TALK for m in pattern.finditer(text)
    }
    found = {(t, p) for t, p in found if len(t.split()) >= 2 and _plausible_people(p)}
    if len(found) != 1:
        return None
    title, people = found.pop()
    return title, [Speaker(name) for name in _names(people)]


def _names_more_than_a_day(heading: str) -> bool:
    """ "Tuesday 10am ThoughtWorks CI Talk" says what the session was; "Day 2", "Tuesday 9am" and "Thursday: the
    first conference day" only when."""
    day = DAY_HEADING.match(heading)
    rest = heading[day.end() :] if day else heading
    words = [
        w
        for w in re.findall(r"[^\W\d_][\w'’.-]*", rest)
        if not re.fullmatch(r"(?i:[ap]\.?m\.?|h|st|nd|rd|th)", w) and w.lower().rstrip(".") not in MONTHS
    ]
    about_the_day = re.search(rf"\b(?:{DAY_WORD}|conference|summit|tutorials?|workshops?|sprints?)\b", rest, re.I)
    return bool(day) and len(words) >= 2 and not (about_the_day and len(words) <= 5)


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
    enumerated = _subjects_with_people(text) if parenthesised else []
    runs = (
        *_emphasised_title_patterns(_title_runs(emphasis), in_prose),
        *_emphasised_title_patterns(_title_runs(linked), in_prose, people_after=in_prose),  # a list: see _talk_pages
        *(_emphasised_people_patterns(emphasis) if in_prose else ()),
    )
    for pattern in (*patterns, *runs):
        for match in pattern.finditer(text):
            if "people" in match.groupdict() and not _plausible_people(_prose_people(match.group("people"))):
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


def _subjects_with_people(text: str) -> list[re.Match]:
    """An enumeration of two subjects or more, each with the people who spoke on it in parentheses; not a list of
    people with their employers ("Ann Lee (Acme), Tom Reyes (Red Hat)"): at least half its subjects are no names."""
    found = [
        m
        for m in SUBJECT_PEOPLE.finditer(text)
        if len(m.group("title").split()) <= 12 and _plausible_people(m.group("people"))
    ]
    subjects = [m for m in found if not _plausible_people(m.group("title").strip())]
    return found if len(found) >= 2 and 2 * len(subjects) >= len(found) else []


def _named_in_block(block: Block) -> list[re.Match]:
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
        for run in dict.fromkeys(runs)
        if 2 <= len(run.split()) <= 20 and run[0].isalnum() and not run.endswith((".", "!", "?", ":"))
    )
    return tuple(islice(found, MAX_TITLE_RUNS))


@lru_cache(maxsize=1024)
def _emphasised_title_patterns(
    runs: tuple[str, ...], in_prose: bool = True, people_after: bool = True
) -> list[re.Pattern]:
    """Emphasised or linked runs (_title_runs) named as a talk: followed by its speakers ("*Paging Less*, by Ann
    Lee", "[Paging Less](…) av Ann Lee"; with `people_after`), after a talk word ("Ann Lee's talk, *Paging Less*",
    "Ann Lee's well researched talk on [Paging Less](…)", "a keynote called *Paging Less*"); in a paragraph's prose
    (`in_prose`; a list's items are read as a list) also right after a talk word in any language ("ihres Vortrags
    [Paging Less](…)") or opening a sentence that says who gave it ("In *Paging Less*, Ann Lee …", "I [Paging
    Less](…) argumenterte Ann Lee"). A run may wrap across lines of the notes. One pattern of each shape holds
    every run, so a paragraph costs a few scans whatever its runs."""
    if not runs:
        return []
    title = _runs_group(runs)
    patterns = [
        re.compile(
            rf"{PROSE_PEOPLE}['’]s?\s+(?:[\w-]+\s+){{0,4}}(?P<kind>(?i:talk|keynote|session|presentation|workshop|tutorial))"
            rf"(?:\s*[,:]\s*|\s+(?:called|titled|entitled|named|on|about)\s+){title}"
        ),
        re.compile(
            r"\b(?P<kind>(?i:talk|keynote|session|presentation|workshop|tutorial))"
            rf"(?:\s*[,:]\s*|\s+(?:was\s+)?(?:called|titled|entitled|named)\s+){title}"
        ),
    ]
    if people_after:
        patterns.append(re.compile(rf"{title}\s*,?\s+(?:by|von|de|par|door|av|from)\s+{PROSE_PEOPLE}"))
    capitalised = [run for run in runs if run[0].isupper() or run[0].isdigit()]  # "my talk [are on …]": no title
    if in_prose and capitalised:
        patterns.append(re.compile(rf"\b(?P<kind>(?i:{TALK_WORDS}))\w{{0,3}}\s+{_runs_group(capitalised)}"))
    if in_prose and (named := [run for run in capitalised if not _plausible_people(run)]):  # not "With [Ann Lee]"
        patterns.append(
            re.compile(
                rf"(?:^|(?<=[.!?]\s))(?i:in|i|im|dans|en|nel|på|during)\s+{_runs_group(named)},?\s+"
                rf"(?:[a-zà-ÿ]+\s+)?{PROSE_PEOPLE}"
            )
        )
    return patterns


AUTHOR_WENT = r"(?:went\s+(?:on\s+)?to|saw|watched|attended|heard|caught|joined|chose|picked)"


def _emphasised_people_patterns(runs: list[str] | tuple[str, ...]) -> list[re.Pattern]:
    """People emphasised after "by", the title before them unmarked: "Teemu went to Cloud-native dev tools by
    **Grace Jansen** from IBM". The title runs from the sentence's first capital after its opening word (the
    sentence's subject or "After", "Then") to the "by", past the author going there ("After lunch I went to")."""
    people = [run for run in runs[:MAX_TITLE_RUNS] if _plausible_people(run)]
    if not people:
        return []
    return [
        re.compile(
            r"(?:^|(?<=[.!?]\s))\S+\s(?:[^A-ZÀ-Ý.!?\n]*\s)?"
            rf"(?:(?:[A-ZÀ-Ý][\w'’-]*\s+and\s+)?I\s+{AUTHOR_WENT}\s+)?"  # "Maria and I watched", "I went to"
            r"(?P<title>[A-ZÀ-Ý][^.!?\n]{2,120}?)\s+"
            rf"(?:by|von|av|par|door|af)\s+{_runs_group(people, 'people')}(?!\w)"
        )
    ]


def _runs_group(runs: list[str] | tuple[str, ...], name: str = "title") -> str:
    """A group matching any of the runs, each word apart by any space (a run wraps across lines)."""
    words = (r"\s+".join(re.escape(word) for word in run.split()) for run in sorted(runs, key=len, reverse=True))
    return rf"(?P<{name}>{'|'.join(words)})"


def _join(talk: Talk, again: Talk) -> None:
    """The same talk named twice ("Tom Reyes (closing plenary: X), and Kim Ho (closing plenary: X)"): one talk, with
    both people and both pieces of text."""
    talk.speakers += [s for s in again.speakers if s not in talk.speakers]
    talk.blocks += again.blocks


def _opening_mention(block: Block) -> _Mention | None:
    """The talk a paragraph opens by naming in passing ("Finally, a talk on storing large sets …", "Ann Lee's
    keynote …"), if it opens so."""
    first = next(iter(_mentioned_talks(block, presenters=False)), None)
    if first is None:
        return None
    before = block.text[: first.start].replace(",", " ").strip()
    return first if not SENTENCE_OPENER.sub("", before + " ").strip() else None


def _opening_people(talk: Talk) -> list[Speaker]:
    """People the opening of a talk's text links to their social profile ("[Ann Lee](https://twitter.com/annlee),
    of Acme, showed …") or opens with in bold ("**Ann Lee** and **Tom Reyes** walked through …"), in any
    language: the talk's speakers, when nothing else named them."""
    opening = talk.blocks[0] if talk.blocks else None
    if opening is None:
        return []
    names = [text for text, href in opening.links if PROFILE_URL.match(href.strip())]
    first = split_sentences(opening.text)[0].text if opening.text.strip() else ""
    bold = [run for run in opening.emphasis if run in first]
    if not names and bold and first.lstrip().startswith(bold[0]):
        names = [run for run in bold if _plausible_people(run)]
    return [Speaker(name) for name in dict.fromkeys(names) if _plausible_people(name)]


def _items_naming_talks(section: Talk) -> tuple[list[Talk], list[Block]] | None:
    """A section written as a list whose items each name a talk in prose ("* Ann Lee's talk on [Paging
    Less](…) …"): the talks, each with its item, and the section's other blocks; None when any item names none."""
    items = [b for b in section.blocks if b.kind == "item"]
    named = [(item, _named_in_block(item)) for item in items]
    if not items or not all(found for _, found in named):
        return None
    talks = [talk for item, found in named for talk in _talks_named(item, found, section.day)]
    return talks, [b for b in section.blocks if b.kind != "item"]


def _paragraphs_naming_talks(section: Talk) -> tuple[list[Talk], list[Block]] | None:
    """The talks a section's paragraphs name in prose ("The talk that blew me away was **»Paging Less« by Ann
    Lee**"), two or more between them: each with its paragraph and the paragraphs after it, up to the next that
    names one or the next sub-heading (the author's "Bottom line" is no talk's); and the blocks in none."""
    talks: list[Talk] = []
    rest: list[Block] = []
    current: Talk | None = None
    for block in section.blocks:
        named = _named_in_block(block) if block.kind == "paragraph" else []
        if named:
            talks += _talks_named(block, named, section.day)
            current = talks[-1]
            continue
        if block.kind == "heading":
            current = None
        (current.blocks if current is not None else rest).append(block)
    return (talks, rest) if len({t.title.casefold() for t in talks}) >= 2 else None


def _talks_named(block: Block, named: list[re.Match], day: int | None) -> list[Talk]:
    """One talk per prose match in a block (_named_in_prose), each with the text from its sentence to the next
    match's; text before the first match opens the first talk's."""
    lead, pieces = _pieces_at(block, [m.start() for m in named])
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
        title = " ".join(match.group("title").split())  # a title wrapped across lines of the notes
        talk = Talk(title, kind, day, 0, block.start + match.start("title"), blocks=[piece])
        people = _prose_people(match.groupdict().get("people") or "")
        if people and _plausible_people(people):
            talk.speakers = [Speaker(name) for name in _names(people)]
        talks.append(talk)
    return talks


def _said_kind(word: str | None) -> str:
    """The kind of session a prose pattern's kind word names: "opening plenary" a keynote, "workshop" a tutorial."""
    word = re.sub(r"\s+", " ", (word or "").lower())
    return "keynote" if word.endswith("plenary") else (_split_heading(word)[1] or "talk") if word else "talk"


def _prose_people(people: str) -> str:
    """The people a prose pattern caught, as names: "Lena Park. Danach" ends at the sentence, "und"/"et" is "and",
    and "Later Tom Reyes" opens with a word of the sentence, not of the name."""
    people = re.sub(r"(?<=[a-z]{3})\.$", "", re.split(r"[.!?]\s", people)[0])  # "… by Ann Lee." ends the text
    people = re.sub(r"\s+(?:und|et|y|e|en|och)\s+", " and ", people)
    return SENTENCE_OPENER.sub("", people)


@dataclass(frozen=True)
class _Mention:
    start: int  # in the block's text
    end: int
    title: str
    kind: str
    people: tuple[str, ...] = ()
    organisation: str | None = None
    who: str = ""  # the person as the sentence names them ("Jeff" in "Jeff's talk")


def _mentioned_talks(block: Block, presenters: bool = True) -> list[_Mention]:
    """The talks a paragraph names in passing (MENTIONED_TALK, PRESENTED_SUBJECT, links to talk pages), in order,
    none inside another and each person's once: "the Iron Python and PyPy keynotes" names two. `presenters`:
    also people presenting in a sentence (where the sessions are not already one per presenting sentence)."""
    text = block.text
    found: list[_Mention] = []
    for pattern in MENTIONED_TALK:
        for match in pattern.finditer(text):
            kind = _kind_word(match.group("kind").split()[-1])
            groups = match.groupdict()
            if groups.get("things"):
                things = re.split(r"\s+and\s+", groups["things"])
                if bool(groups.get("plural")) != (len(things) > 1):
                    continue  # "the PyCon talks": the talks in general; "the Kafka and Pulsar keynote": unclear
                found += [_Mention(match.start(), match.end(), f"{t} {match.group('kind')}", kind) for t in things]
                continue
            people = _prose_people(groups.get("people") or "")
            subject = (groups.get("subject") or "").strip()
            if subject and subject.split()[0].lower() in (*WEEKDAYS, "the", "day", "stage"):
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
                title = f"{people}'s {match.group('kind')}"
            else:
                continue
            named = tuple(_names(people)) if people and _plausible_people(people) else ()
            said = None if named else PRESENTER.match(text, _sentence_start(text, match.start()))
            if said and said.end() <= match.start() and _plausible_people(said.group("people")):
                named = tuple(_names(said.group("people")))  # "Omar Haddad gave a talk on paging"
            found.append(_Mention(match.start(), match.end(), title, kind, named, who=people))
    subjects: list[_Mention] = []
    for said in PRESENTED_SUBJECT.finditer(text) if presenters else ():
        people = _prose_people(said.group("people"))
        if _plausible_people(people):
            org = said.group("org") or said.group("org_said")
            org = _strip_legal(org) if org else None
            named = tuple(_names(people))
            subject = said.group("subject").strip()
            subjects.append(_Mention(said.start(), said.end(), subject, "talk", named, org, who=people))
    pages = [
        _Mention(at, at + len(link_text), link_text, "talk")
        for link_text in _talk_pages(block)
        if (at := text.find(link_text)) >= 0
    ]
    for subject in subjects if pages else ():  # "Ann Lee spoke about X. … her talk, [Title](…/schedule/…)"
        page = next((p for p in pages if p.start >= subject.start and not p.people), None)
        if page is not None:  # the linked page names the talk; the presenting sentence, its people
            pages[pages.index(page)] = replace(page, people=subject.people, organisation=subject.organisation)
    found += pages or subjects
    kept: list[_Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -m.end)):
        if mention.who and any(k.who.split()[0] == mention.who.split()[0] for k in kept if k.who):
            continue  # "Jeff Sussna spoke about … Jeff's talk …": the same talk again
        if not kept or mention.start >= kept[-1].end or (mention.start, mention.end) == (kept[-1].start, kept[-1].end):
            kept.append(mention)  # "the Iron Python and PyPy keynotes": two mentions of one span
    return kept


def _talk_pages(block: Block) -> list[str]:
    """The texts of a block's links to a talk's page on the schedule or its recording (TALK_PAGE): titles."""
    return [
        text.strip()
        for text, href in block.links
        if TALK_PAGE.search(href) and text[:1].isupper() and len(text.split()) >= 2
    ]


def _sentence_start(text: str, offset: int) -> int:
    """Where the sentence holding `offset` starts, across the line breaks of prose wrapped at a width."""
    return max((m.end() for m in SENTENCE_END.finditer(text, 0, offset)), default=0)


def _piece(block: Block, a: int, b: int) -> Block:
    """Characters a to b of a block, as a block of the same kind (its links and code spans kept for linking)."""
    return Block(block.kind, block.text[a:b].rstrip(), block.start + a, block.level, block.links, block.code)


def _pieces_at(block: Block, offsets: list[int]) -> tuple[Block | None, list[Block]]:
    """The block cut where the sentences holding these offsets (the block's own) start: the text before the first
    of them (None when there is none), and one piece per offset, in order."""
    sentences = split_sentences(block.text)
    cuts = [next((s.start for s in reversed(sentences) if s.start <= o), 0) for o in sorted(offsets)]
    ends = [*cuts[1:], len(block.text)]
    lead = _piece(block, 0, cuts[0]) if cuts and block.text[: cuts[0]].strip() else None
    return lead, [_piece(block, a, b) for a, b in zip(cuts, ends, strict=True)]


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
        or _plausible_people(title)
        or _speaker_field(title + ":")
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


def _heading_like(text: str) -> bool:
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


def _linked_talk_page(block: Block) -> bool:
    """An item that is only a link to a talk's page ("- ["Jenkins as Code"](…/schedule/event/jenkins/) and"): its
    text is a title, whatever its case."""
    bare = ITEM_CLOSE.sub("", block.text.strip())
    return any(bare == text.strip() and TALK_PAGE.search(href) for text, href in block.links)


def _title_like(text: str) -> bool:
    """A list item that reads as a title, not a sentence: short, no closing full stop, not about someone."""
    return _heading_like(text) and len(text.split()) <= 12 and not text.endswith(("!", "?"))


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


def _split_heading(text: str, link_texts: list[str] | None = None) -> tuple[str, str | None, list[Speaker]]:
    """Heading text → (title, kind or None, speakers) from the decorations it carries.
    `link_texts`: the heading's link texts; a link after a name is the title ("Ada Brown - [Title](…)").
    The speakers are fresh objects: a talk may give them an affiliation later, which must not reach the cache."""
    title, kind, speakers = _split_heading_cached(text, tuple(link_texts or ()))
    return title, kind, [Speaker(s.name, s.affiliation) for s in speakers]


@lru_cache(maxsize=4096)
def _split_heading_cached(text: str, link_texts: tuple[str, ...]) -> tuple[str, str | None, list[Speaker]]:
    text = _without_pictograms(HASHTAGS.sub("", text.strip()))
    text = HEADING_NUMBER.sub("", text)  # "1. Title", "#2) Title": the talk's place in the post, not its title
    if (scheduled := SCHEDULE_PREFIX.match(text)) and scheduled.end():
        text = text[scheduled.end() :].lstrip(" -–—|:")  # "09:00 – Title – Ann Lee"
    kind = None
    prefix = KIND_PREFIX.match(text)
    if prefix:
        kind = _kind_word(prefix.group("kind"))
        text = text[prefix.end() :]
    elif label := SESSION_LABEL.match(text):
        text = text[label.end() :]  # "Session: Opening Keynote": a label; the title may still say its kind
    text = TITLE_LABEL.sub("", SPONSORED.sub("", SKILL_SUFFIX.sub("", text))).strip()
    speakers: list[Speaker] = []
    if text in link_texts:  # the whole heading is one link: its text is the title, colons and all
        tail = _by_tail(text) or _speaker_tail(text) or _link_text_people(text)  # "[Title - Ann Lee](…)"
        title, speakers = tail if tail is not None else (text, speakers)
        return _unquoted(title.strip(" :-–—~")), kind or _kind_in(title), speakers
    match = BY_SPEAKERS.match(text)
    first = SPEAKER_FIRST.match(text)
    by = _by_tail(text)
    if (said := _paren_byline(text)) is not None:
        text, paren_kind, speakers = said
        kind = kind or paren_kind
    elif by is not None and (any(p.affiliation for p in by[1]) or not match):
        text, speakers = by  # "Title by Ann Lee & Tom Reyes, Acme": people with their employer after "by"
    elif match and _plausible_people(match.group("people")):
        org = match.group("org") or match.group("org_said")
        org = _strip_legal(org) if org else None
        speakers = [Speaker(name, org) for name in _names(match.group("people"))]
        title = match.group("title").strip()
        text = _before_byline(title) if match.group("by").strip() == "By" else title
    elif (
        first
        and _plausible_people(first.group("people"))
        and (first.group("org") or first.group("title") in link_texts)
    ):
        org = _strip_legal(first.group("org")) if first.group("org") else None
        speakers = [Speaker(name, org) for name in _names(first.group("people"))]
        text = first.group("title").strip()
    elif (tail := _speaker_tail(text)) is not None:
        text, speakers = tail
    elif (closing := _closing_person(text)) is not None:
        text, speakers = closing
    elif (cut := TRUNCATED_TITLE.match(text)) and (people := _whole_names(_speaker_list(cut.group("people")))):
        text, speakers = cut.group("title") + "…", people
    if speakers and (suffix := KIND_SUFFIX.search(text)):
        text, kind = text[: suffix.start()], kind or _kind_word(suffix.group("kind"))
    return _unquoted(text.strip(" :-–—~")), kind or _kind_in(text), speakers


def _unquoted(title: str) -> str:
    """ "“The Cost of Retries”" → "The Cost of Retries": quotes around the whole title are no part of it, nor what
    closes an item of a list after them ('"Jenkins as Code" and', '"Paging Less".')."""
    bare = QUOTED_ITEM_CLOSE.sub("", title)
    quoted = re.fullmatch(r"[\"“„«‘](?P<inner>[^\"“”„«»‘’]{2,})[\"”“»’]", bare)
    return quoted.group("inner").strip() if quoted else title


def _closing_person(text: str) -> tuple[str, list[Speaker]] | None:
    """A title closed by one person with their organisation: "Paging Less (Marta Lind, Globex)", "Chaos on a Budget,
    Omar Khan (Initech)". Alone, a closing parenthesis is a title's ("Scaling Queues (Part Two)"); with a
    person's name and an organisation it is the speaker's."""
    said = re.match(
        r"^(?P<title>.{3,}?)(?:\s*\((?P<name>[^(),]+),\s*|,\s+(?P<name2>[^(),]+?)\s*\()(?P<org>[^(),]+)\)$", text
    )
    if not said:
        return None
    name = (said.group("name") or said.group("name2")).strip()
    org = _strip_legal(said.group("org").strip())
    if not _another_person(name) or not org or not _heading_like(said.group("title")):
        return None
    return said.group("title").strip(), [Speaker(name, org)]


def _kind_word(word: str) -> str:
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


def _speaker_prefix(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Ann Lee: Title" → the title and its people. Read so only where the notes use that layout more than once:
    alone, "Hidden Hazards: Burnout in Tech" is a title with a subtitle."""
    match = SPEAKER_PREFIX.match(text.strip()) if ":" in text and not FIELD_LABEL.match(text.strip()) else None
    if match and _plausible_people(match.group("people")) and len(match.group("people").split()) >= 2:
        people = [Speaker(name) for name in re.split(r"\s*(?:&|\band\b)\s*", match.group("people"))]
        return match.group("title").strip(" :-–—~"), people
    return None


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
        speakers = _speaker_list(text[by.end() :]) if by.start() > 0 else []
        if speakers:
            title = text[: by.start()].strip()
            return (_before_byline(title) if by.group().strip() == "By" else title), speakers
    return None


def _paren_byline(text: str) -> tuple[str, str | None, list[Speaker]] | None:
    """ "Title (Keynote, by Ann Lee & Tom Reyes, video)" → the title, the kind and the speakers; the other fields of
    the parenthesis (video, slides, a room) are dropped. None unless the "by" field names people."""
    match = PAREN_BYLINE.match(text)
    if not match:
        return None
    kind = None
    speakers: list[Speaker] = []
    for field_text in (f.strip() for f in match.group("fields").split(",")):
        if field_text.lower().startswith("by "):
            people = field_text[3:].strip()
            if not _plausible_people(people):
                return None
            speakers = [Speaker(name) for name in _names(people)]
        elif not speakers and _kind_in(field_text) and len(field_text.split()) <= 2:
            kind = _kind_in(field_text)
    return (match.group("title").strip(), kind, speakers) if speakers else None


def _item_heading(
    text: str,
    links: list[tuple[str, str]] | None = None,
    tail: str = "",
    paren_people: bool = False,
    run_on_people: bool = False,
) -> tuple[str, str]:
    """A list item's heading and its notes: the first line, or the first sentence where that alone names the talk
    and its speakers ("Great Tables by Ann Lee from Acme. A lively demo …"), or "Title: Ann Lee of Acme spoke …",
    or a (linked) title with its people after it ("[Title](…) (Ann Lee): notes"), or a title whose people close the
    line in bold or italics ("Title **Ann Lee, Acme**")."""
    line, _, rest = text.partition("\n")
    for link_text, _ in links or []:
        after = line[len(link_text) :] if link_text and line.startswith(link_text) else None
        linked = LINKED_TITLE_PEOPLE.match(after) if after and _heading_like(link_text) else None
        if linked is None:
            continue
        people = (linked.group("paren") or linked.group("said")).strip()
        if not LEGAL_SUFFIX.search(" " + people) and _speaker_list(people):
            return f"{link_text} by {people}", f"{linked.group('notes') or ''}\n{rest}".strip()
    paren = TITLE_PAREN_PEOPLE.match(line)
    # "Title (Part Two)" alone stays a title: only with notes, or where the notes' layout closes titles with people.
    if paren and _heading_like(paren.group("title")) and (paren.group("notes") or paren_people):
        people = paren.group("people")
        if not LEGAL_SUFFIX.search(" " + people) and _speaker_list(people):
            return f"{paren.group('title')} by {people}", f"{paren.group('notes') or ''}\n{rest}".strip()
    if tail and line.rstrip(" .").endswith(tail) and _speaker_list(tail):
        before = line.rstrip(" .")[: -len(tail)].rstrip(" *_-–—|~,:")
        before = re.sub(r"\s+by$", "", before)
        last_word = before.split()[-1].lower() if before.split() else ""
        if _heading_like(before) and last_word not in SMALL_WORDS:  # "Queues the **Hard Way**" goes on a phrase
            return f"{before} by {tail}", rest
    if run_on_people and not _split_heading(line)[2] and (run_on := _run_on_people(line)):  # the notes' layout
        return f"{run_on.title} by {run_on.people}", f"{run_on.notes}\n{rest}".strip()
    said = PRESENTED_ITEM.match(line)
    if said and _plausible_people(said.group("people")):
        org = f" ({said.group('org')})" if said.group("org") else ""
        return f"{said.group('title')} by {said.group('people')}{org}", text[said.end("title") + 1 :].strip()
    if re.search(r"[^\W\d_]{2}\.$", line) and _split_heading(line[:-1])[2]:  # "Title by Ann Lee." and its notes
        return line[:-1], rest
    if _split_heading(line)[2]:
        return line, rest
    sentence = re.match(r"^(.{3,160}?)\.\s+(?=[A-Z])", line)
    if sentence and _split_heading(sentence.group(1))[2]:
        return sentence.group(1), text[sentence.end() :]
    return line, rest


@dataclass(frozen=True)
class _RunOn:
    """A line read as a title run into its people (RUN_ON_PEOPLE)."""

    title: str
    people: str  # joined by "and" whatever the notes' language joined them with
    notes: str
    sure: bool  # a handle, an initial or two people joined: nothing else than people reads so


def _run_on_people(line: str) -> _RunOn | None:
    """ "Abstraction distractions Neal Ford" read as a title and its people: where the people are plausible and
    either surely people or opening after a word in lower case ("Open Source Economics" ends on two capitalised
    words of its own)."""
    said = RUN_ON_PEOPLE.match(line)
    if not said:
        return None
    people = PEOPLE_JOINER.sub(" and ", said.group("people"))
    sure = bool(said.group("handle") or re.search(r"\s[A-Z]\.\s", people) or " and " in people)
    if not _plausible_people(people) or not (sure or not said.group("title").split()[-1][:1].isupper()):
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


def _kind_in(text: str) -> str | None:
    """The kind a title names ("… Keynote", "Hands-on Workshop: …"), if any."""
    lowered = text.lower()
    if re.search(r"\bkeynote\b", lowered):
        return "keynote"
    if re.search(r"\b(?:project )?updates?\b", lowered) and "project" in lowered:
        return "update"
    if re.search(r"\b(?:tutorials?|workshops?)\b", lowered):
        return "tutorial"
    if re.search(r"\bpanels?\b", lowered):
        return "panel"
    if re.search(r"\b(?:lightning|ignite|flash)\s+talks?\b|^(?:ignites?|lightnings?)$", lowered):
        return "lightning"
    return None


def _speaker_tail(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Title - Ana Silva, Principal Engineer, Foo Corp; Tom Reyes, CTO & Raj Mehta (Baz Labs)" → the title and
    each speaker with the organisation that closes their fields (roles in between are dropped)."""
    for sep in SPEAKER_SEPARATOR.finditer(text):
        title, tail = text[: sep.start()].strip(), text[sep.end() :].strip()
        speakers = _speaker_list(_without_handles(tail)) if title else []
        if speakers:
            fields = SPEAKER_SEPARATOR.split(title)
            if len(fields) >= 2 and _organisation_field(fields[-1]) and not any(p.affiliation for p in speakers):
                # "Title - Yelp - Ann Lee / Tom Reyes": the field between the title and the people is their employer
                org = fields[-1].strip()
                title = title[: title.rfind(org)].rstrip(" -–—|~")
                speakers = [Speaker(p.name, org) for p in speakers]
            return title, speakers
    return None


def _opens_with(text: str, people: str) -> bool:
    """Text that opens with the first of these people, by first name or a pronoun ("Ann showed …", "She …"); not
    with the whole name when all its words are ordinary ones ("Green Threads explained …": the talk's subject)."""
    if text.startswith(people) and all(is_common_word(w) for w in people.split()):
        return False
    return bool(re.match(rf"(?:{re.escape(people.split()[0])}|she|he|they)\b", text, re.I))


def _link_text_people(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues—Ann Lee" as a link's whole text: the title, then its people after an unspaced dash."""
    said = LINK_TEXT_PEOPLE.match(text)
    if not said or not _plausible_people(said.group("people")):
        return None
    return said.group("title"), [Speaker(name) for name in _names(said.group("people"))]


def _comma_people_tail(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Scaling Queues Without Tears, Ann Lee, Tom Reyes, Acme" → the title, then people's names (no ordinary
    word needed) and, last, maybe their employer, each after a comma; a title of two or more words stays.
    Only where it is the notes' layout (two or more titles read so): alone, "Fast, Cheap, Good Enough" is a title."""
    fields = [f.strip() for f in text.split(",")]
    org = fields.pop() if len(fields) >= 3 and _organisation_field(fields[-1]) else None
    people: list[str] = []
    while len(fields) > 1 and 2 <= len(fields[-1].split()) <= 3 and _plausible_people(fields[-1]):
        people.insert(0, fields.pop())
    title = ", ".join(fields)
    if not people or len(title.split()) < 2 or "," in title:  # "Rust, Go, Java Script": a list, not people
        return None
    return title, [Speaker(name, org) for name in people]


def _speaker_first(text: str) -> tuple[str, list[Speaker]] | None:
    """ "Ann Lee @annlee - Acme - Title", "Ann Lee - Title": people first, then an optional employer field, then the
    title (every other field, subtitles kept). Used where several headings of the document have this layout."""
    fields = [f for f in (_without_handles(f) for f in SPEAKER_SEPARATOR.split(text)) if f]
    if len(fields) < 2:
        return None
    speakers = _speaker_list(fields[0])
    if not speakers:
        return None
    rest = fields[1:]
    if len(rest) >= 2 and _organisation_field(rest[0]):
        speakers = [Speaker(p.name, rest[0]) for p in speakers]
        rest = rest[1:]
    title = text[text.find(rest[0]) :].strip()
    return title, [Speaker(p.name, p.affiliation) for p in speakers]


def _common_words(people: list[Speaker]) -> float:
    """How much of these names reads as ordinary words ("Mentoring Metrics Engineers" 1.0, "Zach Musgrave" 0.5):
    where a heading could give people at either end, the end with fewer ordinary words holds them."""
    words = [w for p in people for w in p.name.split() if w not in NAME_PARTICLES and any(c.isalpha() for c in w)]
    return sum(1 for w in words if is_common_word(w)) / len(words) if words else 1.0


def _without_handles(field_text: str) -> str:
    """A heading field without social handles ("Ann Lee @annlee" → "Ann Lee", "@annlee" → "")."""
    return re.sub(r"(?:^|\s+)@\w[\w.]*", "", field_text).strip()


def _organisation_field(field_text: str) -> bool:
    """A heading field beside people that can only be their employer: one capitalised word, or two that are not
    both ordinary words ("Yelp", "IOPipe", "Giant Swarm"; not "The Hard Parts", "Best Practices")."""
    words = field_text.split()
    if len(words) == 1 and re.fullmatch(r"[A-Z][\w&.'-]*", words[0]) and words[0].lower() not in SMALL_WORDS:
        return True  # between the people and the title, one capitalised word: "Google", "BuzzFeed"
    if len(words) != 2 or any(w.lower() in SMALL_WORDS or not re.fullmatch(r"[A-Z][\w&.'-]*", w) for w in words):
        return False
    return not all(is_common_word(w) for w in words)


def _speaker_list(tail: str) -> list[Speaker]:
    """People separated by ';', '&' or 'and', each "Name[, role …][, Organisation]" or "Name (Organisation)";
    [] unless every part reads that way."""
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
    parts = re.split(r"(\s*[;/]\s*|\s+(?:&|and)\s+)", tail)
    for separator, part in zip(["", *parts[1::2]], parts[::2], strict=True):
        name = re.split(r"\s*[,(]|\s+(?:as|from|at|of)\s+", part, maxsplit=1)[0].strip()
        if segments and (
            not _plausible_people(name) or ROLE_FIELD.search(name) or ("/" in separator and "," in segments[-1])
        ):
            segments[-1] += separator + part  # "Bar Data & Raj Mehta", "Acme / Tartu University": one field
        else:
            segments.append(part)
    speakers: list[Speaker] = []
    bare: list[bool] = []  # per speaker: named with no fields of their own
    # "A, B & C" where C is a bare name: the commas before it list people too.
    listing = len(segments) >= 2 and not re.search(r"[,(]", segments[-1]) and _plausible_people(segments[-1].strip())
    for segment in segments:
        paren = re.match(r"^(?P<name>[^(,]+?)\s*\((?P<org>[^)]+)\)\s*$", segment)
        fields = [paren.group("name"), paren.group("org")] if paren else [f.strip() for f in segment.split(",")]
        if len(fields) >= 3 and LEGAL_SUFFIX.fullmatch(", " + fields[-1]):
            fields[-2:] = [f"{fields[-2]}, {fields[-1]}"]  # "Baz Labs, Inc.": one organisation
        # "Ann Lee as Developer Advocate, Acme", "Ann Lee from Acme", "Ann Lee at Acme"
        said = re.match(r"^(?P<name>.+?)\s+(?P<how>as|from|at|of)\s+(?P<rest>.+)$", fields[0])
        if said and _plausible_people(said.group("name")):
            rest = [] if said.group("how") == "as" else [re.sub(r"^the\s+|\s+team$", "", said.group("rest"))]
            fields = [said.group("name"), *rest, *fields[1:]]
        if not _plausible_people(fields[0]) or len(fields) > 5:
            return []
        if any(re.search(r"[.!?]\s|[.!?]$", f) and not LEGAL_SUFFIX.search(" " + f) for f in fields[1:]):
            return []  # a field that ends a sentence: prose, not a role or an employer
        if not paren and len(fields) >= 2 and all(_uncommon_name(f) for f in fields):
            speakers.extend(Speaker(f) for f in fields)  # "Bram Vos, Fokke Dijk": names, no organisation
            bare.extend([False] * len(fields))
            continue
        if not paren and len(fields) >= 2 and listing and _names_listed(fields):
            speakers.extend(Speaker(f) for f in fields)  # "Ann Lee, Daniel Brandt & Tom Reyes": a list of names
            bare.extend([False] * len(fields))
            continue
        if not paren and len(fields) >= 4 and _names_listed(fields[:-1]) and not ROLE_FIELD.search(fields[-1]):
            org = _strip_legal(fields[-1])  # "Ann Lee, Ravi Menon, Marina Sergeeva, Acme": people, then their employer
            speakers.extend(Speaker(f, org) for f in fields[:-1])
            bare.extend([False] * (len(fields) - 1))
            continue
        org = fields[-1] if len(fields) >= 2 and not ROLE_FIELD.search(fields[-1]) else None
        if org is None and len(fields) >= 2 and (at := re.search(r"\sat\s+(?P<org>[A-Z].*)$", fields[-1])):
            org = at.group("org")  # "CTO at Acme"
        speakers.append(Speaker(fields[0], _strip_legal(org) if org else None))
        bare.append("," not in segment and "(" not in segment)
    # "Ann Lee & Tom Reyes, Acme": a name with no fields of its own shares the employer of the next one.
    for n in range(len(speakers) - 2, -1, -1):
        if speakers[n].affiliation is None and bare[n]:
            speakers[n].affiliation = speakers[n + 1].affiliation
    return speakers


def _names_listed(fields: list[str]) -> bool:
    """Comma-separated fields before "& Name" that are all people's names: two or three capitalised words, no role,
    and the last field (where an employer would stand) ending in no ordinary word ("Daniel Brandt"; not
    "Foo Corp", "Lund University")."""
    return all(
        2 <= len(f.split()) <= 3 and _plausible_people(f) and not ROLE_FIELD.search(f) for f in fields
    ) and not is_common_word(fields[-1].split()[-1])


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
        and _plausible_people(field_text)
        and not ROLE_FIELD.search(field_text)
        and not LEGAL_SUFFIX.search(" " + field_text)
        and not any(w.lower().strip(".") in ORGANISATION_NOUNS | SEQUEL_WORDS for w in words)
    )


def _uncommon_name(text: str) -> bool:
    """A person's name of two or three words, none of them an ordinary word ("Fokke Dijk"; not "Foo Corp",
    "Red Hat"): after a comma it is another person rather than an employer."""
    words = text.split()
    return 2 <= len(words) <= 3 and _plausible_people(text) and not any(is_common_word(w) for w in words)


def _byline(text: str, tagged: bool = False, dashed: bool = False) -> list[Speaker]:
    """A talk's first line that only names its speakers: "*Ada Brown, Widgets Inc*", "by Tom Reyes (Bar Data)",
    "Speakers: Ana Silva & Raj Mehta"; with `dashed`, where a line under a title can only name people, also
    "Ana Silva - Foo Corp"."""
    line = text.strip()
    if len(line) > 160 or "\n" in line:
        return []
    if re.search(r"\b[A-Z][a-z]{1,4}\.$", line):  # "… Cerner Corp." ends an abbreviation, not a sentence
        line = line[:-1]
    if len(line.split()) > 16 or line.endswith((".", "!", "?")):
        return []
    line = SCHEDULE_PREFIX.sub("", line)
    line = re.sub(r"^(?:Dr|Prof)\.?\s+(?=[A-Z])", "", line)  # a title is not part of the name
    if (handled := HANDLE_BYLINE.match(line)) and _plausible_people(name := handled.group("name")):
        handle = handled.group("handle")
        own = any(len(part) >= 3 and part.lower() in handle.lower() for part in name.split())
        return [Speaker(name, None if own else handle)]  # "@annlee" is hers; "@quansight", her employer's
    wrapped = PAREN_BY.fullmatch(line)
    if wrapped:
        line = wrapped.group(1)  # "(by Ann Lee, Tom Reyes)": a byline in parentheses on a line of its own
    said = re.match(r"^(?i:(?:presented\s+)?by|with|(?P<field>speakers?|presenters?)\s*:)\s+", line)
    line = line[said.end() :] if said else line
    if said and said.group("field") and (names := _two_names(line)):
        return names  # "Speaker: Ada Brown, Tom Reyes": a field of people names two people, not an employer
    if wrapped and (names := _two_names(line)) and not all(is_common_word(w) for w in names[1].name.split()):
        return names  # "(by Brett Lund, Dino Viehland)": a second person (not "Open Source", "Blue Box")
    words = line.split()
    if len(words) < 2 or not (words[0][0].isupper() and words[1][0].isupper()):
        return []  # a name opens with two capitalised words
    people, _, tags = line.partition(";")
    if tags and (tagged or not _speaker_list(tags)):
        return _speaker_list(people)  # "Ann Lee; Terraform": the people, then the talk's tags
    fields = SPEAKER_SEPARATOR.split(line)
    if dashed and len(fields) == 2 and "," not in fields[0] and _speaker_list(fields[0]) and _org_name(fields[1]):
        return _speaker_list(f"{fields[0]}, {fields[1]}")  # "Ann Lee - Acme": a name, then the employer
    return _speaker_list(line)


def _tagged_bylines(lines: list[str]) -> bool:
    """Most schedule lines of these notes end in "; tags" that name no one ("Ann Lee; Terraform"): then every
    one of them does, even where the tags look like a name ("Tom Reyes; Consul Nomad")."""
    tails = [SCHEDULE_PREFIX.sub("", line).partition(";")[2] for line in lines if ";" in line]
    return len(tails) >= 3 and sum(1 for t in tails if not _speaker_list(t)) * 2 > len(tails)


def _byline_heading(text: str) -> bool:
    """A heading that names people and nothing else: "Speaker: Ann Lee, Acme", "Ann Lee (Acme) & Tom Reyes, Bar"
    (said as speakers, or each with an organisation: a bare "Zero-Copy Queues" could be a title)."""
    speakers = _byline(text)
    return bool(speakers) and (
        bool(re.match(r"^(?i:(?:presented\s+)?by|speakers?\s*:|presenters?\s*:)", text.strip()))
        or (all(s.affiliation for s in speakers) and not _split_heading(text)[2])  # not "Title - Ann Lee"
    )


def _label(text: str) -> str:
    """A heading's words without decoration or rating stars, to see the same label written twice."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _names(people: str) -> list[str]:
    return [name for name in re.split(r"\s*(?:,|&|\band\b)\s*", people) if name]


def _strip_legal(org: str) -> str | None:
    """ "Widgets Inc." → "Widgets": a legal form is not part of how people name a company. A social handle
    ("@annlee", "Acme by @annlee") or a profile's address names a profile, not an employer, and "Independent" names
    none."""
    org = re.sub(r"(?:\s+by)?\s*@[\w.]*|\s+by$", "", URL.sub("", org)).strip(" ,;")  # an address names no one
    if not org or NO_EMPLOYER.fullmatch(org):
        return None
    return LEGAL_SUFFIX.sub("", org).strip() or org


def _decorated(text: str) -> bool:
    """The heading carries talk decorations: a kind prefix ("Keynote:") or speakers."""
    heading = text.split("\n")[0]
    return bool(KIND_PREFIX.match(heading.strip()) or _split_heading(heading)[2])


def _not_a_talk(text: str, body: list[Block]) -> bool:
    """Sections that are not talks, read from their content: a list of names ("Lisbon, Portugal", a tag line
    "Kafka, Conferences, Travel"), a news headline ("Project X joins the incubator"), the author's box, or a short
    section about the event itself (food, travel, parties, sponsors) rather than about a subject."""
    if (NAME_LIST.match(text) and not _byline(text)) or NEWS_HEADLINE.match(text):
        return True  # "Lisbon, Portugal", a tag line, a headline (but "Ann Lee, Acme" names a speaker)
    if _author_box(text, body) or _news_item(text, body):
        return True
    items = [b.text for b in body if b.kind == "item"]
    if len(items) >= 2 and sum(1 for item in items if NEWS_HEADLINE.match(item) or _news_item(item, [])) * 2 > len(
        items
    ):
        return True  # a list of news: "Widget 2.0 reaches general availability", "Project X joins the incubator"
    if not text and body and THANKS_OR_SPONSORS.match(body[0].text.strip()):
        return True  # "Thanks to Acme and Initech for the coffee." closes the notes
    opening = [b.text for b in body[:2] if b.kind != "heading"]
    if (
        _event_heading(text)
        and not DAY_IN_TITLE.search(text)
        and not any(_names_a_presenter(t) or SESSION_WORD.search(t) for t in opening)
    ):
        return True  # "After-party at the Rooftop", "Vendor Booths", "Platinum Sponsors"
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


def _news_item(text: str, body: list[Block]) -> bool:
    """A news headline in any language: a name (maybe with its version) then a word that is no preposition, article
    or conjunction (a verb: "Istio bereikt versie 1.0", "Widget 2.0 is now available"), a version number or a
    project's status, and a text that names no one: news, not a talk ("Kafka 2.0 in production" is a title)."""
    said = NEWS_ITEM.match(text.strip())
    if not said or said.group("word").lower() in FUNCTION_WORDS or not NEWS_SIGN.search(text):
        return False
    opening = body[0].text if body and body[0].kind != "heading" else ""
    return not any(
        _plausible_people(pair) for pair in re.findall(r"(?=\b([A-ZÀ-Ý][a-zà-ÿ'’-]+ [A-ZÀ-Ý][\w'’-]+))", opening)
    )


def _lone_first_names(talks: list[Talk]) -> None:
    """ "Fast Builds by Andrew" among talks that name their speakers (two thirds of them or more): the lone
    capitalised word after "by" is a speaker named by first name only, not the end of the title ("by Me" is the
    author, who is no speaker the notes name)."""
    named = sum(1 for talk in talks if talk.speakers)
    for talk in talks:
        said = LONE_BY.match(talk.title) if not talk.speakers and not talk.title_derived else None
        if said and said.group("name").lower() in ("me", "myself", "us"):
            talk.title = said.group("title")  # "A Short Tutorial by Me": the author's own talk, no one named
        elif said and said.group("name").lower() not in SMALL_WORDS and named >= 2 and named * 3 >= len(talks) * 2:
            talk.title, talk.speakers = said.group("title"), [Speaker(said.group("name"))]


def _author_box(text: str, body: list[Block]) -> bool:
    """ "Karin Holm" over "Karin writes about operations and lives in Oslo.": a person's name over a text that
    says, in the present tense, who that person is: the post's author box, not a talk."""
    said = AUTHOR_BIO.match(body[0].text.strip()) if body and text else None
    return bool(said and _plausible_people(text.strip()) and said.group("first") == text.split()[0])


def _schedule_filler(title: str) -> bool:
    """A schedule slot that is no talk: every word of it is about the event's life or its running order
    ("Break", "Coffee break", "Registration and breakfast", "Opening remarks", "Lunch")."""
    if len(title) > 60:
        return False  # a slot of the schedule is named in a few words
    words = [w for w in re.findall(r"[a-z-]+", title.lower()) if w not in SMALL_WORDS]
    return bool(words) and all(_event_life(w) or w in SCHEDULE_WORDS for w in words)


def _tag_line(text: str) -> bool:
    """The post's tags: "Tags: Kafka, Travel", or a line of names most of which are ordinary words ("Kafka,
    Conferences, Travel"; not a list of tools "Jaeger, Zipkin, Tempo")."""
    if TAG_LINE.match(text):
        return True
    names = re.split(r"\s*[,/·•|]\s*", text)
    return bool(NAME_LIST.match(text)) and sum(1 for w in names if is_common_word(w)) * 2 > len(names)


def _event_life(word: str) -> str | None:
    """The word of the event's life this word is, in any of its plain forms ("welcomed", "attendees", "thanked")."""
    for stem in (word, word[:-1], word[:-2], word[:-3]):
        if stem in EVENT_LIFE:
            return stem
    return None


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
            (n for n, c in enumerate(columns) if n != title and _varied(c) and filled(c, _plausible_people) >= 0.6),
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


def _gerund(word: str) -> bool:
    """ "Managing", "Building", "Scaling": an -ing form of an ordinary verb (not "Sterling", "Irving", "Ming")."""
    stem = word.lower()[:-3]
    return (
        word.endswith("ing")
        and len(word) >= 6
        and any(is_common_word(v) for v in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""))
    )


def _plausible_people(people: str) -> bool:
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
        if _gerund(tokens[0]):
            return False  # "Managing Secrets", "Scaling Queues": a verb's -ing form opens a title, not a name
        if tokens[-1].lower() in GROUP_NOUNS or any(
            p.isupper() and len(p.rstrip(".")) > 1 for t in tokens for p in t.split("-")
        ):
            return False  # "GPT-Lab Team", "The Organisers": a group or an acronym, not a person
        if any(re.search(r"[a-z][A-Z]|\d", SURNAME_PREFIX.sub("", part)) for t in tokens for part in t.split("-")):
            return False  # CamelCase or digits: software, not people (but MacLeod, McKay, O'Neil, DeWitt are names)
    return True
