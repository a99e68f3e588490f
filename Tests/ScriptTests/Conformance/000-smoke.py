def fib(n):
    """Fibonacci."""
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(15), fib.__doc__)
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, z=9))
add = lambda x, y=1: x + y
print(add(2), add(2, 3))
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter(); c(); print(c())
i = 0
while i < 3:
    i += 1
else:
    print("done", i)
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("Rex")
print(d.speak(), d, [d], Dog.kind, isinstance(d, Animal), type(d).__name__)
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, repr(e))
finally:
    print("finally")
class MyError(ValueError):
    pass
try:
    raise MyError("bad thing")
except ValueError as e:
    print(type(e).__name__, e)
def gen(n):
    for i in range(n):
        yield i * i
print(list(gen(4)), sum(x for x in range(5)), {x: x*x for x in range(3)}, {1, 2, 3})
a, *b = [1, 2, 3, 4]
print(a, b, *b)
if (n := 10) > 5:
    print(n)
print(1 < 2 < 3, 1 < 3 < 2)
assert True
x = [1,2,3]; del x[0]; print(x)
