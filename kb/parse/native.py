"""The parser's hot modules compiled to C (mypyc), and the loader that uses them only while
they are the build of the sources beside them.

The modules of ``COMPILED`` are plain, type-checked Python. ``main`` compiles them with mypyc
into a directory (``make install`` does it into the virtual environment's ``kb-native``), with a stamp that names the digest of every source of ``kb/parse`` and of
``kb/models.py``. When the package is imported, ``install`` puts a finder in front of the
import system that loads those modules from ``DIR`` — but only when the stamp's digest is
that of the sources as they are now and the build is for this interpreter. Any edit of a
parser source, a missing or broken build, or ``KB_PURE_PYTHON=1`` in the environment, and the
Python sources run instead: the compiled form never answers for code other than its own.
The two give the same output (a test compares them on real text).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# the modules where the parser spends its time: the scans and the completion of citations
COMPILED = (
    "kb.parse.extract",
    "kb.parse.context",
    "kb.parse.refs",
    "kb.parse.dates",
    "kb.parse.textutil",
    "kb.parse.selfrefs",
    "kb.parse.laws",
    "kb.parse.header",
    "kb.parse.pageheads",
)
DEFAULT_DIR = Path(sys.prefix) / "kb-native"
PURE_ENV = "KB_PURE_PYTHON"
DIR_ENV = "KB_NATIVE_DIR"
_STAMP = "stamp.json"
_PACKAGE_DIR = Path(__file__).resolve().parent
_KB_DIR = _PACKAGE_DIR.parent


def sources_digest() -> str:
    """The digest of what a build is made from: every module of ``kb/parse`` (the compiled
    ones and those they call) and the models."""
    h = hashlib.sha256()
    for path in [*sorted(_PACKAGE_DIR.glob("*.py")), _KB_DIR / "models.py"]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def native_dir() -> Path:
    return Path(os.environ.get(DIR_ENV) or DEFAULT_DIR)


class _NativeFinder:
    """Finds the compiled modules (and mypyc's shared library) in the build directory: a
    finder of ``sys.meta_path`` (``importlib.abc`` is not imported for its base class, which
    would cost a CLI start five milliseconds)."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.files.get(fullname)
        return None if file is None else importlib.util.spec_from_file_location(fullname, file)


def install() -> bool:
    """Load the compiled modules from now on, when a build of the current sources for this
    interpreter is there; True when it is. Does nothing under ``KB_PURE_PYTHON=1``."""
    if os.environ.get(PURE_ENV) or any(isinstance(f, _NativeFinder) for f in sys.meta_path):
        return False
    directory = native_dir()
    try:
        stamp = json.loads((directory / _STAMP).read_text("utf-8"))
        fresh = (
            stamp["cache_tag"] == sys.implementation.cache_tag
            and stamp["digest"] == sources_digest()
        )
        files = {name: directory / file for name, file in stamp["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not fresh or not all(f.is_file() for f in files.values()):
        return False
    sys.meta_path.insert(0, _NativeFinder(files))
    return True


def is_native(module: ModuleType) -> bool:
    """Whether a module was loaded from a compiled build."""
    return not str(getattr(module, "__file__", "")).endswith(".py")


def build(target: Path) -> None:
    """Compile ``COMPILED`` with mypyc into ``target`` (replaced whole once the build is done,
    so a failed build leaves the one before). Raises ``BuildError`` with mypyc's last words."""
    import shutil
    import subprocess
    import tempfile

    digest = sources_digest()
    with tempfile.TemporaryDirectory(prefix="kb-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(_KB_DIR, work / "kb", ignore=shutil.ignore_patterns("__pycache__"))
        (work / "mypy.ini").write_text(
            "[mypy]\nplugins = pydantic.mypy\nignore_missing_imports = True\n", "utf-8"
        )
        sources = [str(Path(*name.split(".")).with_suffix(".py")) for name in COMPILED]
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", *sources], cwd=work, capture_output=True, text=True
        )
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise BuildError(" / ".join(tail) or f"mypyc exited with {done.returncode}")
        files: dict[str, str] = {}
        staging = target.with_name(target.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name in COMPILED:
            package, _, leaf = name.rpartition(".")
            built = sorted((work / Path(*package.split("."))).glob(f"{leaf}.*.so"))
            if not built:
                raise BuildError(f"mypyc made no extension for {name}")
            shutil.copy2(built[0], staging / built[0].name)
            files[name] = built[0].name
        for shared in work.glob("*__mypyc.*.so"):  # the runtime the modules share
            shutil.copy2(shared, staging / shared.name)
            files[shared.name.split(".")[0]] = shared.name
        stamp = {"cache_tag": sys.implementation.cache_tag, "digest": digest, "files": files}
        (staging / _STAMP).write_text(json.dumps(stamp, indent=1), "utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)


class BuildError(Exception):
    """The compiled form could not be built; the parser runs as Python."""


def main(argv: Sequence[str] | None = None) -> int:
    """Build the compiled parser into DIR (the first argument; by default the virtual
    environment's ``kb-native``, or ``KB_NATIVE_DIR``). A machine without a C
    compiler or mypyc gets one line saying so, and the parser runs as Python (exit 0)."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else native_dir()
    try:
        importlib.import_module("mypyc")
        build(target)
    except (ImportError, BuildError, OSError) as e:
        print(f"compiled parser not built ({e}); the parser runs as Python", file=sys.stderr)
        return 0
    print(f"compiled parser built: {len(COMPILED)} modules in {target}")
    return 0
