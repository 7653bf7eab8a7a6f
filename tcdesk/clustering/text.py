"""Turning a recommendation text into the terms that TF-IDF counts, for English, French and Spanish.

Each word is lower-cased and accent-folded ("Éducation" and "education" are one term, as a French text
typed without accents must match one typed with them), stop words and recommendation boilerplate are
dropped, and a light suffix strip merges plural and singular ("rights"/"right", "derechos"/"derecho"),
the one variation that splits the same topic in every recommendation list. Heavier stemming was measured
and did not help (docs/performance.md). Adjacent kept words also form a bigram ("death penalty",
"domestic violence"), so that titles can use real phrases.

Any script is accepted: Arabic or Cyrillic words are terms as they are; no stop words are known for them.
Each distinct word is folded and stemmed once per call and cached, which keeps 5,000 texts well under a
tenth of a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from tcdesk.clustering.stopwords import BOILERPLATE, CONJUNCTIONS, STOP_WORDS

LETTERS = re.compile(r"[^\W\d_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_KEEP_S = ("ss", "us", "is", "ous")
_IRREGULAR = {"children": "child", "women": "woman", "men": "man"}
MIN_LENGTH = 2
BIGRAM_JOINER = " "
_JOINING = " -\u2010\u2011\t'\u2019"  # what may stand between the two words of a phrase


def fold(word: str) -> str:
    """Lower case without accents: the form words are compared in."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_suffix(word: str, level: str = "plural") -> str:
    """Merge the inflections that split one topic. ``level``: "none", "plural" (used) or "light"."""
    if level == "none" or len(word) <= 3:
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(_KEEP_S):
        word = word[:-1]
    if level == "light":
        for suffix, replacement in (("ations", "ate"), ("ation", "ate"), ("ing", ""), ("ed", ""), ("ment", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)] + replacement
    return word


@dataclass
class Tokenizer:
    """Terms of texts, remembering how each word and phrase was written so that groups are explained in words.

    ``bigrams`` adds pairs of kept words that stand side by side ("death penalty"). Pairs with at most
    ``bridge`` stop words between them ("rights of the child" gives "right child", shown as written) are
    *phrases*: they name groups well, but as clustering features they were measured slightly worse than
    side-by-side pairs alone, so :meth:`analyse` returns them apart (``bridged_terms`` puts them among the
    terms, for that measurement). ``boilerplate`` drops the recommendation verbs too, and they, like
    punctuation and "and"/"or", end a phrase; ``stem`` is the level of :func:`strip_suffix`.
    """

    stem: str = "plural"
    bigrams: bool = True
    bridge: int = 2
    boilerplate: bool = True
    bridged_terms: bool = False
    _cache: dict[str, tuple[str | None, bool]] = field(default_factory=dict, repr=False)
    _written: dict[str, Counter[str]] = field(default_factory=dict, repr=False)

    def _term(self, raw: str) -> tuple[str | None, bool]:
        """(term or None when dropped, whether a phrase may run across the dropped word)."""
        folded = fold(raw)
        if len(folded) < MIN_LENGTH:
            return None, True
        if self.boilerplate and folded in BOILERPLATE:
            return None, False
        if folded in STOP_WORDS:
            return None, folded not in CONJUNCTIONS
        return strip_suffix(folded, self.stem), True

    def terms(self, text: str) -> list[str]:
        """The terms that clustering counts: unigrams, then side-by-side pairs."""
        return self.analyse(text)[0]

    def analyse(self, text: str) -> tuple[list[str], list[str]]:
        """(terms that clustering counts, phrases across stop words that only describe groups)."""
        unigrams: list[str] = []
        bigrams: list[str] = []
        bridged: list[str] = []
        previous: str | None = None  # the last kept word, while a phrase may still start from it
        start = end = skipped = 0
        cache, written = self._cache, self._written
        for match in LETTERS.finditer(text):
            raw = match.group()
            if previous is not None and text[end : match.start()].strip(_JOINING):
                previous = None  # punctuation between the words: "penalty; torture" is no phrase
            end = match.end()
            if raw in cache:
                term, bridges = cache[raw]
            else:
                term, bridges = cache[raw] = self._term(raw)
            if term is None:
                skipped += 1
                if not bridges or skipped > self.bridge:
                    previous = None
                continue
            unigrams.append(term)
            if raw.istitle() and _opens_sentence(text, match.start()):
                raw = raw.casefold()  # "Ratify" opening a sentence says nothing of how the word is written
            written.setdefault(term, Counter())[raw] += 1
            if self.bigrams and previous is not None:
                pair = previous + BIGRAM_JOINER + term
                (bigrams if skipped == 0 or self.bridged_terms else bridged).append(pair)
                written.setdefault(pair, Counter())[_SPACES.sub(" ", text[start:end])] += 1
            previous, start, skipped = term, match.start(), 0
        return unigrams + bigrams, bridged

    def display(self, term: str) -> str:
        """How to show a term: as most often written, lower case unless the words are always capitalised.

        "penalty" shows as "penalty" when the texts say "penalty" more often than "penalties"; "CEDAW" and
        "Roma" keep their capitals because the texts never write them in lower case; the phrase "right
        child" shows as "rights of the child".
        """
        if BIGRAM_JOINER not in term:
            return self._display_word(term)
        counts = self._written.get(term)
        if not counts:
            return " ".join(self._display_word(w) for w in term.split(BIGRAM_JOINER))
        phrase = _most_common(_by_lower(counts))
        return LETTERS.sub(lambda m: self._case_of(m.group()), phrase)

    def _case_of(self, word: str) -> str:
        """A word of a phrase: lower case, unless its term is always written with capitals."""
        term, _ = self._cache.get(word, (None, True))
        if term is None:
            return word.casefold()
        shown = self._display_word(term)
        return word if shown != shown.casefold() else word.casefold()

    def _display_word(self, term: str) -> str:
        counts = self._written.get(term)
        if not counts:
            return term
        form = _most_common(_by_lower(counts))
        casings = {raw: n for raw, n in counts.items() if raw.casefold() == form}
        return form if form in casings else _most_common(casings)


_SPACES = re.compile(r"\s+")
_OPENING = " \t\r\n\"'“‘(«¡¿-–•*"  # may stand between a sentence's end and its first word


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence (after quotes, brackets, bullets)."""
    before = text[:start].rstrip(_OPENING)
    return not before or before.endswith((".", "!", "?", ":"))


def _by_lower(counts: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for raw, n in counts.items():
        out[raw.casefold()] += n
    return out


def _most_common(counts: dict[str, int]) -> str:
    return min(counts.items(), key=lambda pair: (-pair[1], pair[0]))[0]


def join_phrases(first: str, second: str) -> str:
    """Two displayed phrases that share a word ("gender-based", "based violence") as one: "gender-based violence"."""
    word = LETTERS.search(second)
    return first + second[word.end() :] if word else first
