from helpdesk.views import counts_by_team


def test_counts_by_team_all_pending_urgent(tickets):
    assert counts_by_team(tickets, status="pending", priority="urgent", base={}) == {"apps": 1}


def test_counts_by_team_for_open(tickets):
    assert counts_by_team(tickets, status="open") == {"facilities": 2, "network": 2}
