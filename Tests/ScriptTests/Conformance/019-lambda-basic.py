sq = lambda x: x * x
print(sq(4), (lambda a, b=2: a + b)(1))
print(sorted(["bb", "a", "ccc"], key=lambda s: len(s)))
print(list(map(lambda x: x + 1, [1, 2, 3])))
