import pytest

from reviewbot import NotEnoughReviewers, load_teams


def test_load_teams(teams):
    assert teams["payments"].available() == ["alice", "bruno", "chen", "dara", "hana", "ivo"]
    assert teams["platform"].owns("deploy/k8s.yaml")


def test_unknown_key_rejected():
    with pytest.raises(ValueError):
        load_teams("[x]\nowners = a\n")


def test_owning_teams_for_migration(assigner):
    names = [t.name for t in assigner.owning_teams(["src/ledger/migrations/0042.sql"])]
    assert names == ["payments", "platform"]


def test_platform_change_needs_two_reviewers(assigner):
    with pytest.raises(NotEnoughReviewers):
        assigner.assign("farah", ["deploy/terraform/main.tf"])


def test_author_never_reviews_own_billing_change(assigner):
    reviewers = assigner.assign("chen", ["src/billing/invoice.py"])
    assert len(reviewers) == 2
    assert "chen" not in reviewers


def test_load_is_tracked(assigner):
    assigner.assign("gus", ["deploy/ci.yml", "src/billing/tax.py"])
    assert sum(assigner.load.values()) == 2
