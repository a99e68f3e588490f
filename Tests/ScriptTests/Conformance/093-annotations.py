x: int = 5
y: list
def f(a: int, b: str = "s") -> str:
    return b * a
print(x, f(2))
