class Plain:
    pass
a, b = Plain(), Plain()
d = {a: 1, b: 2}
print(len(d), d[a], d[b])
print(hash(a) == hash(a), a in {a}, b in {a})
class OnlyHash:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return self.k
x, y = OnlyHash(1), OnlyHash(1)
print(len({x, y}), len({x, x}))
counts = {}
for w in [OnlyHash(3), x, x]:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.values()))
