class A: pass
class B(A): pass
class C: pass
for obj in [A(), B(), C()]:
    print(type(obj).__name__, isinstance(obj, (B, C)), isinstance(obj, A))
