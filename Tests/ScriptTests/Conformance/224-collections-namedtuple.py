from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), Point._fields)
x, y = p
print(x + y, p == Point(1, 2), p == (1, 2), p._asdict())
Row = namedtuple("Row", "name score")
print(sorted([Row("b", 2), Row("a", 3)], key=lambda r: r.score))
