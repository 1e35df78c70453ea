"""Listing pages in the six languages, as text dumps and HTML: each teaser is its own item, facts never cross items."""

from __future__ import annotations

from pathlib import Path

import pytest

from osce_kg.build import BuildOptions, build
from osce_kg.classify import explain
from osce_kg.context import MappingContext
from osce_kg.mapping import parse_source
from osce_kg.records import Ref
from osce_kg.sources import read_source

from .kinds_helpers import FIXTURES, map_file, map_text, registry

PAGES = FIXTURES / "pages"
LISTINGS = FIXTURES / "listings"
ID = "https://w3id.org/osce-kg/id/"


@pytest.mark.parametrize("name, lang, count", [("listing_en.txt", "en", 4), ("listing_de.txt", "de", 3),
                                               ("listing_it.txt", "it", 3)])
def test_headline_and_date_listing(name, lang, count):
    m = map_file(PAGES / name)
    assert m.kind == "news-listing" and m.page.language == lang
    items = m.of("ListedItem")
    assert len(items) == count and items[0].date == "2025-01-01" and items[-1].date == "2012-11-21"
    assert all(i.title.lang == lang for i in items)


def items_of(name: str):
    m = map_file(LISTINGS / name)
    assert m.kind == "news-listing"
    return m, {i.position: i for i in m.of("ListedItem")}


def about(item) -> set[str]:
    return {f"{r.type}:{r.key}" for r in item.about}


def test_english_teasers_with_labelled_fields():
    m, items = items_of("listing_en_press.txt")
    assert m.page.title == "Press releases" and len(items) == 5
    one, two, three, four, five = (items[n] for n in range(1, 6))
    assert one.title.text == "Mongolia becomes the 57th OSCE participating State" and one.title.lang == "en"
    assert (one.date, one.content_type.text, one.place) == ("2012-11-21", "Press release", "Vienna")
    assert about(one) == {"country:mn", "topic:democratization"}
    assert one.summary.text.startswith("VIENNA, 21 November 2012")
    assert two.content_type.text == "News and features" and two.place == "Tirana"
    assert {"field-operation:presence-in-albania", "body:permanent-council", "topic:elections"} <= about(two)
    # 'Where we are' names a structure and a city; the dateline carries an '(OSCE)' credit
    assert three.date == "2006-07-03" and three.place == "Podgorica" and three.places == ("Podgorica",)
    assert "field-operation:mission-to-montenegro" in about(three)
    assert Ref("person", "marc-perrin-de-brichambaut") in three.mentions
    # a linked title: the item's own page; '(closed)' does not stop the registry match
    assert four.url == "https://www.osce.org/special-monitoring-mission-to-ukraine/closed"
    assert "field-operation:special-monitoring-mission-to-ukraine" in about(four)
    # the dump stops inside the last teaser's date label: a headline with no date
    assert five.title.text.startswith("New OSCE High Commissioner") and five.date is None


def test_items_never_share_facts():
    _, items = items_of("listing_en_press.txt")
    one, two, three, four, five = (items[n] for n in range(1, 6))
    assert "field-operation:presence-in-albania" not in about(one) | about(three) | about(four)
    assert "field-operation:mission-to-montenegro" not in about(one) | about(two) | about(four)
    assert "topic:conflict-prevention-and-resolution" not in about(one) | about(two) | about(three)
    assert one.place == "Vienna" and two.place == "Tirana" and four.place is None and five.place is None
    assert not one.places and not two.places and not four.places
    assert five.content_type is None and five.about == (Ref("body", "hcnm"),)  # its title only
    assert Ref("person", "marc-perrin-de-brichambaut") not in one.mentions + two.mentions + four.mentions
    assert all(i.url is None for i in (one, two, three, five))


def test_french_teasers():
    _, items = items_of("listing_fr_communiques.txt")
    assert [i.date for i in items.values()] == ["2025-01-01", "2024-05-15", "2023-11-30"]
    assert items[1].place == "Helsinki"  # '1er janvier'
    assert about(items[1]) == {"country:fi", "body:chairpersonship"}
    assert about(items[2]) == {"body:odihr", "topic:elections"} and items[2].place == "Varsovie"
    # a repeated 'Type de contenu' line is structure, not a repeated paragraph
    assert items[3].content_type.text == "Communiqué de presse" and items[3].places == ("Skopje",)
    assert items[1].content_type.lang == "fr" and not items[1].places and not items[2].places


