"""The notes reader and segmenter: every format, headings that carry more than a title, non-talk sections."""

from __future__ import annotations

import pytest

from talkgraph.graph.notes.blocks import NotesError, detect_format
from talkgraph.graph.notes.segment import parse_file, parse_notes
from tests.conftest import BUNDLED_NOTES, FIXTURES

NOTES = FIXTURES / "notes"

KUBECON_TALKS = [
    ("Day 1 Keynotes", "keynote", 1),
    ("The Apple keynote was presented by a platform engineer describing…", "keynote", 1),
    ("CNCF Project Updates", "update", 1),
    ("Kubernetes Project Updates", "update", 1),
    ("Using OpenTelemetry to empower end users", "keynote", 2),
    ("Moving Cloud Native beyond HTTP", "keynote", 2),
    ("More Power, Less Pain: Building an Internal Platform with CNCF Tools", "keynote", 2),
    ("Day 3 keynotes", "keynote", 3),
    ("Two engineers described how we can be more inclusive as…", "keynote", 3),
    ("The unofficial SIG Honk hosted a panel, and described how…", "keynote", 3),
    ("The interesting website KubeAcademy was introduced by VMWare.", "keynote", 3),
    ("Liz Rice talked about governance in trending areas such as…", "keynote", 3),
    ("Stop Writing Operators", "talk", None),
    ("Production CI/CD with Cloud Native Buildpacks", "talk", None),
    ("Constructing Chaos Workflow with Argo and LitmusChaos", "talk", None),
    ("A High Schoolers Guide to Kubernetes Network Observability", "talk", None),
    ("Kubernetes CronJobs – Does Anyone Actually Use This [in Production]?", "talk", None),
    ("A Walk Through the Kubernetes UI Landscape", "talk", None),
    ("Beyond the buzzword: BPF’s Unexpected role in Kubernetes", "talk", None),
    ("GitOps Is Likely More Than You Think It Is", "talk", None),
    ("Declarative Testing clusters with KUTTL", "talk", None),
    ("In search of a kubectl blame command", "talk", None),
    ("Say goodbye to YAML engineering with the CDK for Kubernetes", "tutorial", None),
]


def test_bundled_notes_become_exactly_these_talks():
    document = parse_file(BUNDLED_NOTES)
    assert document.format == "text"
    assert document.title == "Kubecon North america 2020 virtual – recap"
    assert [(t.title, t.kind, t.day) for t in document.talks] == KUBECON_TALKS
    assert [t.position for t in document.talks] == list(range(len(KUBECON_TALKS)))


def test_conclusion_and_intro_are_not_talks():
    document = parse_file(BUNDLED_NOTES)
    outside = [b.text for b in document.outside]
    assert "Conclusion – key take aways" in outside
    assert any(text.startswith("Kubecon NA 2020 was virtual") for text in outside)
    assert not any("Conclusion" in t.title for t in document.talks)


def test_sentences_keep_offsets_into_the_file():
    document = parse_file(BUNDLED_NOTES)
    text = BUNDLED_NOTES.read_text("utf-8")
    talk = next(t for t in document.talks if t.title.startswith("A High Schoolers"))
    sentences = talk.sentences
    assert sentences[0].text == talk.title
    assert any(
        s.text == "Here are some popular eBPF projects: bpftrace, cilium, falco, kubectl-trace." for s in sentences
    )
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_slides_links_are_noted_and_mark_breakouts():
    talks = {t.title: t for t in parse_file(BUNDLED_NOTES).talks}
    assert talks["Stop Writing Operators"].has_slides
    assert not talks["GitOps Is Likely More Than You Think It Is"].has_slides


