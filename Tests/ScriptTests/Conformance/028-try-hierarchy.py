try:
    [][0]
except LookupError as e:
    print("lookup", type(e).__name__)
try:
    1 / 0
except ArithmeticError as e:
    print("arith", type(e).__name__)
try:
    raise KeyError("k")
except Exception as e:
    print("exc", type(e).__name__, e)
