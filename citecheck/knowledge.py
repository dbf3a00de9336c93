"""Which knowledge base a check uses: the one handed in, a built KB file, or one built in memory.

* an object handed to the API (``kb=``) — used as it is when it already answers ``known`` and
  ``standing``, else asked through ``kb``'s ``KnowledgeBase`` (:class:`KnowledgeBaseView`);
* ``--db FILE`` (or ``db`` in ``[tool.citecheck]``) — a KB built with ``kb build``;
* a directory checked as a corpus — a KB built in memory from the documents being checked;
* otherwise ``kb.sqlite`` in the working directory, when ``kb build`` made one there.

The KB is optional: without one, the rules that need it (kb-date-mismatch,
superseded-citation, unknown-document) do not run, and the table of authorities says
"could not judge".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from citecheck.config import ConfigError
from citecheck.kbview import KBView, KnowledgeBaseView

if TYPE_CHECKING:
    from citecheck.rules.base import SourceDoc


def as_view(kb: Any) -> KBView:
    """The KB as the rules ask it: an object answering ``known`` and ``standing`` as it is,
    else ``kb``'s ``KnowledgeBase``."""
    if hasattr(kb, "known") and hasattr(kb, "standing"):
        return cast(KBView, kb)
    return KnowledgeBaseView(kb)


# a driver's own words at the end of a message ("… (file is not a database)"): English
_DRIVER_DETAIL = re.compile(r"\s*\([\x20-\x7e]*\)\s*$")


class KBUnusable(ConfigError):
    """The KB named by --db cannot be used; the message in Vietnamese, :meth:`says` in either."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(self.says("vi"))

    def says(self, lang: str) -> str:
        from citecheck.messages import message

        params = dict(self.params)
        if lang == "vi" and "reason" in params:
            params["reason"] = _DRIVER_DETAIL.sub("", str(params["reason"]))
        return message("report", self.key, lang, **params)


def open_db(db: str) -> KBView:
    from kb.queries.knowledge_base import KnowledgeBase

    path = Path(db)
    if not path.is_file():
        raise KBUnusable("kb_not_found", db=db)
    try:
        kb = KnowledgeBase.open(path)
    except Exception as exc:  # a corrupt or foreign file is a user error, not a crash
        raise KBUnusable("kb_cannot_open", db=db, reason=exc) from exc
    return KnowledgeBaseView(kb)


FACTS_NAME = "facts.toml"
# A KB built on the fly is for a draft folder or an office's corpus; a larger collection is
# built once with `kb build` and passed with --db.
MAX_IN_MEMORY_FILES = 500


def in_memory(docs: Sequence[SourceDoc], roots: Sequence[Path] = ()) -> KBView | None:
    """A KB built from the documents being checked, with the curated facts of the
    directories (``facts.toml``) when there are any."""
    if not docs or len(docs) > MAX_IN_MEMORY_FILES:
        return None
    from kb.ingest.build import add_extracted
    from kb.queries.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.in_memory()
    facts = [r / FACTS_NAME for r in roots if (r / FACTS_NAME).is_file()]
    add_extracted(kb.store, [(d.extracted, d.text) for d in docs], facts)
    return KnowledgeBaseView(kb)


def resolve_kb(
    kb: Any,
    db: str | None,
    corpus_docs: Sequence[SourceDoc] | None,
    roots: Sequence[Path] = (),
) -> KBView | None:
    if kb is not None:
        return as_view(kb)
    if db:
        return open_db(db)
    if corpus_docs:
        return in_memory(corpus_docs, roots)
    return default_db()


def default_db() -> KBView | None:
    """``kb.sqlite`` in the working directory (DESIGN §5), when one was built there."""
    from kb.store.config import db_path

    path = db_path()
    return open_db(str(path)) if path.is_file() else None
