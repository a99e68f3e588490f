class Config:
    epochs = 10
    rate = 0.01
    def describe(self):
        return f"{self.epochs} epochs at {self.rate}"
c = Config()
print(Config.epochs, c.describe())
c.epochs = 3
print(c.describe(), Config.epochs)
Config.rate = 0.1
print(c.describe())
