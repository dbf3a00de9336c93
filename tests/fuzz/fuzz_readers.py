"""Coverage-guided fuzzing of the readers with atheris (optional: ``pip install atheris``).

    .venv/bin/python tests/fuzz/fuzz_readers.py -max_total_time=300 [corpus_dir]

The first byte picks the reader (text, .docx, .pdf, .odt); the rest is the file. Any
exception other than ReadError is a crash: keep the input as a regression case in
tests/readers/test_fuzz_regressions.py.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    # The readers import these lazily: import them here so that they are instrumented too.
    import charset_normalizer  # noqa: F401
    import docx  # noqa: F401
    import odf.opendocument
    import odf.teletype  # noqa: F401

    from kb.readers.base import ReadError
    from kb.readers.docx import read_docx
    from kb.readers.odt import read_odt
    from kb.readers.pdf import read_pdf
    from kb.readers.text import decode_text


def one_input(data: bytes) -> None:
    if not data:
        return
    choice, body = data[0] % 4, data[1:]
    try:
        if choice == 0:
            decode_text("fuzz.txt", "txt", body)
        elif choice == 1:
            read_docx("fuzz.docx", io.BytesIO(body))
        elif choice == 2:
            read_pdf("fuzz.pdf", body)
        else:
            read_odt("fuzz.odt", body)
    except ReadError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
