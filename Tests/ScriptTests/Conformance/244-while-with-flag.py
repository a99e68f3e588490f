found = False
i = 0
data = [3, 8, 1, 9]
while not found and i < len(data):
    if data[i] > 5:
        found = True
    else:
        i += 1
print(found, i)
