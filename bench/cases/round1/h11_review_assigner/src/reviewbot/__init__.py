from .teams import Team, load_teams
from .assign import ReviewAssigner, NotEnoughReviewers

__all__ = ["Team", "load_teams", "ReviewAssigner", "NotEnoughReviewers"]
