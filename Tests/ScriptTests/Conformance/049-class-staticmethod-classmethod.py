class Temp:
    unit = "C"
    def __init__(self, deg):
        self.deg = deg
    @staticmethod
    def convert(f):
        return (f - 32) * 5 / 9
    @classmethod
    def from_f(cls, f):
        return cls(cls.convert(f))
t = Temp.from_f(212)
print(t.deg, Temp.convert(32), t.convert(50), type(t).__name__)