def test_german_teasers():
    _, items = items_of("listing_de_pressemitteilungen.txt")
    assert [i.date for i in items.values()] == ["2006-06-22", "2012-11-21", "1993-01-01"]
    assert about(items[1]) == {"country:me", "field-operation:mission-to-montenegro", "topic:democratization"}
    assert about(items[2]) == {"country:mn"}  # no 'Wo wir sind', nothing borrowed from its neighbours
    assert about(items[3]) == {"body:hcnm", "topic:national-minority-issues"} and items[3].place == "Den Haag"


def test_russian_teasers_with_type_and_numeric_date_on_one_line():
    _, items = items_of("listing_ru_pressreleases.txt")
    assert [i.date for i in items.values()] == ["2012-11-21", "2006-06-29", "1993-01-01"]
    assert [i.content_type.text for i in items.values()] == ["Пресс-релиз", "Пресс-релиз", "Новости"]
    assert [i.place for i in items.values()] == ["Вена", "Подгорица", "Гаага"]
    assert about(items[1]) == {"country:mn", "topic:democratization"}
    assert about(items[2]) == {"field-operation:mission-to-montenegro", "topic:democratization", "topic:elections"}
    assert items[2].places == ("Подгорица",) and Ref("body", "permanent-council") in items[2].mentions
    assert about(items[3]) == {"body:hcnm", "topic:national-minority-issues"}
    assert not items[1].places and not items[3].places and items[1].title.lang == "ru"


def test_a_listing_without_a_heading_starts_with_its_first_teaser():
    m, items = items_of("listing_it_senza_titolo.txt")
    assert [i.title.text[:24] for i in items.values()] == ["La Finlandia assume la P", "Il Rappresentante per la"]
    assert about(items[1]) == {"country:fi", "body:chairpersonship"} and items[1].place == "Helsinki"
    assert about(items[2]) == {"body:rfom", "topic:media-freedom-and-development"} and items[2].place == "Vienna"
    assert m.one("DocumentContent").title is None  # not the first teaser's title


def test_dates_printed_above_their_headlines():
    m, items = items_of("listing_es_fecha_arriba.txt")
    assert [(i.title.text[:10], i.date) for i in items.values()] == [
        ("Mongolia s", "2012-11-21"), ("Montenegro", "2006-06-22"), ("El Consejo", "1997-03-27")]
    assert about(items[1]) == {"country:mn"} and about(items[2]) == {"country:me"}
    assert about(items[3]) == {"body:permanent-council", "field-operation:presence-in-albania"}
    assert all(i.place == "Viena" and i.summary.text.startswith("VIENA") for i in items.values())
    assert m.page.title == "Últimas noticias"  # a heading, not a teaser


def test_where_we_are_values_the_registry_does_not_know():
    text = """# source: https://www.osce.org/press-releases
Press releases
Summer camp held on the shore of Lake Ohrid
Publishing date: 14 April 2006
Content type: Press release
Where we are: Ohrid
Training for border guards ends
Publishing date: 2 March 2006
Content type: Press release
Where we are: OSCE Liaison Unit in Nowhere
The course ended today.
"""
    m = map_text(text)
    one, two = m.of("ListedItem")
    assert one.places == ("Ohrid",) and one.about == ()
    assert two.places == () and two.about == ()  # a structure's name is never made a city
    assert any("OSCE Liaison Unit in Nowhere" in w.message for w in m.warnings if w.code == "candidate-entity")


def test_filters_before_the_teasers_and_read_more_links():
    text = """# source: https://www.osce.org/de/press-releases
Pressemitteilungen
Wo wir sind
- OSZE-Mission in Montenegro
- OSZE-Mission in Moldau
- Hoher Kommissar für nationale Minderheiten
- Sekretariat
Inhaltstyp
- Pressemitteilung
- Nachrichten
Montenegro wird 56. Teilnehmerstaat der OSZE
Veröffentlichungsdatum: 22. Juni 2006
Inhaltstyp: Pressemitteilung
Weiterlesen
Die Mission in Moldau nimmt ihre Arbeit auf
Veröffentlichungsdatum: 23. April 1993
Inhaltstyp: Nachrichten
Wo wir sind: OSZE-Mission in Moldau
Weiterlesen
"""
    m = map_text(text)
    assert m.kind == "news-listing"
    one, two = m.of("ListedItem")
    assert one.summary is None and two.summary is None  # 'Weiterlesen' is a link, not a summary
    assert about(one) == {"country:me"} and about(two) == {"field-operation:mission-to-moldova"}
    assert (one.date, two.date) == ("2006-06-22", "1993-04-23")


