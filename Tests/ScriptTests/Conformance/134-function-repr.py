def f():
    pass
print(repr(f).startswith("<function f at 0x"), f.__qualname__)
class A:
    def m(self):
        pass
print(A.m.__qualname__, A.m.__name__)
