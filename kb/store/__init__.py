"""Where the KB lives: the schema and its migrations, the store and its two backends
(SQLite, PostgreSQL), which KB to open.

Imports only ``kb.parse``'s helpers, ``kb.readers`` and the models; never the graph or above.
"""

# the backends register themselves with ``Store``; neither imports its driver until used
from kb.store import postgres as postgres
from kb.store import sqlite as sqlite
