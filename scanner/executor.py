"""The one place parallelism lives: scan units on a local process pool, results streamed back.

* ``workers == 1`` (or a single unit) runs in this process, no pool.
* Otherwise a ``ProcessPoolExecutor`` with a bounded number of units in flight: workers are
  ``fork``-ed from this process on Linux while it has a single thread (they inherit its warm
  engine), else started from a ``forkserver`` (else ``spawn``): never plain ``fork`` of a process
  with threads.
* A worker that dies (segfault, OOM killer, ``os._exit``) breaks the pool: results that finished
  are kept, the units that were in flight become *suspects* and are re-run one at a time on a fresh
  one-worker pool; a suspect that kills its worker again gets an error row ``worker_crashed``, the
  others their real results. The remaining units continue on a new pool.
* KeyboardInterrupt propagates to the caller after the pool is shut down and its workers ended
  (workers ignore SIGINT so that only the parent decides what happens on Ctrl-C).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from scanner import logging_setup, pipeline
from scanner.inventory.aggregate import LocationResult, UnitResult
from scanner.model import STATUS_ERROR, ScanUnit
from scanner.settings import Settings

log = logging.getLogger(__name__)

WORKER_CRASHED = "worker_crashed"
_IN_FLIGHT_PER_WORKER = 2

_worker_settings: Settings | None = None


Results = Generator[tuple[ScanUnit, UnitResult], None, None]


def run_units(units: Sequence[ScanUnit], settings: Settings) -> Results:
    """Scan ``units``; yield ``(unit, result)`` as each finishes (in completion order)."""
    if settings.workers <= 1 or len(units) <= 1:
        engine = pipeline.engine_for(settings)
        for unit in units:
            yield unit, pipeline.scan_unit(unit, settings, engine)
        return
    pending = deque(sorted(units, key=lambda u: -(u.size or 0)))  # big first: better balance
    while pending:
        suspects = yield from _pool_pass(pending, settings)
        for unit in suspects:
            yield unit, _run_isolated(unit, settings)


def _init_worker(settings: Settings, log_level: int, crash_on: str | None) -> None:
    global _worker_settings
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging_setup.configure(logging.getLevelName(log_level).lower())
    _worker_settings = settings
    pipeline.mark_worker(crash_on)
    try:
        pipeline.engine_for(settings)
    except Exception:  # scan_unit builds it again and records the error per unit
        log.exception("building the engine failed in a worker")


def _die_with_parent() -> None:
    """Linux: have the kernel end this worker when its parent dies (``PR_SET_PDEATHSIG``).

    A scan killed with SIGKILL (the OOM killer, a job scheduler's timeout) cannot stop its pool;
    without this its workers would go on reading databases and shares for nobody. The parent is
    the scanning process (``fork``) or its forkserver, which exits when the scanning process
    does. Elsewhere, or without libc, the pool's own shutdown is all there is.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        parent = os.getppid()
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _work(unit: ScanUnit) -> UnitResult:
    assert _worker_settings is not None, "worker not initialised"
    return pipeline.scan_unit(unit, _worker_settings)


def _new_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    ctx = _start_context(settings)
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["scanner.pipeline", "scanner.worker_preload"])
    level = logging.getLogger("scanner").getEffectiveLevel()
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(settings, level, os.environ.get(pipeline.CRASH_ENV)))


def _start_context(settings: Settings) -> multiprocessing.context.BaseContext:
    """How to start workers: ``fork`` from this process when that is safe, else ``forkserver``.

    Forking is safe on Linux while this process has a single thread (no lock can be held by a
    thread that does not exist in the child): the workers then share this process's imported
    modules and its warmed engine (built here first) instead of importing and building their own,
    which saves about a second and a half of start-up per pool. With any other thread alive (a
    progress bar, a pool being shut down) the ``forkserver`` is used, as on other platforms.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        try:
            pipeline.engine_for(settings)
        except Exception:  # each worker builds (and reports) it again
            log.debug("building the engine before forking failed", exc_info=True)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _pool_pass(
    pending: deque[ScanUnit], settings: Settings
) -> Generator[tuple[ScanUnit, UnitResult], None, list[ScanUnit]]:
    """Run ``pending`` on one pool until it is empty or the pool breaks; return the suspects."""
    pool = _new_pool(settings, min(settings.workers, max(1, len(pending))))
    inflight: dict[Future[UnitResult], ScanUnit] = {}
    suspects: list[ScanUnit] = []
    try:
        while (pending and not suspects) or inflight:
            while pending and not suspects and len(inflight) < _window(settings):
                unit = pending.popleft()
                try:
                    inflight[pool.submit(_work, unit)] = unit
                except BrokenProcessPool:  # broke before anything ran: the unit is a suspect
                    suspects.append(unit)
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                unit = inflight.pop(fut)
                result = _result_of(fut, unit)
                if result is None:
                    suspects.append(unit)
                else:
                    yield unit, result
    finally:
        # After a crash every other in-flight future has failed too; on Ctrl-C or an error the
        # workers may be mid-unit: in both cases end them rather than wait.
        _shutdown(pool, kill=bool(suspects or inflight))
    if suspects:
        log.warning("a worker process died; re-running %d unit(s) one at a time", len(suspects))
    return suspects


def _result_of(fut: Future[UnitResult], unit: ScanUnit) -> UnitResult | None:
    """The unit's result; None when the pool broke under it; an error row for other failures."""
    try:
        return fut.result()
    except BrokenProcessPool:
        return None
    except Exception as exc:  # e.g. a result that could not be pickled back
        return _error_result(unit, type(exc).__name__, pipeline.safe_message(exc))


def _run_isolated(unit: ScanUnit, settings: Settings) -> UnitResult:
    pool = _new_pool(settings, 1)
    try:
        result = _result_of(pool.submit(_work, unit), unit)
    except BrokenProcessPool:
        result = None
    finally:
        _shutdown(pool, kill=True)
    if result is None:
        log.error("a worker process died scanning one unit; recorded as %s", WORKER_CRASHED)
        return _error_result(unit, WORKER_CRASHED, "the worker process scanning this location died")
    return result


def _error_result(unit: ScanUnit, error_type: str, message: str) -> UnitResult:
    row = LocationResult(unit.location, unit.source_type, STATUS_ERROR, error_type, message,
                         last_modified=unit.last_modified)
    return UnitResult(row, [], unit.range_start, unit.range_end)


def _shutdown(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Stop ``pool``; with ``kill`` end its workers instead of waiting for running units."""
    if not kill:
        pool.shutdown(wait=True)
        return
    # ProcessPoolExecutor has no public way to end busy workers; its ``_processes`` map (stable
    # since Python 3.2) lists exactly the worker processes this pool started.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def _window(settings: Settings) -> int:
    return settings.workers * _IN_FLIGHT_PER_WORKER
