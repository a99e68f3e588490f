class Dataset:
    def __init__(self, xs):
        self.xs = xs
    @property
    def size(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
ds = Dataset([10, 20, 30])
print(ds.size, ds[1], ds[-1], ds[0:2])
