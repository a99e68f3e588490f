import math
print(type(math.floor(2.5)).__name__, math.floor(-2.5), math.ceil(-2.5), math.floor(3))
