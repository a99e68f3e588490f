def normalize(xs):
    assert len(xs) > 0, "empty input"
    total = sum(xs)
    return [x / total for x in xs]
print(normalize([1, 1, 2]))
try:
    normalize([])
except AssertionError as e:
    print("AssertionError:", e)
