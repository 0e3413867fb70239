"""The four detectors the engine benchmark races, behind one small interface, and the offline guard.

* ``pii-scan/hyperscan``, ``pii-scan/re``: ``scanner.engine.Engine`` with ``prefilter`` forced.
  Free text goes in as one :class:`scanner.model.Piece` per document; cells go in the way the
  pipeline feeds an SQL/CSV column: 2,000 values of one column joined with ``\\n`` into one
  Piece whose field is the column name (so the column name is context, as in a real scan).
* ``presidio+ours``: Presidio's ``AnalyzerEngine`` (``no_op`` NLP engine) whose registry holds
  only pii-scan's nine recognisers; one ``analyze()`` per document / per cell.
* ``presidio``: vanilla ``AnalyzerEngine``: ``no_op`` NLP engine, default registry, language en.

Every contestant counts detections with score >= the configured ``min_score`` (Presidio is called
with ``score_threshold`` = that value), so counts are comparable.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.inputs import Cells

CELLS_PER_PIECE = 2_000
NAMES: tuple[str, ...] = ("pii-scan/hyperscan", "pii-scan/re", "presidio+ours", "presidio")
VANILLA = "presidio"


def isolate_home() -> Path:
    """Point HOME and the XDG/tldextract caches at a fresh temp dir (belt to the offline braces).

    Must run before presidio/tldextract are imported: tldextract picks its cache dir at import.
    """
    home = Path(tempfile.mkdtemp(prefix="pii-bench-home-"))
    os.environ["HOME"] = str(home)
    os.environ["XDG_CACHE_HOME"] = str(home / ".cache")
    os.environ["TLDEXTRACT_CACHE"] = str(home / ".cache" / "tldextract")
    os.environ["TLDEXTRACT_CACHE_TIMEOUT"] = "0.01"
    return home


class NetworkBlocked(OSError):
    """Raised when anything in the benchmark tries to open a network connection."""


NETWORK_ATTEMPTS: list[str] = []


def block_network() -> None:
    """Make every outgoing connection fail at once and count the attempts (reported at the end)."""
    def refuse(*args: Any, **kwargs: Any) -> Any:
        NETWORK_ATTEMPTS.append(str(args[:1])[:80])
        raise NetworkBlocked("network disabled by the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def make_offline() -> str:
    """Stop Presidio fetching the public suffix list; returns which guard was used."""
    try:
        from recognizers.offline import make_presidio_offline
    except ImportError:
        import tldextract
        import tldextract.tldextract as tx

        # Fallback until recognizers.offline exists: tldextract's bundled snapshot, no cache.
        tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        return "bench fallback (recognizers.offline missing)"
    make_presidio_offline()
    return "recognizers.offline.make_presidio_offline"


def recognizers() -> tuple[tuple[Any, ...], list[str]]:
    """pii-scan's recognisers that import, in registry order, and the modules that do not.

    While the recognisers are being written the benchmark runs with those that exist (and says
    so); once all nine import this is exactly ``default_recognizers()``.
    """
    from importlib import import_module

    from recognizers.registry import RECOGNIZER_CLASSES, default_recognizers

    missing = []
    for module, cls in RECOGNIZER_CLASSES:
        try:
            getattr(import_module(module), cls)
        except Exception as exc:  # a module not written yet, or broken: report it, run the rest
            missing.append(f"{module} ({type(exc).__name__})")
    if not missing:
        return default_recognizers(), []
    found = [getattr(import_module(m), c)() for m, c in RECOGNIZER_CLASSES
             if not any(x.startswith(m + " ") for x in missing)]
    return tuple(found), missing


def _settings(backend: str | None = None) -> Any:
    from scanner.settings import load_settings

    return load_settings(flags={"prefilter": backend} if backend else None)


def min_score() -> float:
    """The threshold every contestant counts with (the packaged default ``min_score``)."""
    try:
        return float(_settings().min_score)
    except Exception:  # settings missing or broken: fall back to the documented default
        return 0.4


class Contestant:
    """A detector: ``free(docs)`` and ``cells(table)`` run it and return counts per entity."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.threshold = min_score()
        self.free: Callable[[Iterable[str]], Counter[str]]
        self.cells: Callable[[Cells], Counter[str]]
        if name.startswith("pii-scan/"):
            self._build_engine(name.split("/", 1)[1])
        else:
            self._build_presidio(ours=name == "presidio+ours")

    def _build_engine(self, backend: str) -> None:
        from scanner.engine import Engine
        from scanner.gc_policy import tune_gc
        from scanner.model import Piece

        engine = Engine(_settings(backend), recognizers=recognizers()[0])
        tune_gc()  # the collector settings of every pii-scan scanning process (engine_for)

        def free(docs: Iterable[str]) -> Counter[str]:
            return Counter(m.entity_type for d in docs for m in engine.scan_piece(Piece(text=d)))

        def cells(table: Cells) -> Counter[str]:
            found: Counter[str] = Counter()
            for index, column in enumerate(table.columns):
                values = table.column(index)
                for lo in range(0, len(values), CELLS_PER_PIECE):
                    piece = Piece(text="\n".join(values[lo : lo + CELLS_PER_PIECE]), field=column,
                                  first_unit=lo)
                    found.update(m.entity_type for m in engine.scan_piece(piece))
            return found

        self.free, self.cells = free, cells

    def _build_presidio(self, ours: bool) -> None:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        nlp = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
        }).create_engine()
        registry = None
        if ours:
            registry = RecognizerRegistry(supported_languages=["en"])
            for recognizer in recognizers()[0]:
                registry.add_recognizer(recognizer)
        analyzer = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
        thr = self.threshold
        if os.environ.get("BENCH_PRESIDIO_TUNED_GC"):  # fairness check: pii-scan's GC settings
            from scanner.gc_policy import tune_gc

            tune_gc()

        def analyze(texts: Iterable[str]) -> Counter[str]:
            return Counter(r.entity_type for t in texts
                           for r in analyzer.analyze(text=t, language="en", score_threshold=thr))

        self.free = analyze
        self.cells = lambda table: analyze(table.flat())


def availability() -> dict[str, str | None]:
    """Per contestant: None when it can run, else why not (a module not written yet, ...)."""
    out: dict[str, str | None] = {}
    for name in NAMES:
        try:
            if name.startswith("pii-scan/"):
                from scanner.engine import Engine  # noqa: F401
                from scanner.engine.prefilter import hyperscan_available

                if name.endswith("hyperscan") and not hyperscan_available():
                    raise ImportError("hyperscan does not import on this machine")
            if name != VANILLA and not recognizers()[0]:
                raise ImportError("no recogniser imports yet")
            out[name] = None
        except Exception as exc:  # report, don't crash: the other contestants still run
            out[name] = f"{type(exc).__name__}: {exc}"[:120]
    return out
