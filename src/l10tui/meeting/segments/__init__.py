"""One module per agenda segment, each a small class of that segment's actions on the meeting engine.

Each class extends :class:`~l10tui.meeting.agenda.AgendaReads` (the reads) over
:class:`~l10tui.meeting.core.RunCore` (clock and checkpoint); :class:`~l10tui.meeting.run.MeetingRun` is all of them
together. An action checks what it can first (one clear line), then writes inside ``self._change()``.
"""
