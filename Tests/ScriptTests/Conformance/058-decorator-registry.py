registry = {}
def register(f):
    registry[f.__name__] = f
    return f
@register
def one():
    return 1
@register
def two():
    return 2
print(sorted(registry), registry["two"]())
