for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("no five")
for x in [1, 5]:
    if x == 5:
        print("found")
        break
else:
    print("never")
