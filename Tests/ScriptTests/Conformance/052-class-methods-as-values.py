class A:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
a = A(7)
g = a.get
print(g(), A.get(a), [m() for m in [A(1).get, A(2).get]])
