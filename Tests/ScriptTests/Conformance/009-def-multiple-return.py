def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([3, 1, 4, 1, 5])
print(lo, hi, minmax([2]))
