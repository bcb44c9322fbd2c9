"""Read a notes file from disk into text: size limit, byte-order marks, then charset detection.

Notes saved on Windows are often UTF-16 (with a BOM) or Windows-1252; refusing them loses
the user's notes for no reason. The order is: a BOM says the encoding outright; strict UTF-8
is tried next (most notes, and the only encoding where a wrong guess is impossible); only
then does charset-normalizer guess, and the guess is reported so the user can check it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from talkgraph.graph.notes.blocks import NotesError

DEFAULT_MAX_BYTES = 64_000_000  # 64 MB: a 50 MB file ingests streamed in under 1 GB (benchmarks/ingest.py part 4)

PREFERRED_SINGLE_BYTE = "cp1252"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class NotesText:
    text: str
    encoding: str  # the codec that decoded it, e.g. "utf-8", "utf-16", "cp1252"


def read_notes_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> NotesText:
    """The file's text and the encoding it was read with; NotesError when it is too large or not text."""
    return decode_notes(read_notes_bytes(path, max_bytes), str(path))


def read_notes_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, its size checked before it is read; NotesError when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise NotesError(
                f"{path} is {size:,} bytes, more than the limit of {max_bytes:,} bytes (raise --max-document-bytes)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise NotesError(f"cannot read {path}: {exc.strerror}") from None


def decode_notes(raw: bytes, name: str) -> NotesText:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return NotesText(raw.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise NotesError(
                    f"{name} starts with a {encoding} byte-order mark but byte {exc.start} is invalid"
                ) from None
    try:
        return NotesText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:  # NUL bytes without a BOM: a binary file, not UTF-16 notes we could trust a guess on
        raise NotesError(
            f"{name} is not UTF-8 text and holds NUL bytes without a byte-order mark: it looks binary, not notes"
        )
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise NotesError(f"{name} is not text in any encoding Talkgraph recognises (save it as UTF-8)")
    # Short Western notes fit several single-byte code pages equally well; Windows-1252 (a superset of
    # Latin-1's printable characters) is by far the commonest of them, so it wins a tie.
    tied = [
        m for m in matches if (m.percent_chaos, m.percent_coherence) == (best.percent_chaos, best.percent_coherence)
    ]
    chosen = next((m for m in tied if m.encoding == PREFERRED_SINGLE_BYTE), best)
    return NotesText(str(chosen), chosen.encoding)
