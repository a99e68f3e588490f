print(list(range(5)), list(range(2, 8, 2)), list(range(5, 0, -1)), len(range(0, 100, 7)))
print(range(10)[3], 5 in range(10), range(3))
