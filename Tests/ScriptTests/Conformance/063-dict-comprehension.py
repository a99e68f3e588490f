sq = {x: x * x for x in range(5)}
print(sq)
inv = {v: k for k, v in sq.items() if v > 1}
print(inv)
words = ["apple", "bob", "cat"]
print({w: len(w) for w in words})
