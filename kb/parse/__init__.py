"""The citation parser: grammar tables, số hiệu, context, dates, laws by name, headers.

``kb.parse.extract`` is the entry point (text → citations). Imports only ``kb.readers`` and
``kb.models``.
"""
