"""Modal dialogs of the live meeting, reusable anywhere (each is a ``ModalScreen`` returning a result or ``None``).

Push one and get the result in a callback::

    self.app.push_screen(NewIssueDialog(teams=[("Sales", "TM-1")], people=[("Ann", "P-1")]), self.on_issue)

=====================  ===============================================================  ===========================
dialog                 constructor                                                      dismisses with
=====================  ===============================================================  ===========================
NewIssueDialog         teams, people, team=, raised_by=, title=                         NewIssue | None
NewTodoDialog          people, today, owner=, title=                                     TodoSpec | None
HeadlineDialog         people, by=                                                      NewHeadline | None
ConfirmDialog          question, yes="Yes", no="No"                                     bool
TextDialog             title, label, value="", placeholder=""                           str | None
RatingDialog           person name, score=None, comment=""                              (int, str) | None
SolveDialog            issue title, people, today, owner=                               Solution | None
ChoiceDialog           title, choices [(label, value)]                                  str | None
=====================  ===============================================================  ===========================

``ctrl+s`` or ``enter`` in the last box saves, ``escape`` cancels. Text is checked with ``domain.rules`` and dates
are read with ``domain.dates.parse_date`` relative to the ``today`` given; a problem is shown inside the dialog on
one line (``#dialog-error``) and the dialog stays open.

One module a job: ``base`` (the ``Dialog`` every one builds on), ``results`` (what they dismiss with), ``forms``
(issue, to-do, headline), ``confirm``, ``text_entry`` (a line of text, a rating), ``solve`` and ``pickers``. Import
them from here.
"""

from .base import Dialog, field_label, options
from .confirm import ConfirmDialog
from .forms import HeadlineDialog, NewIssueDialog, NewTodoDialog
from .pickers import ChoiceDialog
from .results import NewHeadline, NewIssue, Solution, TodoSpec
from .solve import SolveDialog
from .text_entry import RatingDialog, TextDialog

__all__ = [
    "ChoiceDialog",
    "ConfirmDialog",
    "Dialog",
    "HeadlineDialog",
    "NewHeadline",
    "NewIssue",
    "NewIssueDialog",
    "NewTodoDialog",
    "RatingDialog",
    "Solution",
    "SolveDialog",
    "TextDialog",
    "TodoSpec",
    "field_label",
    "options",
]
