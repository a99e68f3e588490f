def f():
    try:
        print("body")
    finally:
        print("finally")
f()
try:
    try:
        raise ValueError("x")
    finally:
        print("cleanup first")
except ValueError as e:
    print("then caught", e)
