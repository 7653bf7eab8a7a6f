"""suggest(): every item in exactly one group, the same groups every time, titles that explain, cancellable."""

from __future__ import annotations

import random

import pytest

from tcdesk.clustering import Item, suggest
from tcdesk.clustering.algorithms import auto_k
from tcdesk.clustering.metrics import adjusted_rand_index
from tcdesk.sync.errors import Cancelled

from .synthetic import items as synthetic_items


def _labels(suggestions, uids):
    group = {uid: i for i, s in enumerate(suggestions) for uid in s.uids}
    return [group[uid] for uid in uids]


def _covers_exactly(suggestions, items):
    listed = [uid for s in suggestions for uid in s.uids]
    assert sorted(listed) == sorted(i.uid for i in items)  # each once: no item lost, none twice


def test_three_obvious_topics_are_separated():
    items, topic_of = synthetic_items()
    suggestions = suggest(items, k=3)
    _covers_exactly(suggestions, items)
    uids = sorted(topic_of)
    assert adjusted_rand_index([topic_of[u] for u in uids], _labels(suggestions, uids)) >= 0.8


def test_without_k_the_three_topics_are_found_too():
    items, topic_of = synthetic_items()
    assert auto_k(len(items)) == 3
    suggestions = suggest(items)
    uids = sorted(topic_of)
    assert adjusted_rand_index([topic_of[u] for u in uids], _labels(suggestions, uids)) >= 0.8


def test_titles_and_explanations_say_what_the_group_is_about():
    items, _ = synthetic_items()
    suggestions = suggest(items, k=3)
    titles = [s.title for s in suggestions]
    assert all(t.strip() and t[0].isupper() for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    joined = " ".join(titles).casefold()
    assert "death penalty" in joined and "girls" in joined and "torture" in joined
    for s in suggestions:
        assert s.explanation.startswith(f"{s.size} recommendations")
        assert s.terms and all(isinstance(t, str) and w > 0 for t, w in s.terms)
        assert s.themes == [] and s.sdg_goals == []  # text alone: nothing else to show


def test_the_same_items_in_any_order_give_the_same_suggestions():
    items, _ = synthetic_items()
    first = suggest(items, k=3)
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    again = suggest(shuffled, k=3)
    assert [s.as_json() for s in again] == [s.as_json() for s in first]


def test_themes_and_sdg_goals_are_used_and_reported():
    items, topic_of = synthetic_items()
    tags = {
        "death penalty": (("Death penalty",), ("Persons deprived of their liberty",), ("16.1",)),
        "girls' education": (("Right to education",), ("Girls",), ("4.1", "4.5", "5.1")),
        "torture": (("Torture",), ("Persons deprived of their liberty",), ("16.3", "16.a")),
    }
    tagged = [Item(i.uid, i.text, *tags[topic_of[i.uid]]) for i in items]
    suggestions = suggest(tagged, k=3)
    by_title = {s.title: s for s in suggestions}
    assert set(by_title) == {"Death penalty", "Right to education", "Torture"}
    assert by_title["Right to education"].sdg_goals == ["4", "5"]
    assert by_title["Torture"].sdg_goals == ["16"]
    assert by_title["Torture"].themes == ["Torture"]
    assert "themes: Torture (8 of 8)" in by_title["Torture"].explanation
    assert "SDGs: 16 Peace, justice and institutions" in by_title["Torture"].explanation


def test_tags_alone_group_texts_that_share_no_word():
    texts = ["Alpha beta.", "Gamma delta.", "Epsilon zeta.", "Eta theta.", "Iota kappa.", "Lambda mu."]
    themes = [("Water",), ("Water",), ("Water",), ("Housing",), ("Housing",), ("Housing",)]
    items = [Item(f"u{i}", text, theme) for i, (text, theme) in enumerate(zip(texts, themes, strict=True))]
    groups = sorted(sorted(s.uids) for s in suggest(items, k=2))
    assert groups == [["u0", "u1", "u2"], ["u3", "u4", "u5"]]


def test_texts_without_any_term_form_a_group_of_their_own():
    items, _ = synthetic_items()
    empty = [Item("zz-1", "Continue its efforts to ensure that."), Item("zz-2", "...")]
    suggestions = suggest(items + empty, k=3)
    _covers_exactly(suggestions, items + empty)
    assert suggestions[-1].uids == ["zz-1", "zz-2"]
    assert "no distinctive words" in suggestions[-1].explanation


@pytest.mark.parametrize("count", [0, 1, 2, 5])
def test_tiny_inputs(count):
    items, _ = synthetic_items()
    chosen = items[:count]
    suggestions = suggest(chosen, k=4)
    _covers_exactly(suggestions, chosen)
    assert len(suggestions) <= max(count, 0)
    assert all(s.title for s in suggestions)


def test_k_is_checked():
    items, _ = synthetic_items()
    with pytest.raises(ValueError, match="k must be at least 1"):
        suggest(items, k=0)
    with pytest.raises(ValueError, match="share a uid"):
        suggest([items[0], items[0]])


def test_progress_rises_to_one():
    items, _ = synthetic_items()
    seen = []
    suggest(items, progress=lambda fraction, message: seen.append((fraction, message)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(message for _, message in seen)


@pytest.mark.parametrize("after", [0, 1, 3, 8])
def test_cancel_raises_cancelled_at_any_point(after):
    items, _ = synthetic_items()
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > after

    with pytest.raises(Cancelled):
        suggest(items, k=3, cancelled=cancelled)


def test_auto_k_grows_slowly_and_is_capped():
    assert [auto_k(n) for n in (1, 2, 10, 200, 450, 5000, 100_000)] == [1, 2, 2, 10, 15, 40, 40]
