# OrderedDict's repr in CPython 3.11: a list of pairs.
from collections import OrderedDict

d = OrderedDict()
print(d, repr(d))
d["b"] = 1
d["a"] = [2, 3]
print(d)
print(str(d), list(d.items()))
print(OrderedDict([("x", 1), ("y", 2)]))
d.move_to_end("b")
print(d, d == {"a": [2, 3], "b": 1}, len(d), d["a"])
d.move_to_end("b", last=False)
print(list(d), type(d).__name__)
