try:
    d = {"a": 1}
    d["missing"]
except KeyError as e:
    print(repr(str(e)), e.args)
