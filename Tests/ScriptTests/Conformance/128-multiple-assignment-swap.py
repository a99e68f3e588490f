a, b = 1, 2
a, b = b, a
print(a, b)
x = y = [1]
x.append(2)
print(y)
(c, d), e = (3, 4), 5
print(c, d, e)
