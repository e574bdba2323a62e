"""A whole Level 10 on the demo store, driven with the facilitator's keys, then checked on the store."""

from __future__ import annotations

from datetime import UTC, date

from textual.pilot import Pilot
from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.store.backups import list_backups
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen, SummaryScreen
from l10tui.tui.widgets.issue_panel import IssuePanel
from l10tui.tui.widgets.row_table import RowTable
from l10tui.tui.widgets.scorecard_grid import ScorecardGrid


async def cursor_to(pilot: Pilot[None], table: RowTable, key: str) -> None:
    """Arrow keys until the cursor is on the row ``key`` (as the facilitator would)."""
    target = table.get_row_index(key)
    assert table.has_focus, f"{table.id} should have the focus"
    for _ in range(table.row_count):
        if table.cursor_row == target:
            break
        await pilot.press("down" if table.cursor_row < target else "up")
    assert table.selected_key == key


def focused_table(app: L10App) -> RowTable:
    focused = app.focused
    assert isinstance(focused, RowTable), focused
    return focused


async def dialog_save(pilot: Pilot[None], values: dict[str, object]) -> None:
    """Fill a dialog's boxes and save with ctrl+s."""
    await pilot.pause()
    screen = pilot.app.screen
    for wid, value in values.items():
        widget = screen.query_one(f"#{wid}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = str(value)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_whole_meeting_on_the_demo_store(demo_db: L10Store, clock: FakeClock) -> None:
    db = demo_db
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        run = screen.run
        mid = run.meeting.id

        # 1 Segue: Tom is away; a notes line.
        people = run.people()
        tom = people[-1].id  # the last one is away
        await cursor_to(pilot, focused_table(app), tom)
        await pilot.press("a")
        await pilot.press("tab")
        assert isinstance(app.focused, Input) and app.focused.id == "segue-notes"
        app.focused.value = "Aisha: new bike; Marco: closed Helios"
        await pilot.press("enter")
        clock.advance(200)

        # 2 Scorecard: this week's MQLs typed in place, then dropped to the issues list.
        await pilot.press("n")
        linked = {i.source.id for i in db.issues.open_for(None) if i.source is not None}
        mqls = next(m for m in run.measurables() if not m.derived and m.id not in linked)
        await cursor_to(pilot, focused_table(app), mqls.id)
        await pilot.press("enter")
        box = app.focused
        assert isinstance(box, Input) and box.id == "score-input"
        box.value = ""
        await pilot.press("4", "1", "2", "enter")
        await pilot.pause()
        grid = screen.query_one(ScorecardGrid)
        assert grid.value(mqls.id) == 412
        await pilot.press("d")
        clock.advance(250)

        # 3 Rocks: one off track and dropped.
        await pilot.press("n")
        rock = next(r for r in run.rocks() if r.final is None and r.id not in linked)
        await cursor_to(pilot, focused_table(app), rock.id)
        await pilot.press("f", "d")
        clock.advance(180)

        # 4 Headlines: one added with h.
        await pilot.press("n")
        await pilot.press("h")
        await dialog_save(pilot, {"hl-text": "Nordwind renewed for two years", "hl-by": people[1].id})
        clock.advance(120)

        # 5 To-dos: done / not done; the twice-not-done one is offered for the issues list and sent there.
        await pilot.press("n")
        to_review = run.todos_to_review()
        late = [t for t in to_review if t.reviews and not t.reviews[-1].done and t.id not in linked]
        assert len(late) >= 2, "the demo has to-dos already not done last meeting"
        on_time = [t for t in to_review if t not in late]
        table = focused_table(app)
        for todo in on_time:
            await cursor_to(pilot, table, todo.id)
            await pilot.press("y")
        await cursor_to(pilot, table, late[0].id)
        await pilot.press("u")
        await pilot.pause()
        assert "not done two meetings running" in str(app.screen.query_one("#dialog-title").render())
        await pilot.press("y")  # to issues
        await pilot.pause()
        await cursor_to(pilot, focused_table(app), late[1].id)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("n")  # keep it on the list
        await pilot.pause()
        clock.advance(240)

        # 6 IDS: pick the top three across two panels, solve two with to-dos, drop one.
        await pilot.press("n")
        await pilot.pause()
        sales_panel = screen.query_one("#panel-TM-1", IssuePanel)
        mkt_panel = screen.query_one("#panel-TM-2", IssuePanel)
        assert sales_panel.table.has_focus
        first, second = sales_panel.issues[0].id, sales_panel.issues[1].id
        await pilot.press("1", "down", "2")
        await pilot.press("tab")
        assert mkt_panel.table.has_focus
        third = mkt_panel.issues[0].id
        await pilot.press("3")
        assert run.top3 == [first, second, third]
        await pilot.press("shift+tab", "up", "enter")
        assert run.issue == first
        ident = screen.query_one("#ids-identify", Input)
        ident.focus()
        ident.value = "nobody owns the CRM fields"
        await pilot.press("enter")
        assert app.focused is not None and app.focused.id == "ids-discuss"
        app.focused.value = "Sales and Marketing both edit them"
        await pilot.press("enter")
        assert sales_panel.table.has_focus
        clock.advance(420)
        await pilot.press("s")
        lena = people[2].id
        await dialog_save(
            pilot,
            {
                "solve-text": "Lena owns the CRM fields",
                "solve-todo-1": "Write the CRM field guide",
                "solve-owner-1": lena,
            },
        )
        assert db.issues.get(first).status == "solved"
        assert sales_panel.selected_id == second
        await pilot.press("enter")
        clock.advance(300)
        await pilot.press("s")
        dana = people[1].id
        await dialog_save(
            pilot,
            {
                "solve-text": "MQLs get a first touch within 24 h",
                "solve-todo-1": "Alert on MQLs older than 24 h",
                "solve-owner-1": dana,
                "solve-due-1": "friday",
                "solve-todo-2": "Report 24 h SLA weekly",
                "solve-owner-2": lena,
            },
        )
        await pilot.press("tab")
        assert mkt_panel.table.has_focus and mkt_panel.selected_id == third
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        clock.advance(60)

        # 7 Conclude: a cascading message, ratings (one under 8 with its answer), finish.
        await pilot.press("n")
        await pilot.press("c")
        await dialog_save(pilot, {"text-value": "Tell support: CRM fields now owned by Lena"})
        scores = dict(zip([p.id for p in people[:-2]], [9, 8, 7, 10, 9, 8, 9, 9, 9], strict=False))
        ratings = focused_table(app)
        assert ratings.id == "ratings"
        for pid, score in scores.items():
            await cursor_to(pilot, ratings, pid)
            await pilot.press("r")
            values: dict[str, object] = {"rating-score": score}
            if score < 8:
                values["rating-comment"] = "less time on the scorecard"
            await dialog_save(pilot, values)
        clock.advance(150)
        await pilot.press("f")
        await pilot.pause()
        assert run.missing_ratings() == [people[-2].id]  # one present person did not rate: finish asks
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

    # Everything is in the store (read afresh, as the next process would).
    fresh = open_store(db.path, clock)
    m = fresh.meetings.get(mid)
    assert m.state == "finished" and m.actual_end == clock.now()
    assert m.attendance[tom] is False and m.segue_notes.startswith("Aisha: new bike")
    assert [s.actual_s for s in m.segments] == [200, 250, 180, 120, 240, 780, 150]
    week = date(2026, 11, 16)  # the Monday meeting reports last week's numbers
    assert fresh.scores.grid([week])[(mqls.id, week)] == 412
    added = [fresh.issues.get(i) for i in m.issues_added]
    by_kind = {i.source.kind: i for i in added if i.source is not None}
    assert by_kind["measurable"].source is not None and by_kind["measurable"].source.id == mqls.id
    assert by_kind["rock"].source is not None and by_kind["rock"].source.id == rock.id
    assert by_kind["todo"].title.startswith("To-do not done")
    assert all(i.raised_by_team for i in by_kind.values())
    assert fresh.rocks.get(rock.id).status == "off"
    shown = [fresh.headlines.get(h) for h in m.headlines]  # every headline shown, those from between meetings too
    (headline,) = [h for h in shown if h.text == "Nordwind renewed for two years"]
    assert headline.meeting == mid and all(h.meeting == mid for h in shown)
    reviews = {t.id: [r.done for r in t.reviews if r.meeting == mid] for t in fresh.todos.all()}
    assert all(reviews[t.id] == [True] for t in on_time)
    assert reviews[late[0].id] == [False] and reviews[late[1].id] == [False]
    assert by_kind["todo"].source is not None and by_kind["todo"].source.id == late[0].id
    assert late[1].id not in [i.source.id for i in added if i.source is not None]
    solved = [fresh.issues.get(first), fresh.issues.get(second)]
    assert [i.status for i in solved] == ["solved", "solved"]
    assert solved[0].solution == "Lena owns the CRM fields" and len(solved[1].todos) == 2
    for issue in solved:
        assert mid in issue.meetings
        for tid in issue.todos:
            todo = fresh.todos.get(tid)
            assert todo.source_issue == issue.id and todo.created_in_meeting == mid and tid in m.todos_created
    alert = fresh.todos.get(solved[1].todos[0])
    assert alert.owner == dana and alert.due == date(2026, 11, 27)
    assert fresh.issues.get(third).status == "dropped"
    discussed = {d.issue: d for d in m.issues_discussed}
    assert discussed[first].seconds == 420 and discussed[first].outcome == "solved"
    assert "Identify: nobody owns the CRM fields" in discussed[first].notes
    assert discussed[second].seconds == 300 and discussed[third].outcome == "dropped"
    assert m.cascading_messages == ["Tell support: CRM fields now owned by Lena"]
    rated = {r.person: r for r in m.ratings}
    assert rated[tom].absent and rated[people[2].id].comment == "less time on the scorecard"
    assert {p: rated[p].score for p in scores} == scores
    assert rated[people[-2].id].score is None and not rated[people[-2].id].absent
    assert list_backups(db.path)
