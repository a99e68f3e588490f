class Key:
    def __init__(self, n):
        self.n = n
k1, k2 = Key(1), Key(2)
d = {k1: "one", k2: "two"}
print(d[k1], d[k2], len(d))
