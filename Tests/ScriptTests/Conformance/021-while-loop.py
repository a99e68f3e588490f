i = 0
while i < 5:
    i += 1
print(i)
n = 10
while n > 0:
    n -= 3
    if n == 4:
        break
print(n)
