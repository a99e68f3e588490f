import math
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.trunc(-2.5), math.pi, math.e)
print(math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(8), math.exp(0))
print(round(math.sin(math.pi / 2), 6), round(math.cos(0), 6), math.fabs(-2), math.hypot(3, 4))
print(math.factorial(10), math.gcd(12, 18), math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.isinf(math.inf))
print(math.comb(5, 2), math.prod([1, 2, 3, 4]), math.degrees(math.pi), math.radians(180))
