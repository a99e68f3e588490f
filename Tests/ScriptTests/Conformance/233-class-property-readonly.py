class Temp:
    def __init__(self):
        self._c = 20
    @property
    def f(self):
        return self._c * 9 / 5 + 32
t = Temp()
print(t.f)
try:
    t.f = 10
except AttributeError as e:
    print("AttributeError")
