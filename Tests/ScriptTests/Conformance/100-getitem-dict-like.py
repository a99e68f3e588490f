class Registry:
    def __init__(self):
        self.data = {}
    def __setitem__(self, k, v):
        self.data[k] = v
    def __getitem__(self, k):
        return self.data[k]
r = Registry()
r["a"] = 1
r["b"] = r["a"] + 1
print(r["b"], r.data)
