"""Entity linker: six languages, inflection, spans, ambiguity, unknown-name candidates, provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.context import MappingContext
from osce_kg.registry import load_registry

MOLDOVA = "field-operation:mission-to-moldova"


@pytest.fixture
def ctx() -> MappingContext:
    return MappingContext(load_registry())


def linked(ctx: MappingContext, *blocks: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(f"{m.ref.type}:{m.ref.key}", m.text) for m in ctx.mentions(list(blocks), lang)]


def codes(ctx: MappingContext) -> list[str]:
    return [w.code for w in ctx.result.warnings]


@pytest.mark.parametrize("sentence, anchor", [
    ("Миссия ОБСЕ в Молдове открыла новый офис в Бендерах.", "Миссия ОБСЕ в Молдове"),
    ("Эксперты в Миссии ОБСЕ в Молдове подготовили доклад.", "Миссии ОБСЕ в Молдове"),
    ("Сотрудники Миссией ОБСЕ в Молдове не руководят.", "Миссией ОБСЕ в Молдове"),
    ("Die OSZE-Mission in Moldau unterstützt den Dialog zwischen beiden Ufern.", "OSZE-Mission in Moldau"),
    ("Ein Seminar der OSZE-Mission in Moldau fand in Tiraspol statt.", "OSZE-Mission in Moldau"),
    ("The OSCE Mission to Moldova opened in 1993.", "OSCE Mission to Moldova"),
    ("La Mission de l’OSCE en Moldavie a organisé un atelier.", "Mission de l’OSCE en Moldavie"),
])
def test_mission_to_moldova_in_any_language_and_case(ctx, sentence, anchor):
    mentions = ctx.mentions([sentence])
    match = [m for m in mentions if f"{m.ref.type}:{m.ref.key}" == MOLDOVA]
    assert len(match) == 1 and match[0].text == anchor
    assert sentence[match[0].start:match[0].end] == anchor  # the span points into the block


def test_german_genitive_of_the_high_commissioner(ctx):
    sentence = "Der Bericht des Hohen Kommissars der OSZE für nationale Minderheiten liegt vor."
    assert linked(ctx, sentence) == [("body:hcnm", "Hohen Kommissars der OSZE für nationale Minderheiten")]


def test_case_and_diacritics_do_not_matter(ctx):
    refs = [ref for ref, _ in linked(ctx, "TÜRKIYE, Turkiye and türkiye; ÖSTERREICH and osterreich.")]
    assert refs == ["country:tr"] * 3 + ["country:at"] * 2


def test_german_endings_only_on_german_text(ctx):
    assert linked(ctx, "The Austrian Chairmanship began.", lang="en") == [("body:chairpersonship", "Chairmanship")]
    assert ("country:at", "Österreichs") in linked(ctx, "Die Rolle Österreichs wurde gewürdigt.", lang="de")


def test_name_of_an_institution_and_of_its_head_post_links_the_institution(ctx):
    assert linked(ctx, "The High Commissioner on National Minorities visited Riga.") == [
        ("body:hcnm", "High Commissioner on National Minorities")]


def test_ambiguous_name_is_left_unlinked_with_a_warning(ctx):
    assert linked(ctx, "CTHB experts met in Vienna.") == []
    assert "ambiguous-name" in codes(ctx)


def test_ambiguous_name_is_resolved_by_the_page_s_other_mentions(ctx):
    blocks = ["The Office of the Special Representative and Co-ordinator for Combating Trafficking in Human "
              "Beings published a report.", "CTHB staff presented it."]
    body = "body:office-of-the-special-representative-for-combating-trafficking"
    assert [ref for ref, _ in linked(ctx, *blocks)] == [body, body]
    assert "ambiguous-name" not in codes(ctx)


def test_unknown_bodies_and_people_are_reported_as_candidates(ctx):
    linked(ctx, "The OSCE Office in Atlantis hosted Ambassador Jane Roe Example and the OSCE Mission to Moldova.")
    messages = [w.message for w in ctx.result.warnings if w.code == "candidate-entity"]
    assert any("'OSCE Office in Atlantis'" in m and "body" in m for m in messages)
    assert any("'Jane Roe Example'" in m and "person" in m for m in messages)
    assert not any("Moldova" in m for m in messages)


def test_office_holders_are_linked_as_people(ctx):
    assert linked(ctx, "Secretary General Lamberto Zannier spoke.")[-1] == ("person:lamberto-zannier",
                                                                              "Lamberto Zannier")


def test_the_index_is_built_once_per_registry():
    registry = load_registry()
    assert MappingContext(registry).linker is MappingContext(registry).linker


def test_mentions_are_recorded_with_page_graph_and_span(tmp_path: Path):
    page = tmp_path / "ru.txt"
    page.write_text("# source: https://www.osce.org/ru/test/moldova\n-\nНовости\n"
                    "Глава ОБСЕ посетил Кишинёв. Сотрудники Миссии ОБСЕ в Молдове и Посол Иван Примеров "
                    "встретились с Бюро ОБСЕ в Атлантиде.\n", "utf-8")
    result = build(BuildOptions(paths=[str(page)], out_dir=None, validate=False))
    rows = result.graph.select("""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
        SELECT ?g ?text ?start ?end WHERE { GRAPH ?g { ?m a osce:Mention ;
          osce:mentionOf <https://w3id.org/osce-kg/id/field-operation/mission-to-moldova> ;
          osce:anchorText ?text ; osce:start ?start ; osce:end ?end } }""")
    assert len(rows) == 1 and rows[0]["text"] == "Миссии ОБСЕ в Молдове"
    assert rows[0]["g"] == "https://w3id.org/osce-kg/graph/page/osce.org/ru/test/moldova"
    warnings = result.sources[0].warnings
    assert {"Иван Примеров", "Бюро ОБСЕ в Атлантиде"} <= {
        w["message"].split("'")[1] for w in warnings if w["code"] == "candidate-entity"}
    assert result.summary()["warnings"] >= 2


# -- the shared corpus: the same bodies get the same IRIs whatever the page's language -------------------
def _mentioned(corpus: Path, *names: str) -> dict[str, set[str]]:
    result = build(BuildOptions(paths=[str(corpus / n) for n in names], out_dir=None, validate=False))
    out: dict[str, set[str]] = {}
    for report in result.sources:
        assert report.error is None, report
        rows = result.graph.select(f"""PREFIX osce: <https://w3id.org/osce-kg/ontology#>
            SELECT DISTINCT ?e WHERE {{ GRAPH <{report.graph}> {{ ?m a osce:Mention ; osce:mentionOf ?e }} }}""")
        out[Path(report.file).name[:3]] = {r["e"].removeprefix("https://w3id.org/osce-kg/id/") for r in rows}
    return out


def test_trafficking_pages_link_the_same_bodies_in_en_fr_es(corpus_dir):
    pages = _mentioned(corpus_dir, "000_fr_fow_trafficking_seed.txt", "001_en_fow_trafficking_what.txt",
                       "003_es_fow_trafficking.txt")
    english = {e for e in pages["001"] if e.startswith("org/")}
    assert english == {"org/osce", "org/office-of-the-special-representative-for-combating-trafficking"}
    assert english <= pages["000"] and english <= pages["003"]
    assert "topic/combating-trafficking-in-human-beings" in pages["000"] & pages["001"] & pages["003"]


def test_national_minorities_page_in_german_links_the_hcnm_as_the_english_page_does(corpus_dir):
    pages = _mentioned(corpus_dir, "006_de_fow_national_minorities.txt", "014_en_institutions_overview.txt")
    assert {"org/hcnm", "org/osce", "topic/national-minority-issues"} <= pages["006"] & pages["014"]


def _find_word_by_word(linker, text: str, lang: str | None, wanted: frozenset[str] | None) -> list:
    """Linker._find as first written: every word tried in turn, the candidates filtered by type at each."""
    worded = linker._tokenised(text, lang == "de")
    words, links, i = worded.words, [], 0
    while i < len(words):
        best = None
        for n, refs, inflected in linker._spans(worded, i):
            if wanted is not None:
                refs = {r: langs for r, langs in refs.items() if r.type in wanted}
            if refs and (best is None or n > best[0]):
                best = (n, refs, inflected)
        if best is None:
            i += 1
            continue
        n, refs, inflected = best
        refs = linker._fitting(text, worded, i, n, refs, lang)
        if refs:
            links.append(linker._link(text, words[i][0], words[i + n - 1][1], refs, inflected, lang))
        i += n
    return links


def test_find_skips_to_the_words_that_start_names_and_finds_what_trying_every_word_finds(ctx):
    """`find` tries only the words that start some name, with each key's candidates of the wanted types worked
    out once: the links are those of trying every word in turn, for all types and for a few sets, in the corpus
    and in the sentences above."""
    texts = ["The OSCE Mission to Moldova opened in 1993.", "Die OSZE-Mission in Moldau unterstützt den Dialog.",
             "The Parliamentary Assembly of the Council of Europe met the OSCE Chairperson-in-Office.",
             "Миссия ОБСЕ в Молдове открыла новый офис в Бендерах.", "ABOUT US", "PC.DEC/476 and the US$ budget"]
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    for page in sorted(corpus.glob("*.txt"))[:20] if corpus.is_dir() else []:
        texts += [line for line in page.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    linker, linked_somewhere = ctx.linker, 0
    for text in texts:
        for lang in (None, "en", "de"):
            for wanted in (None, frozenset({"field-operation"}), frozenset({"body", "post"}), frozenset({"country"})):
                found = list(linker.find(text, lang, wanted))
                assert found == _find_word_by_word(linker, text, lang, wanted), (text, lang, wanted)
                linked_somewhere += bool(found)
    assert linked_somewhere > 20
