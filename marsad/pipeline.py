"""The pipeline: named stages over one Doc, registered with @stage and checked when assembled.

A stage factory takes the Settings and returns a callable Doc -> Doc. It declares the layers
it requires and the layers it assigns; `Pipeline` refuses an order in which a stage would run
before what it requires, and checks at run time that each stage returns a Doc.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from marsad.errors import PipelineError
from marsad.settings import Settings
from marsad.text.doc import Doc

StageFn = Callable[[Doc], Doc]
StageFactory = Callable[[Settings], StageFn]

# Modules whose import registers the built-in stages (one stage per module).
BUILTIN_MODULES: tuple[str, ...] = (
    "marsad.text.sentences",
    "marsad.text.tokens",
    "marsad.recognise.times",        # issue 3
    "marsad.recognise.figures",      # issue 3
    "marsad.recognise.entities",     # issue 4
    "marsad.resolve.roles",          # issue 4
    "marsad.recognise.quotes",       # issue 5
    "marsad.recognise.events",       # issue 5
)


@dataclass(frozen=True)
class StageSpec:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: StageFactory


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under `name`."""
    def register(factory: StageFactory) -> StageFactory:
        REGISTRY[name] = StageSpec(name, tuple(requires), tuple(assigns), factory)
        return factory
    return register


def load_builtin_stages() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


class Pipeline:
    """An ordered, checked list of stages.

    Example:
        pipe = Pipeline(["sentences"], Settings())
        doc = pipe(Doc("..."))
    """

    def __init__(self, names: Iterable[str], settings: Settings) -> None:
        load_builtin_stages()
        self.names = tuple(names)
        available: set[str] = set()
        self._stages: list[tuple[str, StageFn]] = []
        for name in self.names:
            spec = REGISTRY.get(name)
            if spec is None:
                raise PipelineError(f"unknown stage {name!r}; known: {', '.join(sorted(REGISTRY))}")
            missing = [layer for layer in spec.requires if layer not in available]
            if missing:
                raise PipelineError(f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns")
            available.update(spec.assigns)
            self._stages.append((name, spec.factory(settings)))
        self.timings: dict[str, float] | None = None  # set to {} to accumulate seconds per stage (bench/)

    def __call__(self, doc: Doc) -> Doc:
        for name, fn in self._stages:
            if self.timings is not None:
                started = time.perf_counter()
                result = fn(doc)
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
            else:
                result = fn(doc)
            if not isinstance(result, Doc):
                raise PipelineError(f"stage {name!r} returned {type(result).__name__}, not Doc")
            doc = result
        return doc
