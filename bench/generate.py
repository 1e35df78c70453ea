"""Write N synthetic osce.org pages in the corpus text-dump format, for benchmarks of the real pipeline.

Pages name true registry entities (mappings/reference/*.csv) in the six languages: navigation blocks
(participating States, Partners, field operations, posts, meetings), topic pages with a title and text
that mention States and bodies, and generic pages. Each page has its own source URL, so each becomes a
page graph. Deterministic for a given --seed.

    python bench/generate.py 2000 /tmp/bench-pages
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from osce_kg.language import LANGUAGES
from osce_kg.registry import load_registry

HEADINGS = {
    "en": ("Participating States", "Field operations", "Leadership", "Meetings and conferences", "Our work"),
    "fr": ("États participants", "Opérations de terrain", "Direction", "Réunions et conférences", "Notre action"),
    "de": ("Teilnehmerstaaten", "Feldoperationen", "Leitung", "Treffen und Konferenzen", "Unsere Arbeit"),
    "it": ("Stati partecipanti", "Operazioni sul terreno", "Direzione", "Riunioni e conferenze", "Il nostro lavoro"),
    "ru": ("Государства-участники", "Полевые операции", "Руководство", "Совещания и конференции", "Наша работа"),
    "es": ("Estados participantes", "Operaciones sobre el terreno", "Dirección", "Reuniones y conferencias",
           "Nuestra labor"),
}
SENTENCES = {
    "en": "The OSCE works with {a} and {b} on {t}, as agreed in {y}.",
    "fr": "L'OSCE travaille avec {a} et {b} sur {t}, comme convenu en {y}.",
    "de": "Die OSZE arbeitet mit {a} und {b} an {t}, wie {y} vereinbart.",
    "it": "L'OSCE lavora con {a} e {b} su {t}, come concordato nel {y}.",
    "ru": "ОБСЕ работает с {a} и {b} по теме {t}, как было согласовано в {y} году.",
    "es": "La OSCE trabaja con {a} y {b} en {t}, según lo acordado en {y}.",
}


def name(entity, lang: str) -> str:
    return entity.names.get(lang) or entity.name


def page(n: int, rng: random.Random, registry) -> tuple[str, str]:
    lang = LANGUAGES[n % len(LANGUAGES)]
    kind = ("topic", "navigation", "generic")[n % 3]
    participating = {m.member.key for m in registry.memberships if m.role == "participating-state" and not m.end}
    states = [s for s in registry.of_type("country") if s.ref.key in participating]  # true menus only
    topics = registry.of_type("topic")
    ops = registry.of_type("field-operation")
    posts = registry.of_type("post")
    meetings = registry.of_type("meeting-series")
    bodies = registry.of_type("body")
    head = HEADINGS[lang]
    lines = [f"# source: https://www.osce.org/{lang}/bench/{kind}/{n}", "-", head[4]]
    lines += [f"- {name(t, lang)}" for t in rng.sample(topics, min(3, len(topics)))]
    lines += ["-", head[0]] + [f"- {name(s, lang)}" for s in rng.sample(states, min(8, len(states)))]
    if kind != "generic":
        lines += ["-", head[1]] + [f"- {name(o, lang)}" for o in rng.sample(ops, min(4, len(ops)))]
        lines += ["-", head[2]] + [f"- {name(p, 'en')}" for p in rng.sample(posts, min(2, len(posts)))]
        lines += ["-", head[3]] + [f"- {name(m, lang)}" for m in rng.sample(meetings, min(3, len(meetings)))]
    if kind == "navigation":
        return f"{n:06d}_{lang}_navonly.txt", "\n".join(lines) + "\n"
    topic = rng.choice(topics)
    lines.append(name(topic, lang) if kind == "topic" else f"{name(rng.choice(bodies), lang)} {n}")
    for _ in range(4):
        a, b = rng.sample(states, 2)
        lines.append(SENTENCES[lang].format(a=name(a, lang), b=name(b, lang), t=name(topic, lang),
                                            y=rng.randint(1975, 2024)))
    return f"{n:06d}_{lang}_{kind}.txt", "\n".join(lines) + "\n"


def generate(count: int, out: Path, seed: int = 1, start: int = 0) -> list[Path]:
    registry = load_registry()
    if not registry.entities:
        raise SystemExit("the registry (mappings/reference/*.csv) is empty: nothing true to write about")
    rng = random.Random(seed * 1_000_003 + start)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(start, start + count):
        file_name, text = page(n, rng, registry)
        path = out / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("count", type=int, help="number of pages")
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"wrote {len(generate(args.count, args.out, args.seed))} pages to {args.out}")


if __name__ == "__main__":
    main()
