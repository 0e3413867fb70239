"""One SQLAlchemy engine per process and database URL, with exactly one pooled connection.

"One connection per worker": a worker reuses its connection from table to table (a ping before
each use replaces one that was killed); the parent releases its listing connection before the
workers start. SQLite engines are not kept (the file is opened read-only, ``mode=ro``, and never
created). Engines are disposed at exit: ``atexit`` in the main process and multiprocessing's
finalizers in pool workers (they leave through ``os._exit``, which skips atexit).
"""

from __future__ import annotations

import atexit
import multiprocessing.util
import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import NullPool

from scanner.settings import Settings
from scanner.sources.sql_dialects import dialect_for
from scanner.sources.sql_url import connect_url

_engines: dict[tuple[str, int, int], Engine] = {}


def engine_for(url: URL, settings: Settings) -> Engine:
    """This process's engine for ``url`` (one pooled connection); SQLite read-only, not kept
    (it has no connection worth keeping)."""
    if url.get_backend_name() == "sqlite":
        return _create_engine(url, settings)
    key = _engine_key(url, settings)
    engine = _engines.get(key)
    if engine is None:
        _register_cleanup()
        engine = _engines[key] = _create_engine(connect_url(url, settings), settings)
    return engine


def _engine_key(url: URL, settings: Settings) -> tuple[str, int, int]:
    target = connect_url(url, settings).render_as_string(hide_password=False)
    return target, settings.connect_timeout, settings.table_timeout


def sqlite_text(raw: bytes) -> str:
    """A SQLite TEXT value: UTF-8, else cp1252 (SQLite stores whatever bytes it was given).

    sqlite3's default decoder raises on the first undecodable cell, which would lose the whole
    table; this reads it as the file extractors read text (UTF-8, cp1252 fallback).
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _sqlite_connect(target: str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, uri=True, check_same_thread=False)
    connection.text_factory = sqlite_text
    return connection


def _create_engine(url: URL, settings: Settings) -> Engine:
    if url.get_backend_name() == "sqlite":
        target = Path(url.database or "").as_uri() + "?mode=ro"
        return sa.create_engine(
            "sqlite://", poolclass=NullPool, creator=lambda: _sqlite_connect(target)
        )
    dialect = dialect_for(url.get_backend_name())
    engine = sa.create_engine(
        url, pool_size=1, max_overflow=0, pool_pre_ping=True,
        pool_timeout=settings.connect_timeout, connect_args=dialect.connect_args(settings),
    )
    dialect.install(engine, settings)
    return engine


def release_engine(url: URL, settings: Settings) -> None:
    """Close the pooled connection of ``url`` in this process (after listing)."""
    engine = _engines.pop(_engine_key(url, settings), None)
    if engine is not None:
        engine.dispose()


def dispose_engines() -> None:
    """Close every pooled connection of this process (at exit; tests call it too)."""
    while _engines:
        _engines.popitem()[1].dispose()


_cleanup_pid: int | None = None


def _register_cleanup() -> None:
    """Dispose at exit, once per process (see the module docstring)."""
    global _cleanup_pid
    if _cleanup_pid != os.getpid():
        _cleanup_pid = os.getpid()
        atexit.register(dispose_engines)
        multiprocessing.util.Finalize(None, dispose_engines, exitpriority=0)


def _forget_after_fork() -> None:
    """A forked worker must never use the parent's pooled connections: it drops them unclosed
    (SQLAlchemy's ``dispose(close=False)``) and opens its own (the executor forks workers)."""
    while _engines:
        _engines.popitem()[1].dispose(close=False)


os.register_at_fork(after_in_child=_forget_after_fork)
