"""Titles and explanations of groups: why these recommendations were put together, in words.

A suggestion the user cannot read is one they cannot judge, so every group says what its members share:
- its distinctive terms: how much more, on average, the group's texts use a term than all texts do
  (TF-IDF rows of unit length), with a phrase preferred to its two words when the words mostly occur in
  that phrase ("death penalty" rather than "death" and "penalty");
- the themes and SDG goals most of its members carry, when the records have them.
The title is the group's most common theme when at least half of the members carry it (the vocabulary
HRAs already use), else its top two or three terms ("Death penalty and moratorium"). Titles are kept
distinct within one set of suggestions, since the user picks among them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from tcdesk.clustering.model import Item, Suggestion
from tcdesk.clustering.sparse import Csr
from tcdesk.clustering.stopwords import STOP_WORDS
from tcdesk.clustering.text import BIGRAM_JOINER, LETTERS, Tokenizer, fold, join_phrases
from tcdesk.domain import sdg

TOP_TERMS = 6
EXPLAINED_TERMS = 4  # words named in the explanation sentence (all TOP_TERMS are in ``terms``)
THEME_TITLE_SHARE = 0.5  # a theme names the group when at least this share of members carries it
SHARED_THEME_SHARE = 1 / 3  # themes listed in the explanation
SHARED_GOAL_SHARE = 0.25  # SDG goals proposed for the cluster
MAX_GOALS = 5
REPLACES_WORD = 0.6  # a phrase replaces its word in a title when found in at least 60% of the word's texts
PHRASE_COVERS = 1.25  # a word is dropped for its phrase when it occurs in at most 1.25x the phrase's texts


def distinctive_terms(text: Csr, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(score, number of texts) per term and group; score = group mean weight minus overall mean weight."""
    n = text.shape[0]
    one_hot = np.zeros((n, k))
    live = labels >= 0
    one_hot[np.flatnonzero(live), labels[live]] = 1.0
    sizes = np.maximum(one_hot.sum(axis=0), 1.0)
    group_means = text.t_dot(one_hot) / sizes  # (terms, k)
    overall = text.t_dot(np.ones((n, 1)))[:, 0] / max(n, 1)
    present = Csr(text.indptr, text.indices, np.ones_like(text.data), text.shape)
    return group_means - overall[:, None], present.t_dot(one_hot)


def pick_terms(
    scores: np.ndarray, counts: np.ndarray, vocabulary: Sequence[str], limit: int = TOP_TERMS
) -> list[tuple[str, int, float]]:
    """(term, number of texts, score) of one group's top terms, a phrase replacing the words it is made of."""
    order = [int(i) for i in np.argsort(-scores, kind="stable")[: limit * 3] if scores[i] > 0]
    position = {vocabulary[i]: i for i in order}
    dropped: set[int] = set()
    for i in order:
        for word in _words(vocabulary[i]):
            j = position.get(word)
            if j is not None and counts[j] <= PHRASE_COVERS * counts[i]:
                dropped.add(j)
    kept = [i for i in order if i not in dropped]
    alone = {vocabulary[i] for i in kept}
    # a phrase whose two words are both listed on their own adds nothing
    kept = [i for i in kept if not _words(vocabulary[i]) or not all(w in alone for w in _words(vocabulary[i]))]
    return [(vocabulary[i], int(counts[i]), round(float(scores[i]), 4)) for i in kept[:limit]]


def _words(term: str) -> list[str]:
    """The two words of a phrase; empty for a single word."""
    parts = term.split(BIGRAM_JOINER)
    return parts if len(parts) > 1 else []


def shared(lists: Sequence[Sequence[str]], share: float) -> list[tuple[str, int]]:
    """Values held by at least ``share`` of the lists (and by two at least), most common first."""
    counts = Counter(value for values in lists for value in set(values))
    floor = max(2 if len(lists) > 1 else 1, share * len(lists))
    return sorted(((v, n) for v, n in counts.items() if n >= floor), key=lambda pair: (-pair[1], pair[0]))


def goals_of(targets: Sequence[Sequence[str]]) -> list[str]:
    """SDG goal codes of the members' targets held by at least a quarter of them, most common first."""
    goals = [sorted({str(sdg.goal_of(t)) for t in row if _is_code(t)}) for row in targets]
    counts = Counter(g for row in goals for g in row)
    floor = max(1, SHARED_GOAL_SHARE * len(goals))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], int(pair[0])))
    return [g for g, n in ranked if n >= floor][:MAX_GOALS]


def _is_code(code: str) -> bool:
    try:
        sdg.goal_of(code)
    except ValueError:
        return False
    return True


