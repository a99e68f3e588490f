print("before")
def f():
    raise ValueError("uncaught here")
f()
print("after")
