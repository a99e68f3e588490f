# Infinite generators consumed by islice, zip, next and a break.
import itertools

def naturals():
    n = 0
    while True:
        yield n
        n += 1

print(list(itertools.islice(naturals(), 5)))
print(list(zip("abc", naturals())))
squares = (n * n for n in naturals())
print([next(squares) for _ in range(4)])
for n in naturals():
    if n > 3:
        break
    print(n, end=" ")
print()
evens = (n for n in naturals() if n % 2 == 0)
print(next(evens), next(evens), next(evens))
