"""The ``l10`` commands, one module per command group, loaded by :mod:`l10tui.cli` only when invoked.

``common`` holds what they share (the invocation's :class:`~l10tui.commands.common.Env`, the clock, tables, JSON
output, name lookups); ``app`` is the only module that opens the Textual app, and imports it inside the function.
"""
