"""data/vocabulary/tools-ecosystems.ttl: the ecosystems of languages and platforms beyond the cloud-native field
(Android and Kotlin, iOS, cross-platform mobile, games and graphics, Rust, Elixir, Rails, Redis modules), each linked
by its members' names, and the members whose names are English words linked only with evidence. Every sentence
here was written for the test."""

from __future__ import annotations

import pytest

from talkgraph.graph.linking.linker import Linker
from talkgraph.graph.notes.sentences import split_sentences


@pytest.fixture(scope="module")
def linker(vocabulary) -> Linker:
    return Linker(vocabulary)


def tools(linker: Linker, text: str) -> list[str]:
    return [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "tool"]


def topics(linker: Linker, text: str) -> list[str]:
    return [m.entry.label for m in linker.link(split_sentences(text)) if m.entry.kind == "topic"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The app moved from Butter Knife and RxJava to Jetpack Compose and kotlinx.coroutines.",
            ["Butter Knife", "RxJava", "Jetpack Compose", "kotlinx.coroutines"],
        ),
        ("OkHttp and Moshi do the networking; LeakCanary finds the leaks.", ["OkHttp", "Moshi", "LeakCanary"]),
        (
            "Shared code lives in Kotlin Multiplatform, served by Ktor and linted by ktlint.",
            ["Kotlin Multiplatform", "Ktor", "ktlint"],
        ),
        (
            "Pods come from CocoaPods; the screens are SwiftUI; betas ship through TestFlight.",
            ["CocoaPods", "SwiftUI", "TestFlight"],
        ),
        (
            "The studio ships on Godot and CryEngine, with Wwise and FMOD for sound.",
            ["Godot", "CryEngine", "Wwise", "FMOD"],
        ),
        (
            "Rendering moved from OpenGL to Vulkan; physics runs on PhysX and Box2D.",
            ["OpenGL", "Vulkan", "PhysX", "Box2D"],
        ),
        ("The service runs on Tokio with Axum and Serde, formatted by rustfmt.", ["Tokio", "Axum", "Serde", "rustfmt"]),
        ("Jobs run through Oban; Ecto talks to the database.", ["Oban", "Ecto"]),
        ("Search uses RediSearch and RedisJSON on Redis Enterprise.", ["RediSearch", "RedisJSON", "Redis Enterprise"]),
        ("Test data comes from FactoryBot; Active Record reads the rows.", ["Factory Bot", "Active Record"]),
    ],
)
def test_each_ecosystem_links_its_names(linker, text, expected):
    assert tools(linker, text) == expected


@pytest.mark.parametrize(
    "software, english, label",
    [
        ("The game was built in Unity with C# scripts.", "The team showed real unity after the outage.", "Unity"),
        ("Retrofit is the HTTP client of our Android app.", "We had to retrofit the old building.", "Retrofit"),
        ("Images load with Glide in the Android app.", "The skaters glide across the ice.", "Glide"),
        (
            "The models were made in Blender and exported for the 3D scene.",
            "Put the fruit in a blender.",
            "Blender",
        ),
        (
            "Embedded firmware for the Raspberry Pi is written with Nerves and Elixir.",
            "Before the talk my nerves showed.",
            "Nerves",
        ),
        ("Our Rust service uses Diesel as its ORM.", "The truck runs on diesel.", "Diesel"),
    ],
)
def test_members_that_are_english_words_need_evidence(linker, software, english, label):
    assert label in tools(linker, software)
    assert tools(linker, english) == []


def test_the_new_fields_are_topics_of_their_own(linker):
    assert topics(linker, "A day of Android development and game engines.") == [
        "Mobile Development",
        "Game Development",
    ]
