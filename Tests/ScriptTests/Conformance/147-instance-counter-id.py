class Node:
    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []
    def total(self):
        return self.value + sum(c.total() for c in self.children)
tree = Node(1, [Node(2, [Node(4)]), Node(3)])
print(tree.total())
