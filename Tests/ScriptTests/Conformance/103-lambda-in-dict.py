ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print({k: f(3, 4) for k, f in ops.items()})
