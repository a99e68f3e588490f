def repeat(n):
    def deco(f):
        def wrapper(x):
            return [f(x) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def inc(x):
    return x + 1
print(inc(1))
