a = {1, 2, 3}
b = {3, 4}
print(a | b, a & b, a - b, a ^ b)
print(2 in a, 5 in a, len(a))
a.add(10)
a.discard(1)
print(sorted(a))
print(set(), set([3, 1, 3, 2]))
