"""Reading notes files: byte-order marks, Windows code pages, the size limit, deep HTML."""

from __future__ import annotations

import pytest

from talkgraph.graph.ingest import ingest
from talkgraph.graph.notes.blocks import NotesError
from talkgraph.graph.notes.files import decode_notes, read_notes_text
from talkgraph.graph.notes.segment import parse_notes
from talkgraph.graph.rdf.store import EmbeddedStore

WESTERN = (
    "## Café talk\n\nThe naïve résumé of the façade: Kubernetes on the Rhône, by Zoë Müller.\n\n"
    "## Second talk\n\nMore crème brûlée with Prometheus.\n"
)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (WESTERN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + WESTERN.encode("utf-8"), "utf-8-sig"),
        (WESTERN.encode("utf-16"), "utf-16"),  # Python writes the BOM
        (b"\xfe\xff" + WESTERN.encode("utf-16-be"), "utf-16"),
        (WESTERN.encode("utf-32"), "utf-32"),
        (WESTERN.encode("latin-1"), "cp1252"),
        (WESTERN.replace("naïve", "“naïve”").encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom", "latin-1", "windows-1252"],
)
def test_notes_are_decoded_and_the_encoding_named(raw, encoding):
    decoded = decode_notes(raw, "notes.md")
    assert decoded.encoding == encoding
    assert decoded.text.replace("“naïve”", "naïve").removeprefix("\ufeff") == WESTERN


def test_cyrillic_in_windows_1251_is_read_as_such():
    text = "## Доклад о Kubernetes\n\nМы обсуждали сервисную сетку и мониторинг кластера.\n\n## Второй доклад\n\nПро eBPF.\n"
    decoded = decode_notes(text.encode("cp1251"), "notes.md")
    assert (decoded.encoding, decoded.text) == ("cp1251", text)


def test_binary_is_refused_not_guessed():
    with pytest.raises(NotesError, match=r"image\.txt is not UTF-8 text and holds NUL bytes"):
        decode_notes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "image.txt")


def test_a_utf16_file_is_ingested_and_its_encoding_reported(tmp_path, small_vocabulary):
    path = tmp_path / "windows.md"
    path.write_bytes(WESTERN.encode("utf-16"))
    report = ingest(EmbeddedStore(), [path], small_vocabulary)
    assert (report.documents, report.encodings, report.errors) == ({"windows": 2}, {"windows": "utf-16"}, {})


def test_a_file_over_the_size_limit_is_refused_with_a_message(tmp_path, small_vocabulary):
    path = tmp_path / "big.md"
    path.write_text(WESTERN, "utf-8")
    size = path.stat().st_size
    with pytest.raises(NotesError, match=rf"is {size:,} bytes, more than the limit of 100 bytes"):
        read_notes_text(path, max_bytes=100)
    store = EmbeddedStore()
    report = ingest(store, [path], small_vocabulary, max_bytes=100)
    assert report.documents == {} and "more than the limit of 100 bytes" in report.errors["big.md"]
    assert store.graphs() == set()  # nothing written, not even the reference graphs
    assert read_notes_text(path, max_bytes=size).text == WESTERN


@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_html_nested_deep_gives_its_talks(depth):
    html = (
        "<html><body>"
        + "<div>" * depth
        + "<h2>Deep Talk</h2><p>We ran Cilium.</p><h2>Other Talk</h2><p>And Falco.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    assert [t.title for t in parse_notes(html, "deep.html").talks] == ["Deep Talk", "Other Talk"]


def test_inline_markup_nested_deep_keeps_its_text():
    html = "<h2>A talk</h2><p>" + "<span>" * 3000 + "Cilium rocks" + "</span>" * 3000 + "</p><h2>B talk</h2><p>x</p>"
    talks = parse_notes(html, "deep.html").talks
    assert [t.body_text for t in talks] == ["Cilium rocks", "x"]


def test_lists_nested_a_thousand_deep_are_refused_clearly():
    html = "<ul>" * 1000 + "<li>x</li>" + "</ul>" * 1000
    with pytest.raises(NotesError, match="nests lists or blocks more than 200 levels deep"):
        parse_notes(html, "lists.html")


def test_cli_says_which_encoding_it_used_and_warns_of_a_document_without_talks(tmp_path):
    from tests.test_cli import flat, ok

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "western.md").write_bytes(WESTERN.encode("cp1252"))
    (folder / "nothing.txt").write_text("just one line\n", "utf-8")
    result = ok("ingest", str(folder), data_dir=tmp_path / "data")
    assert "western.md: 2 talks, stored as western (read as cp1252)" in flat(result.stdout)
    assert "warning: nothing.txt: no talk found: stored as nothing with 0 talks" in flat(result.stderr)
