# `yield from` delegates send() and iterates any iterable.
def inner():
    got = yield "inner ready"
    while got != "stop":
        got = yield "inner got " + str(got)
    return "inner finished"

def outer():
    result = yield from inner()
    yield "outer saw " + result
    yield from [1, 2]
    yield from range(3, 5)
    yield from "ab"

o = outer()
print(next(o))
print(o.send("x"))
print(o.send("y"))
print(o.send("stop"))
print(list(o))

def tree(node):
    value, children = node
    yield value
    for c in children:
        yield from tree(c)

print(list(tree((1, [(2, [(3, [])]), (4, [])]))))
