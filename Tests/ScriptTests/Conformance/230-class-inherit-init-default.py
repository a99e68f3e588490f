class Base:
    def __init__(self, size=3):
        self.size = size
class Child(Base):
    pass
print(Child().size, Child(5).size)
