"""Terms of a text: folded, stop words and recommendation boilerplate out, plurals merged, phrases kept."""

from __future__ import annotations

from tcdesk.clustering.text import Tokenizer, fold, join_phrases, strip_suffix


def test_fold_lowers_and_removes_accents_and_ligatures():
    assert fold("Éducation") == "education"
    assert fold("NIÑOS") == "ninos"
    assert fold("Cœur") == "coeur"


def test_plural_and_singular_are_one_term():
    assert strip_suffix("rights") == strip_suffix("right") == "right"
    assert strip_suffix("penalties") == "penalty"
    assert strip_suffix("derechos") == "derecho"
    assert strip_suffix("children") == strip_suffix("child") == "child"
    assert strip_suffix("access") == "access"  # double s is no plural
    assert strip_suffix("status") == "status"
    assert strip_suffix("rights", "none") == "rights"


def test_stop_words_of_three_languages_and_boilerplate_are_dropped():
    tokenizer = Tokenizer(bigrams=False)
    assert tokenizer.terms("Continue its efforts to ensure the right to education") == ["right", "education"]
    assert tokenizer.terms("Redoubler d'efforts pour garantir le droit à l'éducation") == ["droit", "education"]
    assert tokenizer.terms("Seguir adoptando medidas para garantizar el derecho a la educación") == [
        "derecho",
        "educacion",
    ]


def test_boilerplate_can_be_kept():
    assert "ensure" in Tokenizer(boilerplate=False, bigrams=False).terms("ensure education")


def test_phrases_join_neighbours_and_bridge_short_stop_words_but_not_and_or_punctuation():
    tokenizer = Tokenizer()
    terms, phrases = tokenizer.analyse("Protect the rights of the child and persons with disabilities; death penalty.")
    assert "death penalty" in terms  # side by side: a term clustering counts
    assert {"right child", "person disability"} <= set(phrases)  # across stop words: describes groups only
    assert "right child" not in terms
    assert "child person" not in terms + phrases  # "and" joins two topics
    assert "disability death" not in terms + phrases  # the semicolon ends the phrase
    assert "right child" in Tokenizer(bridged_terms=True).terms("the rights of the child")


def test_terms_are_shown_as_written():
    tokenizer = Tokenizer()
    for text in ("Abolish the death penalty", "the death penalty", "death penalties", "Ratify CEDAW"):
        tokenizer.terms(text)
    assert tokenizer.display("death penalty") == "death penalty"
    assert tokenizer.display("penalty") == "penalty"
    assert tokenizer.display("cedaw") == "CEDAW"
    tokenizer.terms("the rights of the child")
    assert tokenizer.display("right child") == "rights of the child"


def test_chained_phrases_merge():
    assert join_phrases("gender-based", "based violence") == "gender-based violence"


def test_any_script_is_accepted():
    terms = Tokenizer().terms("حقوق الإنسان и права человека 人权")
    assert terms  # no stop words known for them, but they are terms all the same
