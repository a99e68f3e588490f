class MyList:
    pass
print(isinstance(3, int), isinstance(3.0, (int, float)), isinstance("a", str), isinstance([], list))
print(isinstance(MyList(), object), isinstance(True, int), isinstance(None, int))
