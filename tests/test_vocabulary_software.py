"""The second general-software vocabulary (tools-software.ttl): each family it completes links its names, and
the names that are also English words, or co-occur with unrelated tools, need their own evidence."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.sentences import split_sentences


def tools(linker: Linker, text: str) -> list[str]:
    return [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "tool"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # terminals, editors and IDEs
        ("He lives in iTerm2 and PhpStorm, she in RubyMine.", ["iTerm2", "PhpStorm", "RubyMine"]),
        # test frameworks, coverage and linters
        (
            "The suite moved from nose to unittest, with Coverage.py on Codecov.",
            ["nose", "unittest", "Coverage.py", "Codecov"],
        ),
        (
            "Browser tests ran in TestCafe and Nightwatch.js on BrowserStack.",
            ["TestCafe", "Nightwatch.js", "BrowserStack"],
        ),
        ("Static checks: PHPStan, Checkstyle and golangci-lint.", ["PHPStan", "Checkstyle", "golangci-lint"]),
        # content management, shops and static sites
        ("The shop ran Magento, the blog Movable Type, the docs Eleventy.", ["Magento", "Movable Type", "Eleventy"]),
        # batch schedulers and job queues
        ("Jobs were queued in beanstalkd and Gearman, then in Hangfire.", ["beanstalkd", "Gearman", "Hangfire"]),
        # consensus and coordination libraries
        (
            "Leader election came from Apache Curator; later from Dragonboat and braft.",
            ["Apache Curator", "Dragonboat", "braft"],
        ),
        ("Jepsen found the split brain; TLA+ proved the fix.", ["Jepsen", "TLA+"]),
        # web frameworks: Python, JavaScript, PHP, Ruby, Java
        (
            "The API moved from CherryPy to Django REST Framework behind Uvicorn.",
            ["CherryPy", "Django REST Framework", "Uvicorn"],
        ),
        ("The old pages mixed Knockout.js, MooTools and Dojo Toolkit.", ["Knockout.js", "MooTools", "Dojo Toolkit"]),
        ("Legacy PHP: CodeIgniter, CakePHP and Zend Framework.", ["CodeIgniter", "CakePHP", "Zend Framework"]),
        (
            "The Ruby side is Hanami on Puma, installed with Bundler and RubyGems.",
            ["Hanami", "Puma", "Bundler", "RubyGems"],
        ),
        ("Services were rewritten from Dropwizard to Quarkus and Micronaut.", ["Dropwizard", "Quarkus", "Micronaut"]),
        # CSS preprocessors and front-end build
        ("The CSS is written in Less, compiled by webpack, then Autoprefixer.", ["Less", "webpack", "Autoprefixer"]),
        ("The build went from RequireJS and Brunch to Snowpack.", ["RequireJS", "Brunch", "Snowpack"]),
        # Python data and machine learning
        ("Features were ranked with SHAP, tuned with Hyperopt, tracked in DVC.", ["SHAP", "Hyperopt", "DVC"]),
        ("Maps came from GeoPandas and Shapely, charts from Altair.", ["GeoPandas", "Shapely", "Altair"]),
        # databases and data stores
        ("Session data sat in Berkeley DB, then Tarantool, then VoltDB.", ["Berkeley DB", "Tarantool", "VoltDB"]),
        (
            "Hadoop jobs were Apache Pig scripts fed by Sqoop and Flume.",
            ["Hadoop", "Apache Pig", "Apache Sqoop", "Apache Flume"],
        ),
        # monitoring and logging of the 2010s
        ("Alerts came from Opsview and Centreon, graphs from PNP4Nagios.", ["Opsview", "Centreon", "PNP4Nagios"]),
        # CI systems and configuration management
        (
            "Builds ran on Buildbot and Cirrus CI; hosts were set up by cloud-init and Berkshelf.",
            ["Buildbot", "Cirrus CI", "cloud-init", "Berkshelf"],
        ),
        # browsers and their developer tools
        (
            "Open Chrome DevTools, or Firebug in old Firefox, and run WebPageTest.",
            ["Chrome DevTools", "Firebug", "Firefox", "WebPageTest"],
        ),
        # security tools
        (
            "The red team used sqlmap, Hashcat and Mimikatz; the blue team Zeek.",
            ["sqlmap", "Hashcat", "Mimikatz", "Zeek"],
        ),
        # specifications and design tools
        (
            "The API is described in RAML and JSON:API; mock-ups come from Balsamiq and Zeplin.",
            ["RAML", "JSON:API", "Balsamiq", "Zeplin"],
        ),
        # around Terraform and HashiCorp: the hosted product is not the CLI
        (
            "Plans run in Terraform Cloud, costed by Infracost, checked by Terrascan.",
            ["Terraform Cloud", "Infracost", "Terrascan"],
        ),
        ("She moved from Terraform to Spacelift and env0.", ["Terraform", "Spacelift", "env0"]),
        # SLOs, incidents and status pages
        (
            "SLOs come from Sloth and Pyrra on Prometheus; pages from Squadcast.",
            ["Sloth", "Pyrra", "Prometheus", "Squadcast"],
        ),
        # observability and analytics vendors
        ("Logs went from Cribl to Quickwit; sessions are replayed in LogRocket.", ["Cribl", "Quickwit", "LogRocket"]),
        # eBPF tools and libraries
        (
            "Loaded with cilium/ebpf and libbpfgo; opensnoop and runqlat for triage.",
            ["cilium/ebpf", "libbpfgo", "opensnoop", "runqlat"],
        ),
        # OpenStack services: English words with their cloud as cue
        ("OpenStack Neutron and Cinder back the OpenStack Nova computes.", ["Neutron", "Cinder", "OpenStack Nova"]),
        # generative AI products and vector databases
        ("Embeddings sit in Qdrant and pgvector, served to ChatGPT plugins.", ["Qdrant", "pgvector", "ChatGPT"]),
        # metrics, dashboards and tracing of the 2010s
        ("Graphite fed by Brubeck and go-carbon, watched in Tasseo.", ["Graphite", "Brubeck", "go-carbon", "Tasseo"]),
        ("Netflix showed Chaos Kong, Edda and Repokid.", ["Chaos Kong", "Edda", "Repokid"]),
        # ChatOps, PaaS and feature flags
        ("The app moved from Tsuru to Fly.io for deploys; flags live in Flagsmith.", ["Tsuru", "Fly.io", "Flagsmith"]),
    ],
)
def test_each_family_links_its_names(linker, text, expected):
    assert tools(linker, text) == expected


@pytest.mark.parametrize(
    "software, english",
    [
        ("We compiled the styles with Less and Sass.", "The Road Less Traveled"),
        ("Install Requests, the Python HTTP library.", "Handling Requests at Scale"),
        ("The Safari browser lagged behind Chrome on this feature.", "Our Safari in Kenya"),
        ("Tests are written with Capybara and RSpec.", "A Capybara at the zoo."),
        ("Quartz jobs run every minute in the scheduler.", "Quartz is a common mineral."),
        ("Run a Lighthouse audit on every page.", "The Lighthouse keeper retired."),
    ],
)
def test_names_that_are_english_words_need_evidence(linker, software, english):
    assert tools(linker, software) != []
    assert tools(linker, english) == []


def test_a_topic_most_software_shares_is_no_evidence(linker):
    """Developer experience holds hundreds of tools: a Vim in the talk says nothing about 'Click' or 'Less'."""
    text = "We used Vim all day. Less is more, they said. Click the button. Requests kept coming."
    assert tools(linker, text) == ["Vim"]
    # …except for a tool in the same sentence: software listed beside software
    assert tools(linker, "We swapped argparse for Click and Typer. Click the button to start.") == ["Click", "Typer"]
    # a topic fewer tools share still is: Spyder next to scikit-learn (both machine learning)
    assert tools(linker, "We trained the model in Spyder with scikit-learn.") == ["Spyder", "scikit-learn"]
