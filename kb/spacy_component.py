"""spaCy pipeline component ``vn_citations``: citations as spans on a ``Doc``.

It wraps the same parser as ``kb extract`` (no second grammar). Registered through the
``spacy_factories`` entry point, so ``nlp.add_pipe("vn_citations")`` works without an import::

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vn_citations")
    doc = nlp("Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy")
    doc.spans["vn_citations"][0]._.kb_citation.ref  # '429-QĐ/TU'
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kb.parse.extract import extract_text

SPAN_KEY = "vn_citations"
LABEL = "CITATION"


def _register_extensions() -> None:
    if not Span.has_extension("kb_citation"):
        Span.set_extension("kb_citation", default=None)
    if not Doc.has_extension("kb_document"):
        Doc.set_extension("kb_document", default=None)


class CitationComponent:
    """Sets ``doc.spans[span_key]``: one span per citation, its parts in ``span._.kb_citation``."""

    def __init__(self, span_key: str, include_references: bool) -> None:
        _register_extensions()
        self.span_key = span_key
        self.include_references = include_references

    def __call__(self, doc: Doc) -> Doc:
        result = extract_text(doc.text)
        spans: list[Span] = []
        for c in result.citations:
            if not self.include_references and (
                c.self_reference or (c.ref is None and c.name is None)
            ):
                continue
            span = doc.char_span(c.start, c.end, label=LABEL, alignment_mode="expand")
            if span is None:
                continue
            span._.kb_citation = c
            spans.append(span)
        doc.spans[self.span_key] = spans
        doc._.kb_document = result.document
        return doc


@Language.factory(
    "vn_citations",
    default_config={"span_key": SPAN_KEY, "include_references": False},
)
def make_citation_component(
    nlp: Language, name: str, span_key: str, include_references: bool
) -> CitationComponent:
    return CitationComponent(span_key, include_references)


def citation_spans(doc: Doc, span_key: str = SPAN_KEY) -> list[dict[str, Any]]:
    """The spans of a processed Doc as plain dicts (text, offsets, ref, date)."""
    out: list[dict[str, Any]] = []
    for span in doc.spans[span_key]:
        c = span._.kb_citation
        out.append(
            {
                "text": span.text,
                "start": span.start_char,
                "end": span.end_char,
                "ref": c.ref if c else None,
                "date": c.date.isoformat() if c and c.date else None,
            }
        )
    return out
