"""Knowledge base of Vietnamese legal and administrative documents."""

from kb.extract import extract_file, extract_text
from kb.models import Citation, DocumentHeader, ExtractedFile

__all__ = ["Citation", "DocumentHeader", "ExtractedFile", "extract_file", "extract_text"]
