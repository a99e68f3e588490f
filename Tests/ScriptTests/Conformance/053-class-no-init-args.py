class Empty:
    pass
e = Empty()
e.x = 1
print(e.x)
try:
    Empty(1)
except TypeError as err:
    print(err)
