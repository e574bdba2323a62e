from __future__ import annotations

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
        with self.store.transaction():
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
            issue.status = "long-term"
            return self.save(issue)

    def reopen(self, issue_id: str) -> Issue:
        with self.store.transaction():
            issue = self.get(issue_id)
            if issue.status != "long-term":
                raise Conflict(f"{issue.id} is {issue.status}; only long-term issues come back to the list")
            issue.status = "open"
            issue.rank = 1 + max((i.rank for i in self.open_for(issue.team)), default=0)
            return self.save(issue)

    def merge(self, issue_id: str, into_id: str) -> Issue:
        """Combine two issues: the first ends as merged into the second, whose details gain its title."""
        with self.store.transaction():
            src, dst = self.get(issue_id), self.get(into_id)
            if src.id == dst.id:
                raise InputError("an issue cannot be merged into itself")
            if dst.status in CLOSED:
                raise Conflict(f"{dst.id} is {dst.status}; merge into an open issue")
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

    def edit(self, issue_id: str, *, title: str | None = None, details: str | None = None) -> Issue:
        with self.store.transaction():
            issue = self.get(issue_id)
            if title is not None:
                issue.title = clean_text(title, "issue title")
            if details is not None:
                issue.details = clean_text(details, "details", max_len=4000, multiline=True) if details.strip() else ""
            return self.save(issue)