def test_html_teasers_with_time_elements():
    _, items = items_of("listing_en_drupal_teasers.html")
    assert [(i.date, i.place) for i in items.values()] == [
        ("2024-12-31", "Valletta"), ("2024-12-09", "Warsaw"), ("2024-12-06", "Valletta")]
    assert items[2].url == "https://www.osce.org/odihr/581234"
    assert {"country:mt", "country:fi"} <= about(items[1])
    assert not {"country:mt", "country:fi"} & (about(items[2]) | about(items[3]))


def test_a_teaser_without_a_date_field_is_dated_by_its_own_dateline_only():
    text = """# source: https://www.osce.org/fr/newsroom
Actualités
La Mission en Moldavie commence son travail
Type de contenu : Actualités
CHISINAU, 23 avril 1993 - La Mission de l'OSCE en Moldavie a commencé son travail.
Le Monténégro rejoint l'OSCE
Type de contenu : Communiqué de presse
Le Monténégro est devenu le 56e État participant.
La Mongolie devient le 57e État participant
Date de publication : 21 novembre 2012
Type de contenu : Communiqué de presse
"""
    m = map_text(text)
    one, two, three = m.of("ListedItem")
    assert (one.date, one.place) == ("1993-04-23", "Chisinau")
    assert (two.date, two.place) == (None, None)  # never its neighbour's
    assert three.date == "2012-11-21"


def test_spanish_html_teasers_with_label_elements_and_links():
    m, items = items_of("listing_es_noticias.html")
    assert m.page.language == "es" and m.page.title == "Comunicados de prensa"
    assert [i.url for i in items.values()] == [
        "https://www.osce.org/es/chairpersonship/finlandia-2025",
        "https://www.osce.org/es/mission-to-moldova/aniversario", "https://www.osce.org/es/odihr/observacion"]
    assert items[2].date == "2023-04-24" and items[2].place == "Chisinau"
    assert about(items[2]) == {"field-operation:mission-to-moldova", "topic:conflict-prevention-and-resolution"}
    assert items[3].content_type.text == "Informe" and items[3].summary is None and items[3].place is None
    assert "field-operation:mission-to-moldova" not in about(items[1]) | about(items[3])


def test_italian_html_teasers():
    _, items = items_of("listing_it_notizie.html")
    assert items[1].place == "La Valletta" and Ref("person", "feridun-sinirlioglu") in items[1].mentions
    assert about(items[3]) == {"country:me", "field-operation:mission-to-montenegro", "topic:democratization"}
    assert "field-operation:mission-to-montenegro" not in about(items[1]) | about(items[2])
    assert items[2].place == "Vienna" and items[3].place is None


@pytest.fixture(scope="module")
def listing_graph():
    result = build(BuildOptions(paths=[str(LISTINGS / "listing_en_press.txt")], out_dir=None))
    assert result.ok, result.validation.text()
    return result


def test_item_nodes_carry_their_own_facts_in_the_graph(listing_graph):
    graph = listing_graph.sources[0].graph
    rows = listing_graph.graph.select(f"""PREFIX schema: <https://schema.org/>
        SELECT ?item ?title ?date ?city WHERE {{ GRAPH <{graph}> {{
            ?page schema:hasPart ?item . ?item schema:headline ?title ; schema:datePublished ?date .
            OPTIONAL {{ ?item schema:locationCreated/schema:name ?city }} }} }}""")
    got = {(r["title"][:20], str(r["date"]), r.get("city")) for r in rows}
    assert ("Mongolia becomes the", "2012-11-21", "Vienna") in got
    assert ("OSCE Presence in Alb", "2007-03-27", "Tirana") in got
    assert not any(title.startswith("Mongolia") and city != "Vienna" for title, _, city in got)
    # the Presence in Albania is reached from its own item only
    holders = listing_graph.graph.select(f"""PREFIX schema: <https://schema.org/>
        SELECT ?title WHERE {{ GRAPH <{graph}> {{ ?item schema:about <{ID}field-operation/presence-in-albania> ;
                                                  schema:headline ?title }} }}""")
    assert [r["title"][:20] for r in holders] == ["OSCE Presence in Alb"]


