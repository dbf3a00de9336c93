"""The ``kb`` command: its subcommands, their text output and the JSON schemas they print.

The top layer of ``kb``: may import every layer below; nothing in ``kb`` imports it.
"""
