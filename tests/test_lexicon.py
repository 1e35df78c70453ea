"""The six-language lexicon (mappings/lexicon.csv, osce_kg/lexicon.py): every concept in all six languages
(or an explicit gap), none written twice, the mappers' word patterns compiled from it, and no new word list
written into the mappers' code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from osce_kg import lexicon
from osce_kg.lexicon import LexiconError, parse, split_forms
from tests.conftest import parsed_module

ROOT = Path(__file__).resolve().parents[1]
HEADER = "concept,syntax,lang,forms"


def _rows(concept: str, syntax: str = "word", langs=lexicon.LANGS, forms: str = "x") -> list[str]:
    return [f"{concept},{syntax},{lang},{forms}" for lang in langs]


def test_every_concept_has_the_six_languages_and_no_duplicate():
    concepts = lexicon.concepts()
    assert len(concepts) >= 40
    for c in concepts.values():
        assert tuple(c.forms) == lexicon.LANGS, c.name  # the six rows, in the file's language order
        assert any(c.forms.values()), f"{c.name}: every language is a gap"


def test_no_concept_is_written_twice():
    """Two concepts with the same words are one concept written twice."""
    seen: dict[tuple, str] = {}
    for c in lexicon.concepts().values():
        key = (c.syntax, frozenset(c.all_forms()))
        assert key not in seen, f"{c.name} repeats {seen[key]}"
        seen[key] = c.name


def test_a_missing_language_a_second_row_and_a_bad_regex_are_errors():
    with pytest.raises(LexiconError, match="no row for ru"):
        parse([HEADER, *_rows("a", langs=("en", "fr", "de", "it", "es"))])
    with pytest.raises(LexiconError, match="second en row"):
        parse([HEADER, *_rows("a"), "a,word,en,y"])
    with pytest.raises(LexiconError, match=r":3: .*not a regular expression"):
        parse([HEADER, "a,regex,en,x", "a,regex,fr,(y"])
    with pytest.raises(LexiconError, match="language 'pt'"):
        parse([HEADER, "a,word,pt,x"])
    with pytest.raises(LexiconError, match="no fr forms"):
        parse([HEADER, "a,word,en,x", "a,word,fr,"])
    with pytest.raises(LexiconError, match="header"):
        parse(["group,lang,words"])


def test_a_gap_is_explicit_and_comments_are_skipped():
    found = parse([HEADER, "# a comment, with a comma", *_rows("a", langs=lexicon.LANGS[:-1]), "a,word,es,~"])
    assert found["a"].forms["es"] == ()
    assert found["a"].all_forms() == ("x",)
    assert lexicon.by_lang("article")["ru"] == ()  # Russian has no articles: a marked gap, not a missing row


def test_forms_split_outside_brackets_and_words_are_escaped():
    assert split_forms(r"Chair(?:person|man)?ship|Vorsitz|[ab|c]d") == (
        r"Chair(?:person|man)?ship", "Vorsitz", "[ab|c]d")
    found = parse([HEADER, *_rows("h", forms="H.E.|Mr")])
    assert found["h"].as_regex("H.E.") == r"H\.E\."


def test_the_mappers_patterns_come_from_the_lexicon():
    """The compiled patterns hold the lexicon's words: a word added to the lexicon is matched."""
    from osce_kg.mappings import belonging, organisations, people
    assert people._HONORIFIC.match("Son Excellence M. Jean Dupont")
    assert people._TITLE.search("la Secrétaire générale")
    assert belonging._PRONOUN.match("Оно работает")
    assert organisations._TIES.search("collabora con l'UNICEF")
    assert set(lexicon.forms("honorific")) >= {"H.E.", "Sua Eccellenza", "Посол"}
    from osce_kg.mappings import dated_facts, events_text, field_operation
    assert dated_facts.MEMBER_WORDS == lexicon.patterns("member-of-osce")  # read in the page's language
    assert re.search(dated_facts.MEMBER_WORDS["de"], "seit 1991 Teilnehmerstaat der OSZE")
    assert re.search(events_text.HEADS["ru"], "семинара") and "ru" not in lexicon.patterns("article")
    assert field_operation._STAFF.search("13 internationaux et 28 locaux")


_CYRILLIC_WORD = re.compile(r"[а-яё]{3,}", re.IGNORECASE)
# Word lists not yet in the lexicon: string literals holding Russian words (every six-language list has
# them), per module. The figures may only go down: move a list into the lexicon and lower its figure.
_NOT_YET_MOVED = {
    "mappings/belonging.py": 1,
    "mappings/biography.py": 3,
    "mappings/borders.py": 2,
    "mappings/chair_statements.py": 1,
    "mappings/coordinated.py": 2,
    "mappings/dated_facts.py": 6,
    "mappings/documents.py": 4,
    "mappings/events_text.py": 11,
    "mappings/field_operation.py": 2,
    "mappings/history.py": 6,
    "mappings/institution.py": 4,
    "mappings/news_listing.py": 2,
    "mappings/office_holders.py": 1,
    "mappings/organisations.py": 9,
    "mappings/partners.py": 3,
    "mappings/people.py": 16,
    "mappings/publication.py": 1,
    "mappings/timeline.py": 2,
    "mappings/words.py": 8,
    "osce_kg/dates.py": 6,
    "osce_kg/figures.py": 17,
    "osce_kg/linker.py": 10,
    "osce_kg/mapping.py": 1,
    "osce_kg/name_context.py": 7,
    "osce_kg/page.py": 8,
    "osce_kg/places.py": 2,
    "osce_kg/text.py": 1,
}


def _word_literals(path: Path) -> int:
    source = path.read_text(encoding="utf-8")
    if not _CYRILLIC_WORD.search(source):
        return 0  # no Russian word anywhere: nothing to parse
    tree = parsed_module(path)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return sum(1 for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
               and id(node) not in docstrings and _CYRILLIC_WORD.search(node.value))


@pytest.mark.xdist_group("project-code")  # with the other readers of the project's code (conftest.parsed_module)
def test_no_word_list_is_written_into_code():
    """A six-language word list in a mapper's code (a literal with Russian words) belongs in the lexicon."""
    found = {}
    for folder in ("mappings", "osce_kg"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            count = _word_literals(path)
            if count:
                found[path.relative_to(ROOT).as_posix()] = count
    grown = {f: (n, _NOT_YET_MOVED.get(f, 0)) for f, n in found.items() if n > _NOT_YET_MOVED.get(f, 0)}
    assert not grown, f"word lists written into code (found, allowed); put them in mappings/lexicon.csv: {grown}"
    shrunk = {f: (found.get(f, 0), n) for f, n in _NOT_YET_MOVED.items() if found.get(f, 0) < n}
    assert not shrunk, f"fewer word lists than allowed (found, allowed): lower _NOT_YET_MOVED: {shrunk}"


def test_each_kinds_labels_are_lexicon_concepts():
    """A kind's .yml names the field labels it reads; each is a concept of the lexicon."""
    import yaml
    named = 0
    for meta in sorted((ROOT / "mappings").glob("*.yml")):
        for concept in yaml.safe_load(meta.read_text(encoding="utf-8")).get("labels") or []:
            assert concept in lexicon.concepts(), f"{meta.name}: {concept} is not in mappings/lexicon.csv"
            named += 1
    assert named >= 17
    from osce_kg.mappings.field_labels import LABELS, label_name
    assert label_name("Lieu :") == "where" and label_name("Организатор") == "organizer"
    assert LABELS["publisher"] == lexicon.forms("label.publisher")
