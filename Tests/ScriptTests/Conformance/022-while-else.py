i = 0
while i < 3:
    i += 1
else:
    print("finished", i)
while True:
    break
else:
    print("never")
print("end")
