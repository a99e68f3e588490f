class Temp:
    def __init__(self, c):
        self.c = c
    def __str__(self):
        return f"{self.c}°C"
    def __format__(self, spec):
        return format(self.c, spec) + "C"
t = Temp(21.456)
print(str(t), f"{t:.1f}")
