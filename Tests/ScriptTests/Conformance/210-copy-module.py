import copy
a = [[1, 2], [3]]
b = copy.copy(a)
c = copy.deepcopy(a)
a[0].append(99)
print(b, c)
class P:
    def __init__(self):
        self.items = [1]
p = P()
q = copy.deepcopy(p)
p.items.append(2)
print(q.items, p.items)
