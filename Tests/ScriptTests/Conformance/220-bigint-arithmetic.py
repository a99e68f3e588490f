a = 2 ** 100
b = 3 ** 50
print(a, b, a + b, a - b, b - a, a * b)
print(a // b, a % b, -a // b, -a % b, a // -7, a % -7)
print(2 ** 64, -(2 ** 63) - 1, (2 ** 63 - 1) + 1, 9223372036854775807 * 3)
print(a == 2 ** 100, a > b, a < 10, a / 2 ** 99, float(a), int(a) == a)
print(type(a).__name__, isinstance(a, int), str(a)[:5], f"{a}"[-3:], abs(-a) == a)
