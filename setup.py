"""Build hook: compile the detection hot path with Cython; plain Python wherever that fails.

Everything else about the package is declared in ``pyproject.toml``. The modules below are the
per-candidate hot path (trigger passes, shape walks, recogniser scoring). They are ordinary
Python: Cython compiles them unchanged to C extension modules, which the import system prefers to
the ``.py`` beside them, and the detection results are the same (``tests/test_compiled.py`` runs
both builds on one corpus). Each extension is optional: without a C compiler, or with
``PII_SCAN_PURE=1`` in the environment, the package installs and runs as plain Python, only
slower. ``scanner.build_info`` tells which build is loaded.
"""

from __future__ import annotations

import os
import runpy

from setuptools import setup

#: Modules compiled by Cython: one list, read here and by the CLI's staleness check.
_HERE = os.path.dirname(os.path.abspath(__file__))
COMPILED = runpy.run_path(os.path.join(_HERE, "scanner", "build_info.py"))["COMPILED_MODULES"]


def extensions() -> list:
    """The Cython extensions, each optional; none when Cython is missing or PII_SCAN_PURE is set."""
    if os.environ.get("PII_SCAN_PURE", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # a build without the build requirements (e.g. --no-build-isolation)
        return []
    built = cythonize(
        [name.replace(".", "/") + ".py" for name in COMPILED],
        language_level=3,
        quiet=True,
        build_dir="build/cython",  # generated C stays out of the source tree
        nthreads=os.cpu_count() or 1,
        # Plain Python semantics: annotations stay hints (no C typing of int/float arguments).
        compiler_directives={"annotation_typing": False, "embedsignature": True},
    )
    for extension in built:
        extension.optional = True  # a compiler error leaves that module as plain Python
    return built


if __name__ == "__main__":
    setup(ext_modules=extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
