"""The --size/--quick flags and per-figure size overrides every benchmark script shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any


def add_size_flags(
    ap: argparse.ArgumentParser, sizes: Mapping[str, Mapping[str, Any]],
    kind: Callable[[str], Any] = int,
) -> None:
    """Add ``--size``, ``--quick`` and one ``--<key>`` override per entry of ``sizes['full']``."""
    ap.add_argument("--size", choices=sorted(sizes), default="full")
    ap.add_argument("--quick", action="store_const", const="quick", dest="size",
                    help="same as --size quick")
    for key in sizes["full"]:
        ap.add_argument(f"--{key.replace('_', '-')}", type=kind, help=f"override {key}")


def chosen_size(args: argparse.Namespace, sizes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The size preset picked by the flags, with any per-key overrides applied."""
    size = dict(sizes[args.size])
    size.update({k: v for k in size if (v := getattr(args, k)) is not None})
    return size
