class A:
    def __init__(self):
        print("A.__init__")
        super().__init__()
    def who(self):
        return "A"
class B(A):
    def __init__(self):
        print("B.__init__")
        super().__init__()
    def who(self):
        return "B>" + super().who()
class C(A):
    def __init__(self):
        print("C.__init__")
        super().__init__()
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def __init__(self):
        print("D.__init__")
        super().__init__()
    def who(self):
        return "D>" + super().who()
d = D()
print(d.who())
print(D.__mro__)
print(D.mro())
print([k.__name__ for k in D.__mro__])
print(isinstance(d, C), isinstance(d, A), issubclass(D, C), issubclass(C, B))
