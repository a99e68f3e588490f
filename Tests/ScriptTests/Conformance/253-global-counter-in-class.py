created = 0
class Obj:
    def __init__(self):
        global created
        created += 1
objs = [Obj() for _ in range(4)]
print(created, len(objs))