# -- recognition: real listings win, single articles do not become listings -------------------------------
ARTICLE = """# source: https://www.osce.org/{path}
{title}
{own_fields}
{body}
{body2}
{related}
{t1}
{label_date} {date}
{label_type}
{t2}
{label_date} {date}
{label_type}
{t3}
{label_date} {date}
{label_type}
"""
ARTICLES = [
    dict(path="secretariat/1", title="Secretary General visits the Mission to Serbia", label_date="Publishing date:",
         date="12 March 2019", label_where="Where we are:", where="OSCE Mission to Serbia",
         body="BELGRADE, 12 March 2019 - The OSCE Secretary General visited the Mission to Serbia today and met "
              "its staff in Belgrade to discuss the Mission's work on the rule of law and media freedom.",
         body2="The Mission to Serbia was established by the Permanent Council in January 2001 and works with "
               "the host country's institutions on democratization and the security sector.",
         related="Related news", t1="Mission supports media freedom training", t2="Mission marks Roma Day",
         t3="Mission trains election officials", label_type="Content type: Press release"),
    dict(path="fr/secretariat/1", title="Le Secrétaire général se rend à la Mission en Serbie",
         label_date="Date de publication :", date="12 mars 2019", label_where="Où nous sommes :",
         where="Mission de l'OSCE en Serbie",
         body="BELGRADE, 12 mars 2019 - Le Secrétaire général de l'OSCE s'est rendu aujourd'hui à la Mission en "
              "Serbie et a rencontré son personnel à Belgrade pour parler de l'état de droit.",
         body2="La Mission en Serbie a été établie par le Conseil permanent en janvier 2001 et travaille avec les "
               "institutions du pays hôte.",
         related="Actualités liées", t1="La Mission soutient la liberté des médias", t2="La Mission et les Roms",
         t3="La Mission forme des agents électoraux", label_type="Type de contenu : Communiqué de presse"),
    dict(path="ru/secretariat/1", title="Генеральный секретарь посетил Миссию в Сербии",
         label_date="Дата публикации:", date="12 марта 2019 года", label_where="Где мы работаем:",
         where="Миссия ОБСЕ в Сербии",
         body="БЕЛГРАД, 12 марта 2019 года - Генеральный секретарь ОБСЕ посетил сегодня Миссию в Сербии и "
              "встретился с её сотрудниками в Белграде, чтобы обсудить работу Миссии.",
         body2="Миссия в Сербии была учреждена Постоянным советом в январе 2001 года и работает с "
               "учреждениями принимающей страны.",
         related="Другие новости", t1="Миссия поддерживает свободу СМИ", t2="Миссия отмечает День рома",
         t3="Миссия обучает членов избирательных комиссий", label_type="Тип материала: Пресс-релиз"),
]


@pytest.mark.parametrize("fields", ARTICLES, ids=["en", "fr", "ru"])
def test_an_article_with_related_teasers_after_it_is_not_a_listing(fields):
    own = f"{fields['label_date']} {fields['date']}\n{fields['label_where']} {fields['where']}"
    m = map_text(ARTICLE.format(own_fields=own, **fields))
    assert m.kind != "news-listing" and not m.of("ListedItem")
    # without its own field block, its prose before the teasers still says 'article'
    assert map_text(ARTICLE.format(own_fields="", **fields)).kind != "news-listing"


def scores_of(path: Path) -> dict[str, float]:
    """Every kind's score for a file as classify decides on it: the mappers' scores after the page's evidence."""
    source = read_source(path, None)
    page = parse_source(source, source.url or "https://www.osce.org/test")
    ctx = MappingContext(registry())
    return explain(page, ctx).adjusted


def test_no_other_fixture_is_a_listing():
    others = [p for p in sorted(PAGES.glob("*.txt")) + sorted((FIXTURES / "html").glob("*.html"))
              if not p.name.startswith("listing_")]
    assert len(others) > 30
    assert [p.name for p in others if scores_of(p)["news-listing"] > 0] == []


@pytest.mark.parametrize("name", sorted(p.name for p in LISTINGS.iterdir()) +
                         [f"../pages/listing_{lang}.txt" for lang in ("en", "de", "it")])
def test_listing_beats_every_other_kind(name):
    scores = scores_of(LISTINGS / name)
    best_other = max(v for k, v in scores.items() if k != "news-listing")
    assert scores["news-listing"] > best_other and scores["news-listing"] >= 0.9
