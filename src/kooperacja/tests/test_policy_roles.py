"""The policy's table says what each role may do today, the coordinator's included."""

from __future__ import annotations

from kooperacja import policy
from kooperacja.policy import INSTALLATION, ROLE_NOTES, Action, Role


def test_every_role_is_described_under_the_table():
    assert set(ROLE_NOTES) == {*Role.values, INSTALLATION}


def test_the_coordinator_has_its_own_row_saying_what_it_may_do_today():
    row = next(line for line in policy.roles_table().splitlines()
               if line.startswith("| coordinator |"))
    assert "view_counts, analyst_view, draft_report, publish_report" in row
    assert "diagnosis cycles" in row and "teams and the partnership register" in row
    granted = {a for a, grants in policy.RULES.items() if Role.COORDINATOR in grants}
    assert granted == {Action.VIEW_COUNTS, Action.ANALYST_VIEW, Action.DRAFT_REPORT,
                       Action.PUBLISH_REPORT, Action.MANAGE_TEAMS,
                       Action.VIEW_CYCLE, Action.MANAGE_CYCLE,
                       Action.MANAGE_PROGRAMMES}
