"""A small file replaced whole and durably: the store's version file and the kept background results, which a
reader must find old or new, never half written, even after a power cut."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def replace_durably(path: Path, text: str, temporary: Path, encoding: str = "utf-8") -> None:
    """Write `text` to `temporary`, sync it, rename it over `path` and sync the directory. On an OSError the
    temporary file is removed and the error raised; `path` is then as it was."""
    try:
        with temporary.open("w", encoding=encoding) as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        temporary.replace(path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
