x = [1, 2, 3, 4]
del x[0]
print(x)
del x[1:]
print(x)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
y = 5
del y
try:
    print(y)
except NameError as e:
    print("NameError:", e)