def test_markdown_with_varying_heading_levels_and_decorations():
    document = parse_file(NOTES / "devopsdays-style.md")
    assert document.format == "markdown"
    assert document.title == "My notes from CloudOps Summit 2019"
    got = [(t.title, t.kind, t.day, [(s.name, s.affiliation) for s in t.speakers]) for t in document.talks]
    assert got == [
        ("Scaling Teams Without Scaling Pain", "keynote", 1, [("Maria Lopez", "Acme Cloud")]),
        ("Observability for Humans", "keynote", 1, [("Jan Novak", None)]),
        ("Debugging eBPF in Production", "talk", 1, []),
        ("GitOps at the Edge", "lightning", 2, []),
    ]
    debugging = document.talks[2]
    assert [b.text for b in debugging.blocks][1] == "Demo"  # a subheading stays inside its talk
    assert [b.text for b in document.outside][-2:] == ["Conclusion", "Great conference, see you next year."]


def test_speaker_prefix_and_linked_speaker_headings():
    document = parse_file(NOTES / "flat-headings.md")
    assert [(t.title, [s.name for s in t.speakers]) for t in document.talks] == [
        ("Zero-Trust Networking with Service Meshes", ["Ann Lee"]),
        ("Building Internal Platforms", ["Tom Berg"]),
    ]
    assert "Travel" in [b.text for b in document.outside]


