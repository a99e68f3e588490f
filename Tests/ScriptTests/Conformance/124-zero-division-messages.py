for expr in ["1/0", "1//0", "1%0", "1.0/0"]:
    try:
        if expr == "1/0": 1 / 0
        elif expr == "1//0": 1 // 0
        elif expr == "1%0": 1 % 0
        else: 1.0 / 0
    except ZeroDivisionError as e:
        print(expr, e)
