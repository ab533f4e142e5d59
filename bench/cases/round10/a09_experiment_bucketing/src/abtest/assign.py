import random


def unit_point(experiment_key, subject_id):
    """Deterministic position of a subject in [0, 1) for one experiment."""
    rng = random.Random(hash((experiment_key, subject_id)))
    return rng.random()


class Assigner:
    def __init__(self, experiments, log=None):
        self.experiments = {e.key: e for e in experiments}
        self.log = log if log is not None else []

    def variant(self, experiment_key, subject_id):
        exp = self.experiments[experiment_key]
        if subject_id in exp.overrides:
            return exp.overrides[subject_id]
        if not exp.active:
            return exp.variants[0].name
        name = exp.pick(unit_point(experiment_key, subject_id))
        self.log.append((experiment_key, subject_id, name))
        return name

    def exposure_counts(self, experiment_key):
        counts = {}
        for key, _, name in self.log:
            if key == experiment_key:
                counts[name] = counts.get(name, 0) + 1
        return counts
