"""Checker for the citations in Vietnamese administrative drafts."""
