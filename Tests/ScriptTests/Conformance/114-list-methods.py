xs = [3, 1, 2]
xs.append(4); xs.extend([5]); xs.insert(0, 0)
print(xs, xs.pop(), xs.index(2), xs.count(1))
xs.sort(); print(xs)
xs.reverse(); print(xs)
xs.remove(2); print(xs)
