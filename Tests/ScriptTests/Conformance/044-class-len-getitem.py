class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("out")
        return i * 10
s = Seq(4)
print(len(s), s[2], list(s), bool(Seq(0)))
