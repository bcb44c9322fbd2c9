"""data/vocabulary/tools-families.ttl: the families that were still thin, each linked by its members' names,
and the members whose names are English words linked only with evidence."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.sentences import split_sentences


@pytest.fixture(scope="module")
def linker(vocabulary) -> Linker:
    return Linker(vocabulary)


def tools(linker: Linker, text: str) -> list[str]:
    return [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "tool"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # databases and data stores
        ("The old cluster kept LMDB files beside TokuDB and FlockDB shards.", ["LMDB", "TokuDB", "FlockDB"]),
        # message and job queues
        (
            "Jobs moved from Kue to Faktory, the broker from HornetQ to ActiveMQ Artemis.",
            ["Kue", "Faktory", "HornetQ", "ActiveMQ Artemis"],
        ),
        ("Devices publish to EMQX and VerneMQ; the bank still runs IBM MQ.", ["EMQX", "VerneMQ", "IBM MQ"]),
        # monitoring, logging and command-line diagnostics
        (
            "Logs went to LogDNA; Kamon timed the JVM; dstat and iftop watched the box.",
            ["LogDNA", "Kamon", "dstat", "iftop"],
        ),
        ("We checked the path with mtr and traceroute, then piped it through socat.", ["mtr", "traceroute", "socat"]),
        # build tools and package managers
        ("We built with Leiningen, SCons and Autotools.", ["Leiningen", "SCons", "Autotools"]),
        ("Libraries come from NuGet, vcpkg, CPAN and Spack.", ["NuGet", "vcpkg", "CPAN", "Spack"]),
        # version control, shells, containers and VMs
        ("The history came over from Darcs and ClearCase.", ["Darcs", "ClearCase"]),
        ("Tests run in systemd-nspawn and Parallels Desktop.", ["systemd-nspawn", "Parallels Desktop"]),
        # Python and JavaScript tooling
        (
            "Pyright, YAPF and autopep8 keep the code tidy; Sinon.JS stubs the network.",
            ["Pyright", "YAPF", "autopep8", "Sinon.JS"],
        ),
        # cloud services by product name
        (
            "Data sits in Amazon EBS and Azure Blob Storage; models train on Vertex AI and Amazon SageMaker.",
            ["Amazon EBS", "Azure Blob Storage", "Vertex AI", "Amazon SageMaker"],
        ),
        (
            "Dataproc jobs read Google Cloud Storage; Azure Data Factory copies it.",
            ["Dataproc", "Google Cloud Storage", "Azure Data Factory"],
        ),
        # browser platform APIs, compression, PostgreSQL replication
        (
            "Calls use WebRTC, updates come over WebSockets, and Workbox caches the page in IndexedDB.",
            ["WebRTC", "WebSockets", "Workbox", "IndexedDB"],
        ),
        (
            "Backups are written with zstd, assets served with Brotli, old dumps kept in bzip2.",
            ["Zstandard", "Brotli", "bzip2"],
        ),
        ("We replicated with Slony, then Bucardo, and now pglogical.", ["Slony-I", "Bucardo", "pglogical"]),
        # load generators, Python profilers, SUSE's systems management
        (
            "fio and stress-ng loaded the disks while py-spy and Memray watched the workers.",
            ["fio", "stress-ng", "py-spy", "Memray"],
        ),
        (
            "The fleet moved from Uyuni to SUSE Manager on SLES.",
            ["Uyuni", "SUSE Manager", "SUSE Linux Enterprise Server"],
        ),
        # Unix-like systems, PostgreSQL and MySQL tooling
        ("Jails on FreeBSD, zones on SmartOS, pledge on OpenBSD.", ["FreeBSD", "SmartOS", "OpenBSD"]),
        (
            "pg_stat_statements found the query, pgBadger the log spike, and check_postgres.pl paged us.",
            ["pg_stat_statements", "pgBadger", "check_postgres"],
        ),
        ("Slow queries went through mk-query-digest, later pt-query-digest.", ["mk-query-digest", "pt-query-digest"]),
        # creative and maker applications, CSS tooling
        ("The podcast is cut in Audacity; the board laid out in KiCad.", ["Audacity", "KiCad"]),
        ("Styles moved from CSS Modules to Linaria and then UnoCSS.", ["CSS Modules", "Linaria", "UnoCSS"]),
        # Python implementations and packaging, Java builds and tools, Spring
        ("It ran on IronPython and Jython before PyInstaller shipped it.", ["IronPython", "Jython", "PyInstaller"]),
        ("Heap dumps from jmap, GC numbers from jstat, on Amazon Corretto.", ["jmap", "jstat", "Amazon Corretto"]),
        ("Spring Security guards the Spring MVC app.", ["Spring Security", "Spring MVC"]),
        # Linux system components, mobile systems, browsers, Spark
        ("journald keeps the logs on Btrfs; D-Bus carries the events.", ["journald", "Btrfs", "D-Bus"]),
        ("postmarketOS and Sailfish OS boot on the same phone.", ["postmarketOS", "Sailfish OS"]),
        (
            "Test in Chrome Canary and Opera Mini; old pages still need Netscape Navigator.",
            ["Chrome Canary", "Opera Mini", "Netscape Navigator"],
        ),
        (
            "Structured Spark Streaming feeds GraphX, and sparkMeasure times each stage.",
            ["Structured Streaming", "GraphX", "sparkMeasure"],
        ),
        # embedded and home automation, blockchains, models and GPU libraries
        (
            "The ESP32 runs FreeRTOS; Home Assistant reads it over Zigbee.",
            ["ESP32", "FreeRTOS", "Home Assistant", "Zigbee"],
        ),
        ("Contracts written in Solidity, tested with Hardhat, pinned to IPFS.", ["Solidity", "Hardhat", "IPFS"]),
        ("GPT-4 drafted it; BERT classified it; CUDA and TensorRT served it.", ["GPT-4", "BERT", "CUDA", "TensorRT"]),
        # offensive security and hardware hacking, JavaScript libraries, collaboration
        ("pwntools, Impacket and a HackRF filled the bag.", ["pwntools", "Impacket", "HackRF"]),
        ("State lives in XState; requests go through Axios; Immer makes the copies.", ["XState", "Axios", "Immer"]),
        ("The design doc is in draw.io and the call on Skype.", ["draw.io", "Skype"]),
        # .NET, Go, Scala, Clojure and Haskell, data integration, PHP, editors, docs and API mocking
        (
            "Entity Framework, SignalR and Blazor ship with .NET; Polly retries the calls.",
            ["Entity Framework", "SignalR", "Blazor", "Polly"],
        ),
        ("The Go service uses GORM and sqlc; GoReleaser ships it.", ["GORM", "sqlc", "GoReleaser"]),
        ("http4s and ZIO in Scala, Compojure in Clojure, Yesod in Haskell.", ["http4s", "ZIO", "Compojure", "Yesod"]),
        ("Airbyte loads the warehouse and OpenLineage feeds DataHub.", ["Airbyte", "OpenLineage", "DataHub"]),
        # scientific computing: HPC libraries and middleware, simulation, bioinformatics and GIS
        (
            "The solver uses Open MPI, OpenMP and LAPACK; scratch is a Lustre file system.",
            ["Open MPI", "OpenMP", "LAPACK", "Lustre"],
        ),
        (
            "Jobs ran GROMACS and LAMMPS; ParaView and VisIt drew the results.",
            ["GROMACS", "LAMMPS", "ParaView", "VisIt"],
        ),
        (
            "Maps from QGIS and GRASS GIS, served by GeoServer over OpenStreetMap data.",
            ["QGIS", "GRASS GIS", "GeoServer", "OpenStreetMap"],
        ),
        # members of one family that are tools of their own, never another's spelling
        (
            "The wallet moved from web3.js to ethers.js; the board from ESP8266 to ESP32.",
            ["web3.js", "ethers.js", "ESP8266", "ESP32"],
        ),
        (
            "Laravel Octane runs on RoadRunner; Magit and Org mode live in Emacs.",
            ["Laravel Octane", "RoadRunner", "Magit", "Org mode", "Emacs"],
        ),
    ],
)
def test_each_family_links_its_names(linker, text, expected):
    assert tools(linker, text) == expected


@pytest.mark.parametrize(
    "software, english",
    [
        ("They install crates with Cargo.", "The ship carried cargo."),
        ("History moved from CVS to Subversion.", "I picked up milk at CVS."),
        ("Packages came from yum on CentOS.", "The soup was yum."),
        ("The Fedora box installs it with DNF.", "That race was a DNF."),
        ("Debian packages come from APT.", "An APT group attacked the bank."),
        ("The build files go through Ninja and CMake.", "A Ninja showed up at the party."),
        ("Undertow is the web server under WildFly.", "The undertow pulled the swimmer out."),
        ("Glances and htop showed the CPU pinned.", "Glances were exchanged across the table."),
        ("The agent runs on Windows and Linux alike.", "Windows of the venue faced the river."),
        ("The project chat moved from Slack to Matrix.", "Matrix multiplication dominates the runtime."),
        ("The Telegram bot posts each alert.", "Telegram poles lined the old road."),
        ("Fedora and CentOS share rpm packages.", "He wore a fedora to the keynote."),
        ("Barman streams the WAL of every PostgreSQL server.", "The barman poured two coffees."),
        ("The Wayland compositor replaced X11 there.", "Wayland is a small town in Massachusetts."),
        ("The Cockpit web console manages the Linux servers.", "The pilot sat in the cockpit."),
        ("Sketches in Processing became p5.js pages.", "Processing the data took an hour."),
        ("Koalas puts the pandas API on Spark.", "Koalas sleep most of the day."),
        ("Adobe Flash needed a browser plugin.", "Flash floods closed the road."),
        ("Claude and GPT-4 wrote the first draft of the prompt.", "Claude made the coffee for everyone."),
        ("Signal keeps the chat end-to-end encrypted.", "Signal the driver before turning."),
        ("Alexa skills run on Amazon's voice assistant.", "Alexa joined the team in May."),
        ("Capacitor wraps the Ionic app for iOS.", "A capacitor blew on the board."),
        ("The Gin router handles each request in golang.", "Gin and tonic at the reception."),
        ("Cobra parses the CLI flags and Viper reads the config.", "A cobra and a viper at the zoo."),
        ("We assert with testify and mock with gomega.", "Three speakers will testify before the committee."),
        ("Fiji and ImageJ measured the microscopy images.", "The team flew to Fiji after the conference."),
        ("We visualised the simulation in VisIt.", "Visit the booth for stickers."),
    ],
)
def test_members_that_are_english_words_need_evidence(linker, software, english):
    assert tools(linker, software) != []
    assert tools(linker, english) == []
