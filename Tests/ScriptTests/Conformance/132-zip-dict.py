keys = ["a", "b", "c"]
vals = [1, 2, 3]
d = dict(zip(keys, vals))
print(d, dict(a=1, b=2), list(zip(*[(1, 2), (3, 4)])))
