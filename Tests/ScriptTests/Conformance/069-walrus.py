data = [1, 5, 12, 7]
if (n := len(data)) > 3:
    print("long", n)
big = [y for x in data if (y := x * 2) > 10]
print(big)
i = 0
while (i := i + 1) < 3:
    print(i)
