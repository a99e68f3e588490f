import operator
print(operator.add(2, 3), operator.mul(4, 5))
pairs = [("b", 2), ("a", 3), ("c", 1)]
print(sorted(pairs, key=operator.itemgetter(1)))
print(list(map(operator.itemgetter(0), pairs)))
