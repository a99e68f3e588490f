class A:
    x = 1
a = A()
b = A()
a.x = 2
print(a.x, b.x, A.x)
del a.x
print(a.x)
