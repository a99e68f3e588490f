print(int("ff", 16), int("101", 2), int("  7 "), str(12) + "3", int(True), float(3))
try:
    int("x1")
except ValueError as e:
    print(e)
