import copy


class Node:
    def __init__(self, name):
        self.name = name
        self.data = {}
        self.applied = 0
        self.reads = 0

    def get(self, key):
        self.reads += 1
        return copy.deepcopy(self.data.get(key))

    def apply(self, seq, key, value):
        if seq <= self.applied:
            return False
        self.data[key] = copy.deepcopy(value)
        self.applied = seq
        return True

    def __repr__(self):
        return "Node(%s@%d)" % (self.name, self.applied)
