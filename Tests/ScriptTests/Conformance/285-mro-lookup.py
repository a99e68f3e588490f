class Greeter:
    greeting = "hello"
    def greet(self):
        return self.greeting + " from " + self.name()
class Named:
    greeting = "hi"
    def name(self):
        return "named"
class Both(Greeter, Named):
    pass
class Other(Named, Greeter):
    pass
print(Both().greet(), Both.greeting)
print(Other().greet(), Other.greeting)
class Mixin:
    def describe(self):
        return f"{type(self).__name__}: {self.value}"
class Base:
    def __init__(self, value):
        self.value = value
class Thing(Mixin, Base):
    pass
t = Thing(5)
print(t.describe())
print([c.__name__ for c in Thing.__mro__])
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Y, X): pass
print(Z.__mro__)
print(W.mro())
