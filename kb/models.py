"""The records the parser produces and every command prints.

These pydantic models are the JSON contract of ``kb extract`` (see the design
notes, section 5); ``kb schema`` publishes their JSON schema.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Schemas are built on first validation or output, not at import: a command that never
# writes a model as JSON never pays for building it.
_DEFERRED = ConfigDict(defer_build=True)


class Family(StrEnum):
    """How a số hiệu is built (design notes, section 3.1)."""

    NORMATIVE = "normative"  # 45/2020/NĐ-CP
    LAW = "law"  # 59/2020/QH14, or a law cited by name and date
    ADMINISTRATIVE = "administrative"  # 62/KH-VPUB
    LETTER = "letter"  # công văn 3266/UBND-NC
    PARTY = "party"  # 429-QĐ/TU
    OLD = "old"  # 15-CP


class Location(BaseModel):
    """Where a span sits in the file as a person finds it (paragraph, cell, page)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None
    part: str | None = None  # body, header, footer, footnote, textbox
    offset: int | None = None  # character offset inside that paragraph / page

    def label(self) -> str:
        bits: list[str] = []
        if self.page is not None:
            bits.append(f"p{self.page}")
        if self.table is not None:
            bits.append(f"t{self.table}")
            if self.row is not None and self.cell is not None:
                bits.append(f"r{self.row}c{self.cell}")
        if self.paragraph is not None:
            bits.append(f"¶{self.paragraph}")
        if self.part and self.part != "body":
            bits.insert(0, self.part)
        return ".".join(bits) if bits else ""


class Citation(BaseModel):
    """One mention of another document, with its parts and exact span."""

    model_config = _DEFERRED

    text: str = Field(description="the citation exactly as in the source: source[start:end]")
    start: int = Field(description="character offset of the first character, in the text as read")
    end: int = Field(description="character offset just past the last character")
    line: int = Field(description="1-based line of start")
    column: int = Field(description="1-based column of start")
    family: Family | None = None
    type: str | None = Field(None, description="canonical type name, e.g. 'Quyết định'")
    type_code: str | None = Field(None, description="type abbreviation from the số hiệu, e.g. 'QĐ'")
    type_word: str | None = Field(None, description="type word as written before the number")
    number: str | None = Field(None, description="the number part of the số hiệu, as written")
    year: int | None = Field(None, description="year in the số hiệu (normative documents)")
    ref: str | None = Field(None, description="normalized số hiệu, e.g. '429-QĐ/TU'")
    ref_start: int | None = None
    ref_end: int | None = None
    issuer_code: str | None = Field(None, description="issuer code in the số hiệu, e.g. 'TU'")
    name: str | None = Field(None, description="title of a law cited by name")
    date: dt.date | None = Field(
        None, description="date of issue, ISO; null when absent or invalid"
    )
    date_text: str | None = Field(None, description="the date as written")
    date_valid: bool = True
    issuer: str | None = Field(None, description="issuing body named after the citation")
    issuer_named_code: str | None = Field(
        None, description="issuer code of the named body, from the issuer table"
    )
    subject: str | None = None
    pinpoint: str | None = Field(None, description="Điều / khoản / điểm, e.g. 'khoản 2 Điều 5'")
    key: str | None = Field(None, description="document identity used by the KB")
    self_reference: bool = False
    resolved_to: str | None = Field(None, description="key a back-reference resolved to")
    unresolved_reason: str | None = None
    anomalies: list[str] = Field(
        default_factory=list, description="damage seen in the số hiệu: codes from the grammar data"
    )
    location: Location | None = None
    law_unresolved: str | None = Field(
        None,
        description="a law cited by name that the register of laws does not resolve to a số "
        "hiệu: why (name-not-in-register, no-law-of-that-name-that-year, …)",
    )


_set = object.__setattr__


def citation_of(**values: Any) -> Citation:
    """A Citation from values the parser has already typed, without a validation pass: the
    record ``Citation.model_construct(**values)`` gives, built for a fraction of its cost (the
    parser makes one per citation)."""
    fields = dict(citation_defaults())
    fields.update(values)
    if "anomalies" not in values:
        fields["anomalies"] = []
    return citation_from_fields(fields, set(values))


def citation_from_fields(fields: dict[str, Any], fields_set: set[str]) -> Citation:
    """The Citation whose ``__dict__`` is ``fields`` (every field, in the order of the model)
    and whose explicitly set fields are ``fields_set``, as ``citation_of`` builds it: for the
    parser's own loop, which writes the whole dictionary at once."""
    c = Citation.__new__(Citation)
    _set(c, "__dict__", fields)
    _set(c, "__pydantic_fields_set__", fields_set)
    _set(c, "__pydantic_extra__", None)
    _set(c, "__pydantic_private__", None)
    return c


_CITATION_DEFAULTS: dict[str, Any] = {}


def citation_defaults() -> dict[str, Any]:
    """Every field of Citation in order, with its default (None for the required ones, which
    the parser always gives)."""
    if not _CITATION_DEFAULTS:
        for name, info in Citation.model_fields.items():
            _CITATION_DEFAULTS[name] = None if info.is_required() else info.get_default()
    return _CITATION_DEFAULTS


class DocumentHeader(BaseModel):
    """What a document says about itself at its top: số, place and date, type, title."""

    model_config = _DEFERRED

    number_text: str | None = Field(None, description="the 'Số:' line as written")
    number_blank: bool = Field(False, description="'Số:' present but the number left empty")
    ref: str | None = None
    number: str | None = None
    type: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    family: Family | None = None
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_blank: bool = Field(False, description="date line with day or month left empty")
    date_year: int | None = Field(None, description="year of the date line, even when incomplete")
    date_month: int | None = None
    title: str | None = None
    signer: str | None = None
    key: str | None = None
    number_start: int | None = None
    number_end: int | None = None
    date_start: int | None = None
    date_end: int | None = None
    type_word: str | None = Field(
        None, description="the type word of the title line as written, e.g. 'QUYẾT ĐỊNH'"
    )
    number_anomalies: list[str] = Field(
        default_factory=list,
        description="what is wrong with the own số hiệu: missing-dash (type code glued to the "
        "issuer code), type-word-mismatch (its type code contradicts the title's type word)",
    )


class ExtractedFile(BaseModel):
    """The result of reading one file: its own header and the citations in it."""

    model_config = _DEFERRED

    path: str
    document: DocumentHeader
    citations: list[Citation]
    chars: int = 0


class ExtractReport(BaseModel):
    """``kb extract --format json``."""

    model_config = _DEFERRED

    files: list[ExtractedFile]
