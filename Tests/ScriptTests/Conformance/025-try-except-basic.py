try:
    x = 1 / 0
except ZeroDivisionError:
    print("div by zero")
try:
    [][1]
except IndexError as e:
    print("IndexError:", e)
try:
    {}["k"]
except KeyError as e:
    print("KeyError:", e)
