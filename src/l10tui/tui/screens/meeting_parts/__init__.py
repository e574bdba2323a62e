"""The live meeting screen in parts of one job each.

:class:`~l10tui.tui.screens.meeting.MeetingScreen` is the frame (layout, resizing, focus, leaving); it is put together
from :class:`.base.MeetingBase` (the engine, the views, the clock's redraw, what is selected) and one class of keys per
segment: ``segue``, ``scorecard``, ``rocks``, ``todos``, ``ids``, ``conclude``, plus ``anywhere`` (i / t / h / d).

Each part lists its bindings in ``SEGMENT_BINDINGS``; the screen's ``BINDINGS`` puts them in footer order, so binding
ids (``meeting.solve``...) stay as the keymap file knows them. Which of them are live is said by the segment's view
(``ACTIONS`` and ``DROP`` in :mod:`..meeting_views`), not by segment numbers.
"""
