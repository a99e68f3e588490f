def check(x):
    if not isinstance(x, int):
        raise TypeError(f"expected int, got {type(x).__name__}")
    if x < 0:
        raise ValueError("negative")
    return x
for v in [3, -1, "s"]:
    try:
        print(check(v))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
