def batches(xs, n):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]
print(list(batches(list(range(7)), 3)))
