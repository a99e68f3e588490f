import random
random.seed(42)
print([random.random() for _ in range(3)])
random.seed(42)
print(random.random())
random.seed(0)
print(random.randint(1, 100), random.randint(1, 100), random.randrange(10), random.randrange(5, 50, 5))
