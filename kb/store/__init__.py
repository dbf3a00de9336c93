"""Where the KB lives: the schema and its migrations, the store and its two backends
(SQLite, PostgreSQL), which KB to open.

Imports only ``kb.parse``'s helpers, ``kb.readers`` and the models; never the graph or above.
The backends register themselves with ``Store`` when their module is imported, which
``kb.store.base.backend`` does the first time a KB of that kind is opened.
"""
