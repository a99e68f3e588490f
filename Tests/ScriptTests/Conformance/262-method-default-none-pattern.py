class Logger:
    def __init__(self, prefix=None):
        self.prefix = prefix if prefix is not None else "[log]"
    def log(self, *parts, sep=" "):
        print(self.prefix, sep.join(str(p) for p in parts))
Logger().log("a", 1)
Logger(">>").log("b", 2, sep="-")
