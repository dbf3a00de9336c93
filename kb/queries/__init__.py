"""Questions asked of a built KB: show, applies, stats, the graph export.

Imports ``kb.ingest`` and everything below it; never the CLI.
"""
