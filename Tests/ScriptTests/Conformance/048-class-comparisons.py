class Money:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __le__(self, o):
        return self.v <= o.v
    def __repr__(self):
        return f"${self.v}"
xs = [Money(5), Money(1), Money(3)]
print(sorted(xs), min(xs), max(xs), Money(1) < Money(2), Money(3) > Money(2))
