print(int("42"), int(3.9), int(-3.9), float("1.5"), round(2.675, 2), round(7.5), abs(-3))
print(divmod(17, 5), pow(2, 10), 7 // -2, -7 % 3)
