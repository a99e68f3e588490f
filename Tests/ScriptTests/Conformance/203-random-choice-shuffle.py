import random
random.seed(1)
xs = list(range(10))
random.shuffle(xs)
print(xs)
print(random.choice(["a", "b", "c", "d"]), random.choice(range(100)))
print(random.sample(range(100), 5))
print(random.sample(range(20), 3))
