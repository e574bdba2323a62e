from __future__ import annotations

from datetime import date

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.models import Issue, IssueStatus, SourceLink
from l10tui.domain.rules import InputError, clean_text

from .errors import Conflict
from .repo import Repo

CLOSED: tuple[IssueStatus, ...] = ("solved", "dropped", "merged")


class Issues(Repo[Issue]):
    table_name = "issues"
    model = Issue
    noun = "issue"

    def add(
        self,
        title: str,
        *,
        team: str,
        raised_by: str | None = None,
        raised_by_team: str | None = None,
        details: str = "",
        source: SourceLink | None = None,
        by: str = "",
    ) -> Issue:
        title = clean_text(title, "issue title")
        details = clean_text(details, "details", max_len=4000, multiline=True) if details.strip() else ""
        if not self.store.in_transaction:  # the rank is read and the issue added under one lock
            with self.store.transaction():
                return self.add(
                    title,
                    team=team,
                    raised_by=raised_by,
                    raised_by_team=raised_by_team,
                    details=details,
                    source=source,
                    by=by,
                )
        rank = 1 + max((i.rank for i in self.open_for(team)), default=0)
        return self._new(
            title=title,
            details=details,
            team=team,
            raised_by=raised_by,
            raised_by_team=raised_by_team,
            source=source,
            rank=rank,
            created_by=by,
        )

    def open_for(self, team: str | None = None, *, long_term: bool = False) -> list[Issue]:
        """Open issues (or the long-term list) of a team, in rank order."""
        want = "long-term" if long_term else "open"
        found = self.matching(status=want) if team is None else self.matching(status=want, team=team)
        return sorted(found, key=lambda i: (i.rank, i.created_at))

    def close(self, issue_id: str, status: IssueStatus, *, solution: str = "", reason: str = "") -> Issue:
        """End an open issue as solved, dropped or merged; history keeps it."""
        with self.store.transaction():
            issue = self.get(issue_id)
            if issue.status in CLOSED:
                raise Conflict(f"{issue.id} is already {issue.status}")
            self.store.name_change(f"{status} {issue.id}")
            issue.status = status
            issue.ended_at = self.store.clock.now()
            issue.end_reason = reason
            if solution.strip():
                issue.solution = clean_text(solution, "solution", max_len=4000, multiline=True)
            return self.save(issue)

    def solve(self, issue_id: str, solution: str = "") -> Issue:
        return self.close(issue_id, "solved", solution=solution)

    def drop(self, issue_id: str, reason: str = "") -> Issue:
        return self.close(issue_id, "dropped", reason=reason)

    def to_long_term(self, issue_id: str) -> Issue:
        with self.store.transaction():
            issue = self.get(issue_id)
            if issue.status != "open":
                raise Conflict(f"{issue.id} is {issue.status}, not open")
            self.store.name_change(f"moved {issue.id} to long-term")
            issue.status = "long-term"
            return self.save(issue)

    def reopen(self, issue_id: str) -> Issue:
        """Bring an issue back to its team's open list: from long-term, or undoing a solve, drop or merge.

        A closed issue keeps who raised it and when; how it had ended is kept as a line in its notes
        ("reopened 2026-12-01; had been dropped on 2026-11-30: duplicate"). A merged issue's note is taken out of
        the issue it had been merged into.
        """
        with self.store.transaction():
            issue = self.get(issue_id)
            if issue.status == "open":
                raise Conflict(f"{issue.id} is already open")
            self.store.name_change(f"reopened {issue.id}")
            if issue.status in CLOSED:
                issue.notes = _with_line(issue.notes, reopen_note(issue, self.store.today(), self.store.calendar))
                if issue.merged_into:
                    dst = self.find(issue.merged_into)
                    note = f"(merged {issue.id}: {issue.title})"
                    if dst is not None and note in dst.details:
                        dst.details = "\n".join(x for x in dst.details.split("\n") if x != note).strip()
                        self.save(dst)
                issue.merged_into = None
                issue.ended_at = None
                issue.end_reason = ""
            issue.status = "open"
            issue.rank = 1 + max((i.rank for i in self.open_for(issue.team)), default=0)
            return self.save(issue)

    def duplicates(self, title: str, team: str | None = None, exclude: str | None = None) -> list[Issue]:
        """Open or long-term issues with the same title (case and spacing aside), to warn before adding another."""
        key = " ".join(title.split()).casefold()
        return [
            i
            for i in self.all()
            if i.status in ("open", "long-term")
            and " ".join(i.title.split()).casefold() == key
            and (team is None or i.team == team)
            and i.id != exclude
        ]

    def merge(self, issue_id: str, into_id: str) -> Issue:
        """Combine two issues: the first ends as merged into the second, whose details gain its title."""
        with self.store.transaction():
            src, dst = self.get(issue_id), self.get(into_id)
            if src.id == dst.id:
                raise InputError("an issue cannot be merged into itself")
            if dst.status in CLOSED:
                raise Conflict(f"{dst.id} is {dst.status}; merge into an open issue")
            self.store.name_change(f"merged {src.id} into {dst.id}")
            merged = self.close(src.id, "merged", reason=f"merged into {dst.id}")
            merged.merged_into = dst.id
            self.save(merged)
            note = f"(merged {src.id}: {src.title})"
            dst.details = f"{dst.details}\n{note}".strip() if len(dst.details) + len(note) < 3900 else dst.details
            self.save(dst)
            return merged

    def move(self, issue_id: str, team: str) -> Issue:
        with self.store.transaction():
            issue = self.get(issue_id)
            self.store.name_change(f"moved {issue.id}")
            issue.team = team
            issue.rank = 1 + max((i.rank for i in self.open_for(team)), default=0)
            return self.save(issue)

    def rerank(self, team: str, ordered_ids: list[str]) -> None:
        """Give a team's open issues ranks 1..n in the order given (ids not listed keep their relative order after)."""
        with self.store.transaction():
            current = self.open_for(team)
            by_id = {i.id: i for i in current}
            order = [by_id[i] for i in ordered_ids if i in by_id]
            order += [i for i in current if i not in order]
            for rank, issue in enumerate(order, start=1):
                if issue.rank != rank:
                    issue.rank = rank
                    self.save(issue)

    def edit(
        self,
        issue_id: str,
        *,
        title: str | None = None,
        details: str | None = None,
        raised_by: str | None = None,
        raised_by_team: str | None = None,
    ) -> Issue:
        """Change an issue's words or who raised it (``raised_by``/``raised_by_team``: ids; "" clears them)."""
        with self.store.transaction():
            issue = self.get(issue_id)
            self.store.name_change(f"edited {issue.id}")
            if raised_by is not None:
                issue.raised_by = raised_by or None
            if raised_by_team is not None:
                issue.raised_by_team = raised_by_team or None
            if title is not None:
                issue.title = clean_text(title, "issue title")
            if details is not None:
                issue.details = clean_text(details, "details", max_len=4000, multiline=True) if details.strip() else ""
            return self.save(issue)


def reopen_note(issue: Issue, today: date, calendar: CompanyCalendar) -> str:
    """The line a reopened issue keeps about how it had ended (days in the company's time zone)."""
    when = f" on {calendar.day(issue.ended_at).isoformat()}" if issue.ended_at else ""
    why = f": {issue.end_reason}" if issue.end_reason else ""
    return f"reopened {today.isoformat()}; had been {issue.status}{when}{why}"


def _with_line(text: str, line: str) -> str:
    return f"{text}\n{line}".strip() if len(text) + len(line) < 3900 else text
