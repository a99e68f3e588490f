class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y)) if False else self.x * 31 + self.y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

d = {Point(1, 2): "a"}
d[Point(1, 2)] = "b"
print(len(d), d[Point(1, 2)])
s = {Point(0, 1), Point(0, 1), Point(2, 3)}
print(len(s), Point(2, 3) in s, Point(9, 9) in s)
print(hash(Point(1, 2)))
class Minus:
    def __hash__(self):
        return -1
print(hash(Minus()))
