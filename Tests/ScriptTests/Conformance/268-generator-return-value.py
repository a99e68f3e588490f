# `return x` in a generator: StopIteration.value, and the value of `yield from`.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print("again:", e.value, e.args)

def wrapper():
    result = yield from countdown(3)
    print("inner returned", result)
    yield "done"

print(list(wrapper()))

def empty():
    return 42
    yield

try:
    next(empty())
except StopIteration as e:
    print("empty:", e.value)
