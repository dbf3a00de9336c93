"""``kb extract`` stays light: the parser path never imports spaCy (or networkx)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "corpus" / "2024-bc-dan-van-dan-chu-quy-1.txt"


def test_extract_imports_neither_spacy_nor_networkx() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kb.cli.main import main\n"
        f"r = CliRunner().invoke(main, ['extract', {str(SEED)!r}, '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('spacy', 'networkx', 'thinc') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