def describe(
    members: Sequence[Item], terms: list[tuple[str, int, float]], tokenizer: Tokenizer, taken: set[str]
) -> Suggestion:
    """The suggestion for one group; ``taken`` holds titles already given (updated here)."""
    size = len(members)
    themes = shared([m.themes for m in members], SHARED_THEME_SHARE)
    goals = goals_of([m.sdg_targets for m in members])
    displayed = _displayed(terms, tokenizer)
    shown = [(word, weight) for word, _, weight in displayed]
    title = _title(themes, [(word, n) for word, n, _ in displayed], size, taken)
    taken.add(title.casefold())
    parts = []
    if shown:
        parts.append("mentioning " + ", ".join(f"{word} ({n})" for word, n, _ in displayed[:EXPLAINED_TERMS]))
    if themes:
        parts.append("themes: " + ", ".join(f"{theme} ({n} of {size})" for theme, n in themes[:3]))
    if goals:
        parts.append("SDGs: " + ", ".join(f"{g} {sdg.GOAL_NAMES[int(g)]}" for g in goals[:3]))
    noun = "recommendation" if size == 1 else "recommendations"
    reason = "; ".join(parts) if parts else "with no distinctive words or tags in common"
    return Suggestion(
        title=title,
        explanation=f"{size} {noun} {reason}.",
        uids=sorted(m.uid for m in members),
        terms=shown,
        themes=[theme for theme, _ in themes],
        sdg_goals=goals,
    )


def _displayed(terms: list[tuple[str, int, float]], tokenizer: Tokenizer) -> list[tuple[str, int, float]]:
    """Terms as the texts write them, a phrase chained to the previous one merged with it.

    "gender based" and "based violence" found in about as many texts are one phrase: "gender-based violence".
    """
    out: list[tuple[str, int, float]] = []
    ends: list[tuple[str, str]] = []  # first and last word of each phrase shown
    for term, count, weight in terms:
        words = _words(term)
        merged = False
        if words:
            for i, (shown, n, w) in enumerate(out):
                if max(n, count) > PHRASE_COVERS * min(n, count):
                    continue
                if ends[i][1] == words[0]:  # "gender based" then "based violence"
                    out[i] = (join_phrases(shown, tokenizer.display(term)), min(n, count), w)
                    ends[i] = (ends[i][0], words[-1])
                elif ends[i][0] == words[-1]:  # "based violence" then "gender based"
                    out[i] = (join_phrases(tokenizer.display(term), shown), min(n, count), w)
                    ends[i] = (words[0], ends[i][1])
                else:
                    continue
                merged = True
                break
        if not merged:
            out.append((tokenizer.display(term), count, weight))
            ends.append((words[0], words[-1]) if words else ("", ""))
    return out


def _title(themes: list[tuple[str, int]], shown: list[tuple[str, int]], size: int, taken: set[str]) -> str:
    words = _title_words(shown)
    from_terms = _join(words[:2] if words and len(_content(words[0])) > 1 else words[:3])
    candidates: list[str] = []
    if themes and themes[0][1] >= THEME_TITLE_SHARE * size:
        theme = themes[0][0]
        candidates.append(theme)
        candidates += [f"{theme}: {w}" for w in words if w.casefold() not in theme.casefold()][:3]
    if from_terms:
        candidates.append(_capitalised(from_terms))
        candidates += [_capitalised(_join([*words[:3], w])) for w in words[3:]]
    candidates = candidates or ["Other recommendations"]
    for candidate in candidates:
        if candidate.casefold() not in taken:
            return candidate
    number = 2
    while f"{candidates[0]} ({number})".casefold() in taken:
        number += 1
    return f"{candidates[0]} ({number})"


def _title_words(shown: Sequence[tuple[str, int]]) -> list[str]:
    """Terms that do not repeat each other, for a title.

    A phrase replaces its own word when it accounts for most of the word's texts ("penalty" in 7 texts,
    "death penalty" in 5: "death penalty"); any other term sharing a word with one already kept is left
    out ("scholarships for girls" in 1 text does not replace "girls" in 7).
    """
    chosen: list[tuple[str, int]] = []
    for word, count in shown:
        mine = _content(word)
        overlapping = [i for i, (other, _) in enumerate(chosen) if _content(other) & mine]
        if not overlapping:
            chosen.append((word, count))
            continue
        first, first_count = chosen[overlapping[0]]
        if len(overlapping) == 1 and len(_content(first)) == 1 and count >= REPLACES_WORD * first_count:
            chosen[overlapping[0]] = (word, count)
    return [word for word, _ in chosen]


def _content(term: str) -> set[str]:
    """The folded words of a displayed term that are not stop words."""
    return {w for w in (fold(m) for m in LETTERS.findall(term)) if w not in STOP_WORDS}


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
