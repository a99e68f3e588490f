class Tracker:
    count = 0
    def __init__(self):
        Tracker.count += 1
for _ in range(3):
    Tracker()
print(Tracker.count)
