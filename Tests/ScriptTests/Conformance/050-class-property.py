class Circle:
    def __init__(self, r):
        self._r = r
    @property
    def r(self):
        return self._r
    @r.setter
    def r(self, v):
        if v < 0:
            raise ValueError("negative")
        self._r = v
    @property
    def area(self):
        return round(3.14159 * self._r ** 2, 2)
c = Circle(2)
print(c.r, c.area)
c.r = 3
print(c.area)
try:
    c.r = -1
except ValueError as e:
    print(e)
