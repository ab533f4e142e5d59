from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variant:
    name: str
    weight: float


@dataclass
class Experiment:
    key: str
    variants: list
    overrides: dict = field(default_factory=dict)
    active: bool = True

    def __post_init__(self):
        total = sum(v.weight for v in self.variants)
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"{self.key}: weights sum to {total}")
        names = [v.name for v in self.variants]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.key}: duplicate variant")

    def pick(self, point):
        """Map a point in [0, 1) onto the cumulative variant weights."""
        edge = 0.0
        for variant in self.variants:
            edge += variant.weight
            if point < edge:
                return variant.name
        return self.variants[-1].name
