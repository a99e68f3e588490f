class P:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return f"P{self.n}"
print([P(1), P(2)], (P(3),), {"k": P(4)}, {1: [P(5)]})
