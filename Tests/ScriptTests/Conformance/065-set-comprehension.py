s = {x % 3 for x in range(10)}
print(s, len(s))
print({1, 2} <= {1, 2, 3}, {1, 2} == {2, 1}, {1} < {1})
