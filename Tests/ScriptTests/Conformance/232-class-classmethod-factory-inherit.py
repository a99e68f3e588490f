class Shape:
    sides = 0
    @classmethod
    def create(cls):
        return cls()
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"
class Tri(Shape):
    sides = 3
print(Shape.create().describe(), Tri.create().describe())
