class Bag:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __iter__(self):
        return iter(self.xs)
b = Bag(1, 2, 3)
print(2 in b, 5 in b, sum(b), sorted(b, reverse=True))
