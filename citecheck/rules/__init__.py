"""The rules, one per module. ``RULES`` lists them in code order."""

from __future__ import annotations

from citecheck.rules.arithmetic_total import ArithmeticTotal
from citecheck.rules.base import CheckContext, Rule, SourceDoc
from citecheck.rules.blank_placeholder import BlankPlaceholder
from citecheck.rules.date_mismatch import DateMismatch
from citecheck.rules.doubled_word import DoubledWord
from citecheck.rules.duplicate_citation import DuplicateCitation
from citecheck.rules.future_citation import FutureCitation
from citecheck.rules.invalid_date import InvalidDate
from citecheck.rules.issuer_mismatch import IssuerMismatch
from citecheck.rules.issuer_validity import IssuerValidity
from citecheck.rules.kb_date_mismatch import KbDateMismatch
from citecheck.rules.malformed_ref import MalformedRef
from citecheck.rules.number_year_mismatch import NumberYearMismatch
from citecheck.rules.own_number_forms import OwnNumberForms
from citecheck.rules.percentage_total import PercentageTotal
from citecheck.rules.period_mismatch import PeriodMismatch
from citecheck.rules.section_numbering import SectionNumbering
from citecheck.rules.superseded_citation import SupersededCitation
from citecheck.rules.unknown_document import UnknownDocument

RULES: tuple[type[Rule], ...] = tuple(
    sorted(
        (
            InvalidDate,
            MalformedRef,
            NumberYearMismatch,
            IssuerMismatch,
            IssuerValidity,
            DateMismatch,
            DuplicateCitation,
            PeriodMismatch,
            KbDateMismatch,
            SupersededCitation,
            FutureCitation,
            UnknownDocument,
            BlankPlaceholder,
            SectionNumbering,
            OwnNumberForms,
            DoubledWord,
            ArithmeticTotal,
            PercentageTotal,
        ),
        key=lambda r: r.code,
    )
)

__all__ = ["RULES", "CheckContext", "Rule", "SourceDoc", "find_rule", "matches"]


def find_rule(token: str) -> type[Rule] | None:
    """The rule named by its code (CC201, case-insensitive) or its name (date-mismatch)."""
    t = token.strip()
    for rule in RULES:
        if t.upper() == rule.code or t.lower() == rule.name:
            return rule
    return None


def matches(rule: type[Rule], token: str) -> bool:
    """``--select`` / ``--ignore`` matching: a code, a code prefix (CC2, CC) or a name."""
    t = token.strip()
    if not t:
        return False
    if t.lower() == rule.name or t.upper() == "ALL":
        return True
    return rule.code.startswith(t.upper())
