"""The build's unit of work for an executor (osce_kg/executor.py): one read source file in, its outcome out
(report, URL key, and the N-Quads bytes of its named graph, as a page from the page cache has them). Plain
picklable values on both sides, so the same function runs in this process, in a local pool or on a cluster
(docs/scaling.md); quads cross as bytes, which the store bulk-loads, never as Python objects.

A process maps with the registry it loaded once for the build's settings (`warm`, a pool's initializer;
otherwise on its first page), so a worker that only receives tasks needs nothing else set up.
"""

from __future__ import annotations

from dataclasses import dataclass

from osce_kg.iri import pinned_base
from osce_kg.limits import Limits
from osce_kg.mapping import SourceOutcome, map_source
from osce_kg.page_cache import PageJob
from osce_kg.registry import LazyRegistry, Registry, load_registry, loaded


@dataclass(frozen=True)
class MapSettings:
    """What every page of one build is mapped with, besides the page itself."""

    registry_folder: str
    limits: Limits


_loaded: tuple[MapSettings, Registry] | None = None


def warm(settings: MapSettings, registry: Registry | LazyRegistry | None = None) -> None:
    """Load (or adopt) the registry these settings name, once per process."""
    global _loaded
    if _loaded is None or _loaded[0] != settings:
        _loaded = (settings, loaded(registry) if registry is not None else load_registry(settings.registry_folder))


def prewarm(settings: MapSettings) -> None:
    """What mapping a first page sets up in a process besides `warm`: the mappers' modules (~200 regular
    expressions compiled) and the registry's name index; 0.1 s a worker begun ahead spends while its build
    reads the previous one (osce_kg/build.py `_worker_ahead`)."""
    from osce_kg.classify import mappers
    from osce_kg.context import MappingContext

    warm(settings)
    mappers()
    MappingContext(_loaded[1])


def prewarmed(settings: MapSettings) -> bool:
    """Whether this process has set up mapping for these settings (`prewarm`, or a page mapped)."""
    from osce_kg import classify

    return _loaded is not None and _loaded[0] == settings and classify._MODULES is not None


def map_task(settings: MapSettings, task: PageJob) -> SourceOutcome:
    """Map one page (osce_kg/mapping.py `map_source`: never raises for bad input); its quads come back as
    N-Quads bytes in `nquads`."""
    warm(settings)
    with pinned_base():
        return map_source(task.source, task.display_name, _loaded[1], settings.limits, task.url)
