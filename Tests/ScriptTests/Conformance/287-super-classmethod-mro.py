class Base:
    @classmethod
    def create(cls):
        return cls.__name__ + " via Base"
class Left(Base):
    @classmethod
    def create(cls):
        return "Left>" + super().create()
class Right(Base):
    @classmethod
    def create(cls):
        return "Right>" + super().create()
class Bottom(Left, Right):
    pass
print(Bottom.create())
class Shape:
    def __init__(self, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)
class Colored:
    def __init__(self, color="red", **kwargs):
        self.color = color
        super().__init__(**kwargs)
class Square(Shape, Colored):
    def __init__(self, side, **kwargs):
        self.side = side
        super().__init__(**kwargs)
s = Square(3, name="sq", color="blue")
print(s.side, s.name, s.color)
try:
    raise type("x", (), {}) if False else KeyError("k")
except (ValueError, LookupError) as e:
    print(type(e).__name__, isinstance(e, LookupError))
