try:
    raise KeyError("k")
except LookupError:
    print("LookupError first")
except KeyError:
    print("never")
