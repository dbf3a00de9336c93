"""The graph of documents: identity, relation phrases, inference, curated facts, status, ranking.

Imports ``kb.store``, ``kb.parse`` and the layers below them; never the queries or the CLI.
"""
