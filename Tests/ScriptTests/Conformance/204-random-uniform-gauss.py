import random
random.seed(123)
print(random.uniform(0, 10))
print(random.gauss(0, 1), random.gauss(0, 1), random.gauss(5, 2))
