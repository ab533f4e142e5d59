"""Pick reviewers for a pull request from the teams owning the changed paths.

Reviewers are drawn at random so that review load spreads over the team.
"""
import random
from collections import Counter


class NotEnoughReviewers(Exception):
    pass


class ReviewAssigner:
    def __init__(self, teams, reviewers_per_pr=2):
        self.teams = teams
        self.reviewers_per_pr = reviewers_per_pr
        self.load = Counter()

    def owning_teams(self, paths):
        owners = [t for t in self.teams.values() if any(t.owns(p) for p in paths)]
        return sorted(owners, key=lambda t: t.name)

    def candidates(self, paths):
        seen = []
        for team in self.owning_teams(paths):
            for member in team.available():
                if member not in seen:
                    seen.append(member)
        return seen

    def assign(self, author, paths):
        pool = self.candidates(paths)
        if len([p for p in pool if p != author]) < self.reviewers_per_pr:
            raise NotEnoughReviewers("%d candidates for %s" % (len(pool), paths))
        chosen = random.sample(pool, self.reviewers_per_pr)
        self.load.update(chosen)
        return sorted(chosen)
