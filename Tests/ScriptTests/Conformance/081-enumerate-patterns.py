for i, (a, b) in enumerate([(1, 2), (3, 4)], start=1):
    print(i, a + b)
