"""A code host's address of a repository names the software whose repository it is ("github.com/iovisor/bpftrace"),
where no other link does. Written for the test, with a vocabulary of its own."""

from __future__ import annotations

import pytest
from rdflib import Graph

from talkgraph.graph.linking.linker import IN_REPOSITORY, Linker
from talkgraph.graph.linking.vocabulary import Vocabulary
from talkgraph.graph.notes.sentences import Sentence, split_sentences

TURTLE = """
@prefix tg: <https://w3id.org/talkgraph/ns#> .
@prefix tool: <https://w3id.org/talkgraph/id/tool/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

tool:zorbtrace a tg:Tool ; skos:prefLabel "zorbtrace" .
tool:zql a tg:Tool ; skos:prefLabel "ZQL" ; tg:matchCase true .
tool:hubble a tg:Tool ; skos:prefLabel "Hubble" ; tg:matchCase true ; tg:ambiguous true .
tool:vault a tg:Tool ; skos:prefLabel "Vault" ; tg:matchCase true ; tg:ambiguous true .
"""


@pytest.fixture(scope="module")
def linker() -> Linker:
    vocabulary = Vocabulary()
    vocabulary.add_graph(Graph().parse(data=TURTLE, format="turtle"))
    return Linker(vocabulary)


def test_a_repository_address_names_its_software_with_the_address_as_the_reason(linker):
    sentence = Sentence("Code: github.com/acme/zorbtrace.", 40)
    assert [(m.entry.label, m.surface, m.start, m.end, m.reason) for m in linker.link([sentence])] == [
        ("zorbtrace", "zorbtrace", 62, 71, IN_REPOSITORY)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("See https://github.com/acme/zql for the grammar.", ["ZQL"]),  # repositories are named in lower case
        ("https://gitlab.com/acme/zorbtrace/ and https://codeberg.org/x/ZQL", ["zorbtrace", "ZQL"]),
        ("The flows show in https://github.com/cilium/hubble#readme", ["Hubble"]),  # ambiguous, but an address
        ("The Hubble pictures opened the keynote.", []),  # …which prose alone is not
        ("Secrets: https://github.com/hashicorp/vault", []),  # an English word: anyone's repository
        ("Schedule: https://confsite.example/tracks/zorbtrace/day-1", []),  # a path on a site, not a code host
        ("Her account: https://github.com/zorbtrace", []),  # an account's page, no repository
        ("Docs at https://github.com/acme/zorbtrace/blob/main/README.md", []),  # a file inside it
    ],
)
def test_which_addresses_name_software(linker, text, expected):
    assert [m.entry.label for m in linker.link(split_sentences(text))] == expected
