def f():
    """Return one."""
    return 1
print(f.__doc__)
print(f.__name__)
def g():
    return 2
print(g.__doc__)
