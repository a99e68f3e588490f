try:
    raise ValueError("one", 2)
except ValueError as e:
    print(e.args, len(e.args))
