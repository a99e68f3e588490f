# random.seed with a string: CPython's version-2 seeding (the SHA-512 of the text appended).
import random

random.seed("hello")
print(random.random(), random.randint(1, 100))
random.seed("")
print(random.random())
random.seed("a much longer seed string with ünïcode ✓")
print([random.randint(0, 9) for _ in range(8)])
random.seed(2**70 + 12345)
print(random.random())
random.seed(-5)
print(random.random())
