class Count:
    def __init__(self, f):
        self.f = f
        self.calls = 0
    def __call__(self, *args):
        self.calls += 1
        return self.f(*args)
@Count
def add(a, b):
    return a + b
add(1, 2); add(3, 4)
print(add.calls, add(5, 6))
