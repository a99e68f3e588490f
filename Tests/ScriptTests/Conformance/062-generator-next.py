def gen():
    yield "a"
    yield "b"
g = gen()
print(next(g), next(g), next(g, "done"))
try:
    next(g)
except StopIteration:
    print("stop")
