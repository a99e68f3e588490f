x = None
print(x is None, x == None, x is not None, [None] * 2)
