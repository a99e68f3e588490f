tests = [lambda: 1 + "a", lambda: "a" + 1, lambda: len(5), lambda: 3(), lambda: [] < 1]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
