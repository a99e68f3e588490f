errors = [ValueError("v"), KeyError("k"), TypeError("t", 1)]
print(errors)
print([str(e) for e in errors])
