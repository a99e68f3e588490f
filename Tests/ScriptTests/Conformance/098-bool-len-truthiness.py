class Box:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
class Flag:
    def __bool__(self):
        return False
print(bool(Box([])), bool(Box([1])), bool(Flag()), "yes" if Box([2]) else "no")
