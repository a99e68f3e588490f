class V:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"V({self.x})"
class W(V):
    def __str__(self):
        return f"<{self.x}>"
print(V(1), [V(2)], repr(V(3)))
print(W(4), [W(5)], str(W(6)), f"{W(7)}")
