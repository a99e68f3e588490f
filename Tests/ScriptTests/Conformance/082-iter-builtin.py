it = iter([1, 2, 3])
print(next(it), next(it))
print(list(it))
