from collections import OrderedDict
d = OrderedDict()
d["b"] = 1
d["a"] = 2
print(list(d.keys()), list(d.items()))
