class Outer:
    class Inner:
        value = 42
    def get(self):
        return self.Inner.value
print(Outer().get(), Outer.Inner.value)
