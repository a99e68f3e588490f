print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(None, [0, 1, "", "a", None])))
print(list(zip("ab", [1, 2], (True, False))))
