i = 0
out = []
while i < 10:
    i += 1
    if i % 2:
        continue
    out.append(i)
print(out)
