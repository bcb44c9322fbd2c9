"""The name a talk calls a tool or an organisation by, for the extraction's JSON: the notes' own form of the name.

A project goes by its name with or without its foundation's or vendor's word ("Apache Spark" and "Spark",
"Microsoft SQL Server" and "SQL Server") and by its initials ("OPA"); which one is right is what the notes say. The
graph keeps one label per tool (its IRI is the identity); the extraction reports the talk's own. Nicknames and
spellings that are not the name ("k8s", "kube") show the label. An organisation goes by any of its labels: a former
name ("Facebook" in a 2015 recap), its full name or its initials ("PSF").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

CAMEL_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def written_name(label: str, surfaces: Iterable[str], vendors: Collection[str] = ()) -> str:
    """The first of the surfaces (the names the linker matched, in the talk's order) that is the label, the label
    with words left off at either end, or with a vendor's name before it (`vendors`: its maker's names and umbrella
    names such as Apache), or its initials; else the label. Words shared with the label or a vendor keep their
    spelling."""
    for surface in surfaces:
        if (name := _same_name(label, surface, vendors)) is not None:
            return name
    return label


def written_label(labels: Collection[str], surfaces: Iterable[str]) -> str | None:
    """The first of the surfaces that is one of the labels, as the label spells it; None where the talk wrote none
    (only a spelling the linker generated)."""
    by_fold = {label.casefold(): label for label in labels}
    return next((by_fold[s.casefold()] for s in surfaces if s.casefold() in by_fold), None)


def _same_name(label: str, surface: str, vendors: Collection[str]) -> str | None:
    words, written = label.split(), surface.split()
    folded, written_folded = [w.casefold() for w in words], [w.casefold() for w in written]
    if written_folded == folded:
        return label  # the label itself, in another case or spacing
    if len(written) < len(words):
        # the label's first or last words: "SQL Server" of "Microsoft SQL Server", "Spring" of "Spring Framework"
        for start in (0, len(words) - len(written)):
            if folded[start : start + len(written)] == written_folded:
                return " ".join(words[start : start + len(written)])
    elif written_folded[-len(words) :] == folded:
        added = " ".join(written[: -len(words)]).casefold()
        vendor = next((v for v in vendors if v.casefold() == added), None)
        return f"{vendor} {label}" if vendor else None  # "Apache Spark", "Microsoft Azure"; not "Linux Kernel"
    if len(written) == 1 and _initials(label) == surface and len(surface) >= 2:
        return surface  # "OPA" for "Open Policy Agent", "JSF" for "JavaServer Faces"
    return None


def _initials(label: str) -> str:
    """ "Open Policy Agent" → "OPA", "JavaServer Faces" → "JSF": each word's capital, a CamelCase word's each."""
    parts = [part for word in re.split(r"[\s-]+", label) for part in CAMEL_PARTS.findall(word)]
    return "".join(part[0].upper() for part in parts) if len(parts) >= 2 else ""
