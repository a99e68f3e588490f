def f(a, b, c):
    return a + b + c
args = [1, 2, 3]
print(f(*args), f(1, *[2, 3]))
print([*args, 4], (*args, 5), [*"ab", *range(2)])
d = {"b": 2, "c": 3}
print(f(1, **d))
print({**d, "a": 1})
