def stats(*xs):
    return min(xs), max(xs), sum(xs) / len(xs)
lo, hi, mean = stats(3, 1, 2)
print(lo, hi, mean)
