m = [[i * j for j in range(3)] for i in range(3)]
print(m)
print([x for row in m for x in row if x])
