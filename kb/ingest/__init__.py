"""Filling the KB: ``build`` (corpus files → parsed rows → graph) and ``import`` (JSON lines).

Imports the graph, the store, the parser and the readers; never the queries or the CLI.
"""
