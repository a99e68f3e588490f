print(2 ** 100)
print(10 ** 20 + 1)