def test_bullet_list_of_talks_with_and_without_notes():
    document = parse_file(NOTES / "bullets.txt")
    got = [(t.title, [(s.name, s.affiliation) for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks]
    assert got == [
        (
            "Postmortems That Teach",
            [("Dana Whitfield", None)],
            ["Dana explained blameless reviews and how her team files action items in Jira."],
        ),
        (
            "Capacity Planning for Bursty Traffic",
            [("Omar Haddad", None)],
            ["Omar showed load tests with k6 and autoscaling with KEDA."],
        ),
        ("Paging Less at Night", [("Lena Fischer", "Acme Cloud")], []),
    ]


def test_html_page_ignores_navigation_scripts_and_footer():
    document = parse_file(NOTES / "blog-post.html")
    assert document.format == "html"
    assert document.title == "ContainerDays recap"
    assert [t.title for t in document.talks] == [
        "Runtime Security with Falco",
        "Shipping Helm Charts Safely",
        "Konferenznotizen auf Deutsch",
    ]
    assert document.talks[0].slides == ["https://example.org/slides.pdf"]
    assert "tracking" not in document.text and "fan club" not in document.text and "Site banner" not in document.text
    assert [b.text for b in document.talks[1].blocks] == ["Signing charts with Cosign", "Testing a Helm chart in CI"]


@pytest.mark.parametrize(
    "heading, title, kind, speakers",
    [
        ("Keynote: Title Here - Ann Lee, CTO, Example Corp", "Title Here", "keynote", [("Ann Lee", "Example Corp")]),
        ("Scaling Things by Bo Chen", "Scaling Things", None, [("Bo Chen", None)]),
        ("Scaling Things, by Bo Chen", "Scaling Things", None, [("Bo Chen", None)]),  # the comma leads to people
        ("Scaling Things (Intermediate Skill Level)", "Scaling Things", None, []),
        ("Scaling Things #k8s #cloud", "Scaling Things", None, []),
        ("Tutorial: Build a Thing", "Build a Thing", "tutorial", []),
        ("Scaling with Kubernetes Operators", "Scaling with Kubernetes Operators", None, []),
    ],
)
def test_heading_decorations(heading, title, kind, speakers):
    from talkgraph.graph.notes.bylines import split_heading

    got_title, got_kind, got_speakers = split_heading(heading)
    assert (got_title, got_kind, [(s.name, s.affiliation) for s in got_speakers]) == (title, kind, speakers)


def test_format_detection():
    assert detect_format("<html><body><p>x</p></body></html>") == "html"
    assert detect_format("# A\n\ntext\n\n## B\n") == "markdown"
    assert detect_format("Title\n\nSome text.") == "text"
    assert detect_format("anything", "notes.md") == "markdown"


def test_bad_notes_get_clear_errors(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(NotesError, match="not UTF-8"):
        parse_file(binary)
    with pytest.raises(NotesError, match="holds no text"):
        parse_notes("   \n\n  ", "empty.txt")
    with pytest.raises(NotesError, match="NUL"):
        parse_notes("Title\n\nText\x00more", "nul.txt")
    with pytest.raises(NotesError, match="cannot read"):
        parse_file(tmp_path / "missing.txt")


def test_bold_paragraphs_that_carry_a_title_are_talk_headings():
    markdown = parse_file(NOTES / "bold-titles.md")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in markdown.talks] == [
        ("Terraform at Scale", [("Rita Gomez", None)]),
        ("Secrets Without Tears", [("Paul Kim", "Acme Cloud")]),
        ("Service Discovery Everywhere", []),
    ]
    # "**Note:** …" is a remark inside the talk, not a new talk
    assert markdown.talks[0].blocks[1].text.startswith("Note: the wifi")
    assert [b.text[:40] for b in markdown.talks[2].blocks] == ["Consul on VMs and Kubernetes side by sid"]
    html = parse_file(NOTES / "bold-titles.html")
    assert [(t.title, [s.name for s in t.speakers]) for t in html.talks] == [
        ("Alerting on SLOs", ["Kim Park"]),
        ("Logs Are Events Too", []),
    ]
    assert "newsletter" not in html.text  # <aside> is page chrome


def test_blog_page_chrome_sidebars_and_comments_are_ignored():
    document = parse_file(NOTES / "wordpress.html")
    assert document.title == "DevOpsDays 2018 in review"
    assert [t.title for t in document.talks] == [
        "Chaos Engineering for the Rest of Us",
        "Observability Is a Team Sport",
    ]
    assert "Recent Posts" not in document.text and "comments" not in document.text and "Powered by" not in document.text


def test_html_written_as_divs_gives_its_talks():
    """Blogger and other editors write a post as one line of <div>s with no <p>: bold lines are the titles."""
    html = (
        "<div>My notes from the first morning.</div><div><br /></div>"
        "<div><b>Scaling Queues by Ana Silva</b></div><div><br /></div>"
        '<div>Ana showed how <a href="https://kafka.apache.org">Kafka</a> and Redis fit in a queue design.</div>'
        "<div><b>Tracing at Scale by Tom Reyes</b></div>"
        "<div>Tom talked about Jaeger.<br />He also covered sampling.</div>"
    )
    document = parse_notes(html, "post.html")
    got = [(t.title, [s.name for s in t.speakers], [b.text for b in t.blocks]) for t in document.talks]
    assert got == [
        ("Scaling Queues", ["Ana Silva"], ["Ana showed how Kafka and Redis fit in a queue design."]),
        ("Tracing at Scale", ["Tom Reyes"], ["Tom talked about Jaeger.\nHe also covered sampling."]),
    ]
    assert document.talks[0].blocks[0].links == [("Kafka", "https://kafka.apache.org")]


def test_html_text_loose_in_a_container_keeps_its_place_between_blocks():
    html = "<body><h2>A talk</h2><div>Loose words about Cilium.<p>A paragraph about Falco.</p>More loose words.</div></body>"
    (talk,) = parse_notes(html, "loose.html").talks
    assert [b.text for b in talk.blocks] == [
        "Loose words about Cilium.",
        "A paragraph about Falco.",
        "More loose words.",
    ]


def test_html_form_controls_and_media_fallbacks_are_no_notes():
    html = (
        "<div><h2>Talk One</h2><p>Notes about Prometheus.</p>"
        "<select><option>Kubernetes</option><option>Nomad</option></select>"
        "<textarea>Prometheus placeholder</textarea><video>Your browser does not support video</video>"
        "<audio>No audio</audio><object>Plugin fallback</object><canvas>No canvas</canvas></div>"
    )
    (talk,) = parse_notes(html, "page.html").talks
    assert [b.text for b in talk.blocks] == ["Notes about Prometheus."]
