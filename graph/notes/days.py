"""Day headings and day numbers in the languages notes are written in ("Day 2", "Tag zwei", "Jour 1",
"Day I: 14th December, 2023"), so every talk under them gets its day."""

from __future__ import annotations

import re

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


def names_more_than_a_day(heading: str) -> bool:
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
