import random
random.seed(2**40 + 7)
print(random.random(), random.getrandbits(8), random.getrandbits(40))
random.seed(-5)
print(random.random())
