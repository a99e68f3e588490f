from functools import reduce, partial, wraps, lru_cache
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 0))
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
print(square(7))
def deco(f):
    @wraps(f)
    def w(*a):
        return f(*a)
    return w
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30))
