"""The citation parser: grammar tables, số hiệu, context, dates, laws by name, headers.

``kb.parse.extract`` is the entry point (text → citations). Imports only ``kb.readers`` and
``kb.models``.
"""

from kb.parse.native import install as _install_native

# the compiled form of the hot modules, when a build of these very sources is there
_install_native()
