def inner(a, b=0, **rest):
    return a, b, sorted(rest)
def outer(*args, **kwargs):
    return inner(*args, **kwargs)
print(outer(1), outer(1, b=2, c=3, d=4))
