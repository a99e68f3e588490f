class Bag:
    items = []
    def add(self, x):
        self.items.append(x)
a, b = Bag(), Bag()
a.add(1); b.add(2)
print(Bag.items, a.items is b.items)
