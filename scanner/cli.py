"""The ``pii-scan`` command line: parse flags, build one Settings, run the scan, print the summary.

Exit codes (named constants, a contract):

* ``EXIT_OK`` (0): every location was scanned (binary files recorded as skipped count as scanned);
* ``EXIT_PARTIAL`` (1): the scan finished but some locations failed (rows with status error);
* ``EXIT_USAGE`` (2): a usage or configuration error; nothing was scanned;
* ``EXIT_INTERRUPTED`` (130): Ctrl-C; the inventory holds what finished, ``scan.json`` says so.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from recognizers.registry import entity_names
from scanner import logging_setup, summary
from scanner.inventory import InventoryDirError
from scanner.location_mask import LocationMasker
from scanner.progress import make_progress
from scanner.runner import STATUS_INTERRUPTED, ScanReport, run_scan
from scanner.settings import ConfigError, Settings, load_settings
from scanner.sources import SourceUriError, scheme_for

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DEFAULT_DEMO_OUT = "pii-scan-demo"


class UsageError(ValueError):
    """A flag or argument is wrong (exit code 2, nothing scanned)."""


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``pii-scan`` (subcommands ``scan`` and ``demo``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--workers", type=_positive_int, metavar="N",
                        help="parallel worker processes (default: number of cores)")
    common.add_argument("--quiet", action="store_true", default=None,
                        help="no progress bar and no summary; only errors are logged")
    common.add_argument("--log-level", choices=logging_setup.LEVELS,
                        help="log level on stderr (logs never contain values)")
    parser = argparse.ArgumentParser(prog="pii-scan", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scan", parents=[common], help="scan folders, files and databases")
    scan.add_argument("uris", nargs="+", metavar="URI",
                      help="local path, file:// URI or SQLAlchemy URL (sqlite:///app.db)")
    scan.add_argument("--out", required=True, metavar="DIR", help="inventory directory")
    scan.add_argument("--config", metavar="FILE", help="YAML file with settings (see defaults)")
    rows = scan.add_mutually_exclusive_group()
    rows.add_argument("--full", action="store_true", default=None, help="read every row")
    rows.add_argument("--sample-rows", type=_non_negative_int, metavar="N",
                      help="rows read per table / CSV file (default 10000)")
    scan.add_argument("--only", metavar="TYPES", help="comma-separated entity types to report")
    scan.add_argument("--min-score", type=float, metavar="X", help="minimum score, 0..1")
    scan.add_argument("--exclude", nargs="+", action="extend", metavar="GLOB",
                      help="glob(s) of paths, or schema.table[.column] patterns of databases, "
                           "to leave out (put after the URIs)")
    scan.add_argument("--include", nargs="+", action="extend", metavar="PATTERN",
                      help="database schema.table[.column] patterns to read (default: all)")
    scan.add_argument("--table-timeout", type=_positive_int, metavar="SECONDS",
                      help="time limit per database table (default 300)")
    scan.set_defaults(handler=_cmd_scan)
    demo = sub.add_parser("demo", parents=[common], help="generate a synthetic estate and scan it")
    demo.add_argument("--out", default=DEFAULT_DEMO_OUT, metavar="DIR",
                      help=f"where estate/ and inventory/ go (default ./{DEFAULT_DEMO_OUT})")
    demo.set_defaults(handler=_cmd_demo)
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Flags -> ``load_settings(config, flags)``; validates entity names of ``only``."""
    flags: dict[str, Any] = {"workers": args.workers, "quiet": args.quiet}
    if args.command == "scan":
        # --sample-rows and --full are one choice: either flag overrides both config keys.
        full = False if args.sample_rows is not None and args.full is None else args.full
        flags.update(full=full, sample_rows=args.sample_rows, min_score=args.min_score,
                     exclude=tuple(args.exclude) if args.exclude else None,
                     include=tuple(args.include) if args.include else None,
                     table_timeout=args.table_timeout,
                     only=_parse_only(args.only) if args.only is not None else None)
    settings = load_settings(getattr(args, "config", None), flags)
    unknown = sorted(set(settings.only) - set(entity_names()))
    if unknown:
        raise ConfigError(f"'only': unknown entity type(s) {', '.join(unknown)}; "
                          f"known: {', '.join(entity_names())}")
    return settings


def _parse_only(text: str) -> tuple[str, ...]:
    names = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    if not names:
        raise UsageError("--only needs at least one entity type")
    unknown = [n for n in names if n not in entity_names()]
    if unknown:
        raise UsageError(f"--only: unknown entity type(s) {', '.join(unknown)}; "
                         f"known: {', '.join(entity_names())}")
    return names


def check_uris(uris: Sequence[str], show: Callable[[str], str | None] = str) -> None:
    """Reject unknown schemes and local paths that do not exist (before anything is scanned).

    ``show`` masks identifiers in the path of the message (a folder named after a CPR).
    """
    for uri in uris:
        if scheme_for(uri) != "local":
            continue
        path = Path(unquote(urlsplit(uri).path)) if uri.startswith("file://") else Path(uri)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{show(uri)}: no such file or directory")


def _cmd_scan(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    check_uris(args.uris, LocationMasker(settings))
    report = run_scan(args.uris, settings, args.out, make_progress(settings.quiet))
    return _finish(report, settings.quiet)


def _cmd_demo(args: argparse.Namespace) -> int:
    from scanner.demo import run_demo  # builds Faker data: only load it when asked

    settings = settings_from_args(args)
    try:
        report = run_demo(Path(args.out), settings, make_progress(settings.quiet))
    except FileExistsError as exc:
        raise UsageError(str(exc)) from None
    return _finish(report, settings.quiet)


def _finish(report: ScanReport, quiet: bool) -> int:
    # --quiet is for scheduled runs: no progress bar and no summary; the exit code and the
    # inventory say how it went.
    if not quiet:
        print(summary.render(report.totals, report.out_dir, report.status, report.scan_id))
    if report.status == STATUS_INTERRUPTED:
        return EXIT_INTERRUPTED
    return EXIT_PARTIAL if report.failed else EXIT_OK


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (kill, a scheduler) stops the scan like Ctrl-C does


def _on_sigterm(handler: Any) -> Any:
    """Install a SIGTERM handler; returns the previous one (no-op outside the main thread)."""
    try:
        return signal.signal(signal.SIGTERM, handler)
    except (ValueError, TypeError):  # not the main thread, or no previous Python handler
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pii-scan`` console script; returns the exit code.

    SIGTERM is handled like Ctrl-C (what finished is written, marked interrupted, exit 130).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error (or --help)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    logging_setup.configure(args.log_level, quiet=bool(args.quiet))
    handler: Callable[[argparse.Namespace], int] = args.handler
    previous = _on_sigterm(_terminate_as_interrupt)
    try:
        return handler(args)
    except (ConfigError, UsageError, SourceUriError, InventoryDirError) as exc:
        print(f"pii-scan: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # outside the scan itself (e.g. while generating the demo)
        print("pii-scan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        _on_sigterm(previous)


if __name__ == "__main__":
    sys.exit(main())
