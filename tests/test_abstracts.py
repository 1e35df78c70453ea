"""Abstracts, topic descriptions and titles come from body prose only: never a menu word, a field label, a
sub-heading, a dateline, a reference line, a short list lead-in or a photo's alt text."""

from __future__ import annotations

import pytest

from osce_kg.page import Block, abstract_of, build_page, is_prose
from osce_kg.sources import SourceFile


@pytest.mark.parametrize("text", [
    "Overview", "Mandate", "Tasks", "Aperçu", "Aufgaben", "Задачи",
    "When", "Where", "Organized by", "Дата:", "Lieu :", "Fields of work:",
    "History of OSCE engagement in Kosovo",
    "VIENNA, 3 January 2001",
    "Permanent Council, 16 March 1995, Journal No. 12, Point 5 PC.DEC/28.",
    "The Permanent Council decided:",
    "A person in an OSCE jacket talks with an elderly woman in a rural setting.",
    "Une femme en veste de l'OSCE parle avec des enfants devant une école.",
    "Ein Polizist der OSZE-Mission spricht mit Schülern vor einer Schule in der Stadt.",
])
def test_not_prose(text):
    assert not is_prose(text)


@pytest.mark.parametrize("text", [
    "The OSCE Mission in Kosovo was established by the OSCE Permanent Council on 1 July 1999.",
    "La Mission de l'OSCE en Moldavie a été établie en 1993 pour faciliter un règlement politique durable.",
    "Die OSZE-Mission in Moldau wurde 1993 eingerichtet und arbeitet für eine politische Lösung.",
    "Миссия ОБСЕ в Молдове была учреждена в 1993 году для содействия политическому урегулированию.",
    "VIENNA, 18 July 2017 - Following a five-day silence procedure, the OSCE Ministerial Council adopted today "
    "by consensus the decisions on the appointments of:",
])
def test_prose(text):
    assert is_prose(text)


def test_the_abstract_is_the_first_prose_paragraph():
    paragraphs = ["Overview", "When", "Дата:", "A group of pupils in front of a school in a village.",
                  "The Mission supports the host country in all three dimensions of security and co-operation."]
    assert abstract_of(paragraphs) == paragraphs[-1]
    assert abstract_of(["Overview", "Tasks"]) is None


@pytest.mark.parametrize("section, title", [
    ("Resources", "What is the OSCE Ministerial Council?"),
    ("Ressources", "Qu'est-ce que le Conseil ministériel de l'OSCE ?"),
    ("Ressourcen", "Was ist der OSZE-Ministerrat?"),
])
def test_a_section_header_above_the_title_is_not_the_title(section, title):
    source = SourceFile(path="t.txt", text="", sha256="0" * 64, format="text", url=None)
    body = "The Ministerial Council is the central decision-making and governing body of the OSCE."
    page = build_page(source, "https://www.osce.org/test/t",
                      [], [Block("paragraph", section), Block("paragraph", title), Block("paragraph", body)])
    assert page.title == title and section in page.chrome
