def pairs(a, b):
    return [(i, x, y) for i, (x, y) in enumerate(zip(a, b))]
print(pairs("ab", [1, 2]))
