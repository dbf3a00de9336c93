"""Legacy Word 97-2003 (.doc): converted to .docx by LibreOffice headless when it is
installed, then read as a .docx; without LibreOffice, a clear request to convert."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from kb.readers.base import SourceText
from kb.readers.errors import fail

CONVERT_TIMEOUT = 120.0


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: str, data: bytes) -> SourceText:
    exe = soffice()
    if exe is None:
        fail(path, "doc-needs-convert")
    with tempfile.TemporaryDirectory(prefix="kb-doc-") as tmp:
        folder = Path(tmp)
        src = folder / "input.doc"
        src.write_bytes(data)
        try:
            done = subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(folder),
                    str(src),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired:
            fail(path, "doc-convert-failed", detail=f"quá {CONVERT_TIMEOUT:.0f} s / timeout")
        except OSError as exc:
            fail(path, "doc-convert-failed", detail=str(exc))
        out = folder / "input.docx"
        if done.returncode != 0 or not out.exists():
            fail(path, "doc-convert-failed", detail=f"exit {done.returncode}")
        from kb.readers.docx import read_docx

        return read_docx(path, io.BytesIO(out.read_bytes()), kind="doc")
