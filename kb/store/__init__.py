"""Where the KB lives: the schema and its migrations, the SQLite store, which KB to open.

Imports only ``kb.parse``'s helpers, ``kb.readers`` and the models; never the graph or above.
"""
