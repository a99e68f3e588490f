total = 0
def add_all(xs):
    global total
    for x in xs:
        total += x
add_all([1, 2, 3])
add_all([4])
print(total)
