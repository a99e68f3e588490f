def make():
    items = []
    n = 0
    def add(x):
        nonlocal n
        items.append(x)
        n += 1
        return n, items
    return add
a = make()
a("x")
print(a("y"))
