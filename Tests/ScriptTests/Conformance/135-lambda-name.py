f = lambda: 0
print(f.__name__)
