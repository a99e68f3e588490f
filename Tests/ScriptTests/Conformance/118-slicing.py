xs = list(range(10))
print(xs[2:5], xs[::2], xs[-3:], xs[:-7], xs[::-3])
xs[1:3] = ["a", "b", "c"]
print(xs)
