import math
print(math.factorial(30))
n = 1
for i in range(1, 26):
    n *= i
print(n, n // math.factorial(24), len(str(n)))
print(sum([2 ** 70, 2 ** 70]), max(2 ** 80, 5), min(-2 ** 80, 1))
