def f(a, b):
    return a
for call in ["missing", "extra", "dup", "unknown"]:
    try:
        if call == "missing":
            f(1)
        elif call == "extra":
            f(1, 2, 3)
        elif call == "dup":
            f(1, a=2)
        else:
            f(1, c=2)
    except TypeError as e:
        print(e)
