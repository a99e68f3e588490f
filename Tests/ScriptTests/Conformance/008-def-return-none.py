def nothing():
    pass
def early(x):
    if x:
        return
    print("late")
print(nothing(), early(True))
early(False)
